#pragma once
// The pairing module's SQL. Its own tables: pairing, pairing_party, pairing_help, volunteer_team,
// volunteer and volunteer_hours; names of other modules' rows come from their services.
namespace jiceng::pairing::sql {

// --- Pairings ---------------------------------------------------------------------------------
constexpr char kPairingArea[] = "SELECT area_path FROM pairing WHERE id = ?";
constexpr char kPairingKind[] = "SELECT kind FROM pairing WHERE id = ?";
constexpr char kPartiesOnSide[] = "SELECT COUNT(*) FROM pairing_party WHERE pairing_id = ? AND side = ?";
constexpr char kPartyThere[] = "SELECT 1 FROM pairing_party WHERE pairing_id = ? AND party_kind = ? AND ref_id = ?";
constexpr char kInsertParty[] =
    "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, ?, ?, ?, ?)";
constexpr char kDeleteParty[] = "DELETE FROM pairing_party WHERE id = ? AND pairing_id = ?";
constexpr char kPartyAdded[] = "UPDATE pairing SET parties_count = parties_count + 1, updated_at = ? WHERE id = ?";
constexpr char kPartyRemoved[] = "UPDATE pairing SET parties_count = parties_count - 1, updated_at = ? WHERE id = ?";
// Whether a member or unit helps in a pairing (may record what was done).
constexpr char kMemberHelps[] =
    "SELECT 1 FROM pairing_party WHERE pairing_id = ? AND side = 'helper' AND party_kind = 'member' AND ref_id = ?";
constexpr char kUnitHelps[] =
    "SELECT 1 FROM pairing_party WHERE pairing_id = ? AND side = 'helper' AND party_kind = 'unit' AND ref_id = ?";
constexpr char kInsertHelp[] =
    "INSERT INTO pairing_help (pairing_id, on_date, content, hours, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr char kHelpCounted[] =
    "UPDATE pairing SET helps = helps + 1, help_hours = help_hours + ?, updated_at = ? WHERE id = ?";
constexpr char kParties[] =
    "SELECT id, side, party_kind, ref_id, name FROM pairing_party WHERE pairing_id = ? ORDER BY side, id";
constexpr char kHelps[] =
    "SELECT id, on_date, content, hours, recorded_by, at FROM pairing_help WHERE pairing_id = ? "
    "ORDER BY on_date DESC, id DESC LIMIT 200";

// --- Volunteer teams --------------------------------------------------------------------------
constexpr char kTeamArea[] = "SELECT area_path FROM volunteer_team WHERE id = ?";
constexpr char kPersonInTeam[] = "SELECT 1 FROM volunteer WHERE team_id = ? AND person_id = ?";
constexpr char kMemberInTeam[] = "SELECT 1 FROM volunteer WHERE team_id = ? AND member_id = ?";
constexpr char kInsertVolunteer[] =
    "INSERT INTO volunteer (team_id, name, person_id, member_id, joined_at) VALUES (?, ?, ?, ?, ?)";
constexpr char kVolunteerAdded[] = "UPDATE volunteer_team SET volunteers = volunteers + 1, updated_at = ? WHERE id = ?";
constexpr char kVolunteerOfTeam[] = "SELECT 1 FROM volunteer WHERE id = ? AND team_id = ?";
constexpr char kInsertHours[] =
    "INSERT INTO volunteer_hours (volunteer_id, on_date, hours, content, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kVolunteerHours[] = "UPDATE volunteer SET hours = hours + ? WHERE id = ?";
constexpr char kTeamHours[] = "UPDATE volunteer_team SET hours = hours + ?, updated_at = ? WHERE id = ?";
constexpr char kVolunteers[] =
    "SELECT id, name, person_id, member_id, hours FROM volunteer WHERE team_id = ? ORDER BY id";

// --- Register scopes: members and units see the pairings they are a party to -------------------
constexpr char kPairingsOfMember[] =
    "t.id IN (SELECT pairing_id FROM pairing_party WHERE party_kind = 'member' AND ref_id = ?)";
constexpr char kPairingsOfUnit[] =
    "t.id IN (SELECT pairing_id FROM pairing_party WHERE party_kind = 'unit' AND ref_id = ?)";

}  // namespace jiceng::pairing::sql
