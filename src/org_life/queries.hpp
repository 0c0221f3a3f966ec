#pragma once
// The org_life module's SQL. Its own tables only: meeting, meeting_attendance, meeting_resolution,
// meeting_attachment, meeting_observer, org_life_file, meeting_kind, org_life_duty, org_life_term
// and org_life_tally. Organisations, members and accounts come from their modules' services.
namespace jiceng::org_life::sql {

// --- Meetings ---------------------------------------------------------------------------------
constexpr char kMeetingColumns[] =
    "SELECT m.id, m.org_id, m.org_path, m.area_path, m.kind, m.topic, m.agenda, m.place, m.venue_id, m.presider, "
    "m.starts_at, m.month, m.status, m.minutes, m.due, m.present, m.quorum, m.counted, m.cancel_reason, "
    "m.created_by, m.created_at, m.updated_at, m.announced_at, m.held_at FROM meeting m ";
constexpr char kById[] = "WHERE m.id = ?";
constexpr char kInsertMeeting[] =
    "INSERT INTO meeting (org_id, org_path, area_path, kind, topic, agenda, place, venue_id, presider, starts_at, "
    "month, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?) "
    "RETURNING id";
constexpr char kUpdatePlan[] =
    "UPDATE meeting SET kind = ?, topic = ?, agenda = ?, place = ?, venue_id = ?, presider = ?, starts_at = ?, "
    "month = ?, updated_at = ? WHERE id = ?";
constexpr char kAnnounce[] = "UPDATE meeting SET status = 'announced', announced_at = ?, updated_at = ? WHERE id = ?";
constexpr char kCancel[] =
    "UPDATE meeting SET status = 'cancelled', cancel_reason = ?, counted = 0, updated_at = ? WHERE id = ?";
constexpr char kHold[] =
    "UPDATE meeting SET status = 'held', minutes = ?, due = ?, present = ?, quorum = ?, counted = ?, held_at = ?, "
    "updated_at = ? WHERE id = ?";
constexpr char kSetMinutes[] = "UPDATE meeting SET minutes = ?, updated_at = ? WHERE id = ?";
// + scope + kListTail; the filters are appended in between.
constexpr char kListTail[] = " ORDER BY m.starts_at DESC, m.id DESC LIMIT ? OFFSET ?";
constexpr char kMemberOnRoll[] =
    "EXISTS (SELECT 1 FROM meeting_attendance ra WHERE ra.meeting_id = m.id AND ra.member_id = ?)";
constexpr char kObserving[] =
    "EXISTS (SELECT 1 FROM meeting_observer ro WHERE ro.meeting_id = m.id AND ro.account_id = ?)";

// --- Attendance -------------------------------------------------------------------------------
constexpr char kEnrol[] =
    "INSERT INTO meeting_attendance (meeting_id, member_id, member_name, full_member, guest, status, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kRoll[] =
    "SELECT member_id, member_name, full_member, guest, status, leave_reason, leave_decided_by FROM "
    "meeting_attendance WHERE meeting_id = ? ORDER BY guest, member_id";
constexpr char kRollEntry[] =
    "SELECT status, guest, full_member FROM meeting_attendance WHERE meeting_id = ? AND member_id = ?";
constexpr char kSetAttendance[] =
    "UPDATE meeting_attendance SET status = ?, updated_at = ? WHERE meeting_id = ? AND member_id = ?";
constexpr char kRequestLeave[] =
    "UPDATE meeting_attendance SET status = 'leave_requested', leave_reason = ?, leave_decided_by = NULL, "
    "updated_at = ? WHERE meeting_id = ? AND member_id = ?";
constexpr char kDecideLeave[] =
    "UPDATE meeting_attendance SET status = ?, leave_decided_by = ?, updated_at = ? WHERE meeting_id = ? AND "
    "member_id = ?";
// A member's own meetings, newest first: their organisation's and those they attended as a guest.
constexpr char kMine[] =
    "SELECT m.id, m.kind, m.topic, m.place, m.starts_at, m.status, a.status, a.guest, a.leave_reason FROM meeting m "
    "JOIN meeting_attendance a ON a.meeting_id = m.id WHERE a.member_id = ? AND m.status <> 'planned' "
    "ORDER BY m.starts_at DESC LIMIT ?";

// --- Resolutions, attachments, observers ------------------------------------------------------
constexpr char kDeleteResolutions[] = "DELETE FROM meeting_resolution WHERE meeting_id = ?";
constexpr char kInsertResolution[] =
    "INSERT INTO meeting_resolution (meeting_id, body, ayes, noes, abstentions, passed, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kResolutions[] =
    "SELECT body, ayes, noes, abstentions, passed FROM meeting_resolution WHERE meeting_id = ? ORDER BY id";
constexpr char kInsertFile[] =
    "INSERT INTO org_life_file (hash, mime, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING";
constexpr char kFileMime[] = "SELECT mime, bytes FROM org_life_file WHERE hash = ?";
constexpr char kAttachedTo[] = "SELECT meeting_id FROM meeting_attachment WHERE hash = ? ORDER BY id LIMIT 1";
constexpr char kAttachmentCount[] = "SELECT COUNT(*) FROM meeting_attachment WHERE meeting_id = ?";
constexpr char kInsertAttachment[] =
    "INSERT INTO meeting_attachment (meeting_id, hash, name, added_by, at) VALUES (?, ?, ?, ?, ?)";
constexpr char kAttachments[] =
    "SELECT t.hash, t.name, f.mime, f.bytes, t.added_by, t.at FROM meeting_attachment t "
    "JOIN org_life_file f ON f.hash = t.hash WHERE t.meeting_id = ? ORDER BY t.id";
constexpr char kInsertObserver[] =
    "INSERT INTO meeting_observer (meeting_id, account_id, name, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)";
constexpr char kObserver[] = "SELECT id FROM meeting_observer WHERE meeting_id = ? AND account_id = ?";
constexpr char kAssess[] = "UPDATE meeting_observer SET assessment = ?, assessed_at = ? WHERE id = ?";
constexpr char kObservers[] =
    "SELECT account_id, name, assigned_by, assigned_at, assessment, assessed_at FROM meeting_observer "
    "WHERE meeting_id = ? ORDER BY id";

// --- Kinds, duties, terms ---------------------------------------------------------------------
constexpr char kKinds[] = "SELECT code, label, builtin FROM meeting_kind ORDER BY builtin DESC, created_at, code";
constexpr char kKindLabel[] = "SELECT label FROM meeting_kind WHERE code = ?";
constexpr char kInsertKind[] = "INSERT INTO meeting_kind (code, label, builtin, created_at) VALUES (?, ?, 0, ?)";
constexpr char kDuties[] =
    "SELECT duty_key, kind, period, count, applies_to, source, central, effective_from, effective_to, id, "
    "created_by, created_at FROM org_life_duty ORDER BY id";
constexpr char kCurrentDuty[] =
    "SELECT id, central, effective_from FROM org_life_duty WHERE duty_key = ? AND effective_to IS NULL";
constexpr char kCloseDuty[] = "UPDATE org_life_duty SET effective_to = ? WHERE id = ?";
constexpr char kInsertDuty[] =
    "INSERT INTO org_life_duty (duty_key, kind, period, count, applies_to, source, central, effective_from, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kTerm[] = "SELECT elected_on, term_years, committee_size FROM org_life_term WHERE org_id = ?";
constexpr char kUpsertTerm[] =
    "INSERT INTO org_life_term (org_id, org_path, area_path, elected_on, term_years, committee_size, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET org_path = excluded.org_path, "
    "area_path = excluded.area_path, elected_on = excluded.elected_on, term_years = excluded.term_years, "
    "committee_size = excluded.committee_size, updated_at = excluded.updated_at";
constexpr char kCommitteesByOrgPath[] =
    "SELECT org_id, committee_size FROM org_life_term WHERE org_path >= ? AND org_path < ?";
constexpr char kCommitteesByAreaPath[] =
    "SELECT org_id, committee_size FROM org_life_term WHERE area_path >= ? AND area_path < ?";

// --- The tally --------------------------------------------------------------------------------
constexpr char kTallyAdd[] =
    "INSERT INTO org_life_tally (org_path, kind, month, org_id, area_path, held) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (org_path, kind, month) DO UPDATE SET held = org_life_tally.held + excluded.held";
constexpr char kTallyByOrgPath[] =
    "SELECT org_id, kind, month, held FROM org_life_tally WHERE org_path >= ? AND org_path < ? AND month >= ? "
    "AND month < ? AND held > 0";
constexpr char kTallyByAreaPath[] =
    "SELECT org_id, kind, month, held FROM org_life_tally WHERE area_path >= ? AND area_path < ? AND month >= ? "
    "AND month < ? AND held > 0";

// Following the orgs module's trees (hooks.cpp): "UPDATE <table>" + these. A moved subtree takes
// the new prefix, the old prefix's length + 1, the old prefix and its core::path_end.
constexpr char kRebaseAreaPaths[] =
    " SET area_path = ? || substr(area_path, CAST(? AS INTEGER)) WHERE area_path >= ? AND area_path < ?";
constexpr char kRebaseOrgPaths[] =
    " SET org_path = ? || substr(org_path, CAST(? AS INTEGER)) WHERE org_path >= ? AND org_path < ?";
constexpr char kFollowOrgArea[] = " SET area_path = ? WHERE org_id = ?";

}  // namespace jiceng::org_life::sql
