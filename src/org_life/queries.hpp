#pragma once
// The org_life module's SQL. Its own tables only: meeting, meeting_attendance, meeting_resolution,
// meeting_attachment, meeting_observer, org_life_file, meeting_kind, org_life_duty, org_life_term,
// org_life_tally, org_life_standing, org_life_compliance and the rest of module.cpp's kTables. Organisations, members
// and accounts come from their modules' services.
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

// --- Standings and the area rollup (standing.hpp) ----------------------------------------------
constexpr char kRollupAdd[] =
    "INSERT INTO org_life_compliance (area_path, month, compliant) VALUES (?, ?, ?) ON CONFLICT (area_path, month) "
    "DO UPDATE SET compliant = org_life_compliance.compliant + excluded.compliant";
constexpr char kRollupAt[] = "SELECT month, compliant FROM org_life_compliance WHERE area_path = ?";
constexpr char kRollupOfYear[] =
    "SELECT month, compliant FROM org_life_compliance WHERE area_path = ? AND month >= ? AND month < ?";
constexpr char kStanding[] = "SELECT months, area_path FROM org_life_standing WHERE org_id = ? AND year = ?";
constexpr char kStandingYears[] = "SELECT year FROM org_life_standing WHERE org_id = ? ORDER BY year";
constexpr char kStandingsOfOrg[] = "SELECT year, months, area_path FROM org_life_standing WHERE org_id = ?";
constexpr char kStandingsInRange[] =
    "SELECT org_id, year, months, area_path FROM org_life_standing WHERE org_path >= ? AND org_path < ? AND year >= ?";
constexpr char kUpsertStanding[] =
    "INSERT INTO org_life_standing (org_id, year, org_path, area_path, months) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (org_id, year) DO UPDATE SET org_path = excluded.org_path, area_path = excluded.area_path, "
    "months = excluded.months";
constexpr char kDeleteStanding[] = "DELETE FROM org_life_standing WHERE org_id = ? AND year = ?";

// --- Warnings ---------------------------------------------------------------------------------
constexpr char kInsertWarning[] =
    "INSERT INTO org_life_warning (org_id, org_path, area_path, org_name, duty_key, kind, period, state, message, "
    "source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (org_id, duty_key, period, state) DO NOTHING RETURNING id";
// + scope + filters + kWarningTail.
constexpr char kWarningColumns[] =
    "SELECT w.id, w.org_id, w.org_name, w.duty_key, w.kind, w.period, w.state, w.message, w.source, w.created_at "
    "FROM org_life_warning w ";
constexpr char kWarningTail[] = " ORDER BY w.id DESC LIMIT ? OFFSET ?";

// --- County settings and 民主评议党员 -----------------------------------------------------------
constexpr char kInsertCampaign[] =
    "INSERT INTO org_life_campaign (org_id, org_path, area_path, year, status, excellent_cap_pct, cap_source, "
    "opened_by, opened_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?) ON CONFLICT (org_id, year) DO NOTHING RETURNING id";
constexpr char kCampaign[] =
    "SELECT id, org_id, org_path, area_path, year, status, excellent_cap_pct, cap_source, opened_by, opened_at, "
    "closed_at FROM org_life_campaign WHERE id = ?";
constexpr char kCampaignsOfOrg[] =
    "SELECT id, year, status FROM org_life_campaign WHERE org_id = ? ORDER BY year DESC LIMIT 20";
constexpr char kCloseCampaign[] = "UPDATE org_life_campaign SET status = 'closed', closed_at = ? WHERE id = ?";
constexpr char kInsertEvaluation[] =
    "INSERT INTO org_life_evaluation (campaign_id, member_id, member_name) VALUES (?, ?, ?)";
constexpr char kEvaluations[] =
    "SELECT member_id, member_name, self_assessment, self_at, rating, rating_reason, rated_by, rated_at FROM "
    "org_life_evaluation WHERE campaign_id = ? ORDER BY member_id";
constexpr char kEvaluation[] = "SELECT rating FROM org_life_evaluation WHERE campaign_id = ? AND member_id = ?";
constexpr char kSelfAssess[] =
    "UPDATE org_life_evaluation SET self_assessment = ?, self_at = ? WHERE campaign_id = ? AND member_id = ?";
constexpr char kRate[] =
    "UPDATE org_life_evaluation SET rating = ?, rating_reason = ?, rated_by = ?, rated_at = ? WHERE campaign_id = ? "
    "AND member_id = ?";
constexpr char kCountRated[] =
    "SELECT COUNT(*) FROM org_life_evaluation WHERE campaign_id = ? AND rating = ? AND member_id <> ?";
