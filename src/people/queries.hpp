#pragma once
// The people module's SQL: members' and people's sensitive fields, and who staffs each grid.
namespace jiceng::people::sql {

// A masked field in full: "SELECT <column> FROM <table>" + this + the reveal scope.
constexpr char kRevealWhere[] = " WHERE id = ? AND ";

constexpr char kMemberWithIdNumber[] = "SELECT 1 FROM member WHERE id_number_idx = ? AND id <> ?";

// Grid staff in the path range a set of grids spans, and the grid party organisations there.
constexpr char kGridStaffWithin[] =
    "SELECT area_path, id, name, title, grid_role FROM person WHERE area_path >= ? AND "
    "area_path < ? AND kind = 'grid_staff' AND grid_role IN ('chief', 'full_time', 'assistant') "
    "ORDER BY id";
constexpr char kOrgsWithin[] =
    "SELECT area_path, id, name, secretary FROM party_org WHERE area_path >= ? AND "
    "area_path < ? ORDER BY depth, id";
// "…WHERE id IN (" + placeholders + ")"
constexpr char kPeopleByIds[] = "SELECT id, name, title FROM person WHERE id IN (";
constexpr char kCadre[] = "SELECT id, area_path FROM person WHERE id = ? AND kind = 'cadre'";

// ---- For appeals ----
constexpr char kFullTimeGridWorkerAccounts[] =
    "SELECT account_id FROM person WHERE area_id = ? AND grid_role = 'full_time' AND account_id IS NOT NULL "
    "ORDER BY id";

}  // namespace jiceng::people::sql
