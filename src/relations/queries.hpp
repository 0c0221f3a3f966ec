#pragma once
// The relations module's SQL as named constants. Its tables carry both sides' org and area paths,
// so "everything either side of a transfer or a flow sees" is two index ranges OR-ed.
namespace jiceng::relations::sql {

// --- Transfers -------------------------------------------------------------------------------------
constexpr char kTransferColumns[] =
    "SELECT t.id, t.kind, t.state, t.member_id, t.member_name, t.from_org_id, t.from_org_path, t.from_area_path, "
    "t.from_outside, t.to_org_id, t.to_org_path, t.to_area_path, t.to_outside, t.reason, t.letter_year, t.letter_no, "
    "t.outside_letter_no, t.valid_days, t.receipt_on, t.receipt_note, t.refused_reason, t.started_by, t.started_at, "
    "t.decided_by, t.decided_at FROM relation_transfer t ";
constexpr char kInsertTransfer[] =
    "INSERT INTO relation_transfer (kind, state, member_id, member_name, from_org_id, from_org_path, from_area_path, "
    "from_outside, to_org_id, to_org_path, to_area_path, to_outside, reason, letter_year, letter_no, "
    "outside_letter_no, valid_days, started_by, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?) RETURNING id";
constexpr char kOpenTransferOf[] = "SELECT id FROM relation_transfer WHERE member_id = ? AND state = 'pending'";
constexpr char kDecideTransfer[] =
    "UPDATE relation_transfer SET state = ?, refused_reason = ?, decided_by = ?, decided_at = ? WHERE id = ? AND "
    "state = 'pending'";
constexpr char kReceipt[] =
    "UPDATE relation_transfer SET state = 'confirmed', receipt_on = ?, receipt_note = ?, decided_by = ?, "
    "decided_at = ? WHERE id = ? AND state = 'pending'";
constexpr char kNextCounter[] =
    "INSERT INTO relation_counter (name, year, value) VALUES (?, ?, 1) ON CONFLICT (name, year) DO UPDATE SET "
    "value = relation_counter.value + 1 RETURNING value";
constexpr char kTransfersOfMember[] = " WHERE t.member_id = ? ORDER BY t.id DESC";
// Pending transfers started before a moment, for the sweep (relation_transfer_state).
constexpr char kPendingBefore[] =
    "SELECT id, member_id, member_name, from_org_id, from_org_path, from_area_path, started_at, kind FROM "
    "relation_transfer WHERE state = 'pending' AND started_at < ? AND from_org_id IS NOT NULL ORDER BY id";
// Members with a transfer pending or confirmed since a day (for transfer_due), + placeholders + tail.
constexpr char kTransferSinceIn[] =
    "SELECT member_id, MAX(started_at) FROM relation_transfer WHERE state IN ('pending', 'confirmed') AND "
    "member_id IN (";
constexpr char kTransferSinceTail[] = " GROUP BY member_id";

// --- Flows -----------------------------------------------------------------------------------------
constexpr char kFlowColumns[] =
    "SELECT f.id, f.member_id, f.member_name, f.registered_by, f.home_org_id, f.home_org_path, f.home_area_path, "
    "f.host_org_id, f.host_org_path, f.host_area_path, f.host_outside, f.destination, f.since, f.contact, "
    "f.fixed_place, f.last_contact_on, f.untraceable_since, f.state, f.ended_on, f.created_by, f.created_at FROM "
    "relation_flow f ";
constexpr char kInsertFlow[] =
    "INSERT INTO relation_flow (member_id, member_name, registered_by, home_org_id, home_org_path, home_area_path, "
    "host_org_id, host_org_path, host_area_path, host_outside, destination, since, contact, fixed_place, state, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id";
constexpr char kActiveFlowOf[] = "SELECT id FROM relation_flow WHERE member_id = ? AND state = 'active'";
constexpr char kFlowContact[] =
    "UPDATE relation_flow SET last_contact_on = ?, untraceable_since = NULL WHERE id = ? AND state = 'active'";
constexpr char kFlowUntraceable[] = "UPDATE relation_flow SET untraceable_since = ? WHERE id = ? AND state = 'active'";
constexpr char kFlowEnd[] = "UPDATE relation_flow SET state = 'ended', ended_on = ? WHERE id = ? AND state = 'active'";
constexpr char kUntraceableSince[] =
    "SELECT untraceable_since FROM relation_flow WHERE member_id = ? AND untraceable_since IS NOT NULL ORDER BY id "
    "DESC";
constexpr char kFlowsOfMember[] = " WHERE f.member_id = ? ORDER BY f.id DESC";
// A page of active flows for the sweep, by id.
constexpr char kActiveFlowsPage[] =
    "SELECT id, member_id, member_name, home_org_id, home_org_path, home_area_path, since, last_contact_on, "
    "untraceable_since, fixed_place, host_org_id FROM relation_flow WHERE state = 'active' AND id > ? ORDER BY id "
    "LIMIT ?";

// --- Checks ----------------------------------------------------------------------------------------
constexpr char kInsertCheck[] =
    "INSERT INTO relation_check (check_kind, subject_id, member_id, member_name, org_id, org_path, area_path, detail, "
    "source, state, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT (check_kind, subject_id) "
    "WHERE state = 'open' DO NOTHING RETURNING id";
constexpr char kOpenChecks[] = "SELECT id, check_kind, subject_id FROM relation_check WHERE state = 'open'";
constexpr char kResolveCheck[] = "UPDATE relation_check SET state = 'resolved', resolved_at = ? WHERE id = ?";
constexpr char kCheckColumns[] =
    "SELECT c.id, c.check_kind, c.subject_id, c.member_id, c.member_name, c.org_id, c.org_path, c.area_path, "
    "c.detail, c.source, c.state, c.found_at, c.resolved_at FROM relation_check c ";
constexpr char kCheckTail[] = " ORDER BY c.id DESC LIMIT ? OFFSET ?";
// Open findings by area path and kind under a root (drill-through counts).
constexpr char kCheckCounts[] =
    "SELECT area_path, check_kind, COUNT(*) FROM relation_check WHERE state = 'open' AND area_path >= ? AND "
    "area_path < ? GROUP BY area_path, check_kind";
// Cases closed with a stopped membership: when, for removal_due.
constexpr char kStoppedMembers[] =
    "SELECT member_id, member_name, org_id, org_path, area_path, approved_on FROM relation_case WHERE kind = "
    "'untraceable' AND outcome = 'stopped' AND state = 'closed' ORDER BY id";

// --- Cases -----------------------------------------------------------------------------------------
constexpr char kCaseColumns[] =
    "SELECT k.id, k.kind, k.member_id, k.member_name, k.org_id, k.org_path, k.area_path, k.org_life_case_id, "
    "k.reason, k.correct_by, k.correct_source, k.state, k.outcome, k.decided_on, k.resolution, k.decided_by, "
    "k.approved_by, k.approved_on, k.approval_note, k.opened_by, k.opened_at, k.closed_at FROM relation_case k ";
constexpr char kInsertCase[] =
    "INSERT INTO relation_case (kind, member_id, member_name, org_id, org_path, area_path, org_life_case_id, reason, "
    "correct_by, correct_source, state, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'correcting', ?, "
    "?) RETURNING id";
constexpr char kOpenCaseOf[] = "SELECT id FROM relation_case WHERE member_id = ? AND kind = ? AND state <> 'closed'";
constexpr char kStoppedOn[] =
    "SELECT approved_on FROM relation_case WHERE member_id = ? AND outcome = 'stopped' AND state = 'closed' ORDER BY "
    "id DESC";
constexpr char kDecideCase[] =
    "UPDATE relation_case SET outcome = ?, decided_on = ?, resolution = ?, decided_by = ?, state = ?, closed_at = ? "
    "WHERE id = ?";
constexpr char kApproveCase[] =
    "UPDATE relation_case SET approved_by = ?, approved_on = ?, approval_note = ?, state = 'closed', closed_at = ? "
    "WHERE id = ? AND state = 'awaiting_approval'";
constexpr char kCasesOfMember[] = " WHERE k.member_id = ? ORDER BY k.id DESC";

}  // namespace jiceng::relations::sql