constexpr char kCountUnrated[] = "SELECT COUNT(*) FROM org_life_evaluation WHERE campaign_id = ? AND rating IS NULL";
constexpr char kCountEvaluated[] = "SELECT COUNT(*) FROM org_life_evaluation WHERE campaign_id = ?";
constexpr char kUpsertPeer[] =
    "INSERT INTO org_life_peer (campaign_id, member_id, by_member_id, grade, comment, at) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (campaign_id, member_id, by_member_id) DO UPDATE SET grade = excluded.grade, "
    "comment = excluded.comment, at = excluded.at";
constexpr char kPeerTally[] =
    "SELECT member_id, grade, COUNT(*) FROM org_life_peer WHERE campaign_id = ? GROUP BY member_id, grade";
constexpr char kPeerComments[] =
    "SELECT grade, comment FROM org_life_peer WHERE campaign_id = ? AND member_id = ? ORDER BY at";
constexpr char kMemberEvaluations[] =
    "SELECT c.id, c.year, c.org_id, c.status, e.self_assessment, e.rating, e.rating_reason, e.rated_at FROM "
    "org_life_evaluation e JOIN org_life_campaign c ON c.id = e.campaign_id WHERE e.member_id = ? ORDER BY c.year DESC";
constexpr char kOpenCase[] =
    "INSERT INTO org_life_case (campaign_id, member_id, member_name, org_id, org_path, area_path, year, reason, state, "
    "opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT (campaign_id, member_id) DO "
    "UPDATE "
    "SET reason = excluded.reason";
constexpr char kDropOpenCase[] = "DELETE FROM org_life_case WHERE campaign_id = ? AND member_id = ? AND state = 'open'";
constexpr char kOpenCases[] =
    "SELECT id, member_id, member_name, org_id, year, reason, state, opened_at FROM org_life_case WHERE org_path >= ? "
    "AND org_path < ? AND state = 'open' ORDER BY id";
// For relations: a case taken over, and each member's last counted meeting (+ placeholders + tail).
constexpr char kTakeCase[] =
    "UPDATE org_life_case SET state = 'handed_over' WHERE id = ? AND state = 'open' RETURNING id, member_id, "
    "member_name, org_id, year, reason, state, opened_at";
constexpr char kLastAttendedIn[] =
    "SELECT a.member_id, MAX(m.starts_at) FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id WHERE "
    "a.status = 'present' AND m.status = 'held' AND m.counted = 1 AND a.member_id IN (";
constexpr char kLastAttendedTail[] = " GROUP BY a.member_id";

// --- 谈心谈话 --------------------------------------------------------------------------------------
constexpr char kCommittee[] = "SELECT member_id FROM org_life_committee WHERE org_id = ? ORDER BY member_id";
constexpr char kClearCommittee[] = "DELETE FROM org_life_committee WHERE org_id = ?";
constexpr char kAddCommittee[] =
    "INSERT INTO org_life_committee (org_id, member_id, org_path, area_path, updated_at) VALUES (?, ?, ?, ?, ?)";
constexpr char kTalks[] = "SELECT a_member_id, b_member_id, done_on FROM org_life_talk WHERE org_id = ? AND year = ?";
constexpr char kRecordTalk[] =
    "INSERT INTO org_life_talk (org_id, year, a_member_id, b_member_id, done_on, recorded_by, recorded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, year, a_member_id, b_member_id) DO UPDATE SET "
    "done_on = excluded.done_on, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at";

// --- 组织生活会 ------------------------------------------------------------------------------------
constexpr char kInsertCriticism[] =
    "INSERT INTO org_life_criticism (meeting_id, member_id, member_name, kind, by_member_id, body, created_by, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kRollName[] = "SELECT member_name FROM meeting_attendance WHERE meeting_id = ? AND member_id = ?";
constexpr char kCriticisms[] =
    "SELECT id, member_id, member_name, kind, by_member_id, body, created_by, created_at FROM org_life_criticism "
    "WHERE meeting_id = ? ORDER BY member_id, id";
constexpr char kInsertRectification[] =
    "INSERT INTO org_life_rectification (meeting_id, item, owner, due_on, created_by, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kRectifications[] =
    "SELECT id, item, owner, due_on, done_on, created_by FROM org_life_rectification WHERE meeting_id = ? ORDER BY id";
constexpr char kRectificationMeeting[] = "SELECT meeting_id FROM org_life_rectification WHERE id = ?";
constexpr char kRectificationDone[] = "UPDATE org_life_rectification SET done_on = ?, updated_at = ? WHERE id = ?";
constexpr char kCountRectifications[] = "SELECT COUNT(*) FROM org_life_rectification WHERE meeting_id = ?";

}  // namespace jiceng::org_life::sql
