#pragma once
// The dual_report module's SQL. Its own tables: dual_report, activity, activity_signup and the
// notice's rollups dual_report_month and dual_report_unit_month; names of other modules' rows come
// from their services.
namespace jiceng::dual_report::sql {

// --- Reports ----------------------------------------------------------------------------------
constexpr char kActiveOrgReport[] =
    "SELECT 1 FROM dual_report WHERE kind = 'org' AND party_org_id = ? AND status = 'active'";
constexpr char kActiveMemberReport[] =
    "SELECT 1 FROM dual_report WHERE kind = 'member' AND member_id = ? AND status = 'active'";
constexpr char kInsertReport[] =
    "INSERT INTO dual_report (kind, party_org_id, unit_id, member_id, org_path, area_id, area_path, "
    "commitments, address, reported_on, status, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id";
constexpr char kReportForEnd[] = "SELECT status, area_path, unit_id, member_id, kind FROM dual_report WHERE id = ?";
constexpr char kEndReport[] = "UPDATE dual_report SET status = 'ended', updated_at = ? WHERE id = ?";
constexpr char kMemberReports[] =
    "SELECT id, area_path, unit_id FROM dual_report WHERE member_id = ? AND status = 'active'";
constexpr char kReportActive[] = "UPDATE dual_report SET last_active_at = ?, updated_at = ? WHERE id = ?";

// --- Activities -------------------------------------------------------------------------------
constexpr char kActivity[] =
    "SELECT id, starts_at, ends_at, places, signed_up, area_path, checkin_code, status, max_hours "
    "FROM activity WHERE id = ?";
constexpr char kSignedUp[] = "SELECT 1 FROM activity_signup WHERE activity_id = ? AND member_id = ?";
// Guarded in the UPDATE itself, so two last-place sign-ups cannot both get in.
constexpr char kTakePlace[] = "UPDATE activity SET signed_up = signed_up + 1 WHERE id = ? AND signed_up < places";
constexpr char kInsertSignup[] =
    "INSERT INTO activity_signup (activity_id, member_id, report_id, signed_at) VALUES (?, ?, ?, ?)";
constexpr char kSignupCheckedIn[] = "SELECT checked_in_at FROM activity_signup WHERE activity_id = ? AND member_id = ?";
constexpr char kCheckIn[] =
    "UPDATE activity_signup SET checked_in_at = ?, hours = ? WHERE activity_id = ? AND member_id = ?";
constexpr char kCountCheckIn[] = "UPDATE activity SET checked_in = checked_in + 1 WHERE id = ?";
constexpr char kCheckedIn[] = "SELECT checked_in FROM activity WHERE id = ?";
constexpr char kCancelActivity[] =
    "UPDATE activity SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ?";
// Open activities starting in a month under an area, for the notice.
constexpr char kActivitiesInMonth[] =
    "SELECT COUNT(*) FROM activity WHERE status = 'open' AND area_path >= ? AND area_path < ? "
    "AND starts_at >= ? AND starts_at < ?";
// A member's coming activities in the community they reported to, with their own sign-up.
constexpr char kMyActivities[] =
    "SELECT t.id, t.title, t.place, t.starts_at, t.ends_at, t.places, t.signed_up, t.needs, "
    "s.signed_at, s.checked_in_at, s.hours, t.status, t.cancel_reason FROM activity t LEFT JOIN activity_signup s "
    "ON s.activity_id = t.id AND s.member_id = ? WHERE t.area_path >= ? AND t.area_path < ? "
    "AND (t.status = 'open' OR s.signed_at IS NOT NULL) AND t.ends_at > ? "
    "ORDER BY t.starts_at LIMIT 50";

// --- The notice's rollups (kept by tally.cpp) ---------------------------------------------------
constexpr char kCountReported[] =
    "INSERT INTO dual_report_unit_month (area_path, unit_id, month, reported_in) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (area_path, unit_id, month) DO UPDATE SET reported_in = dual_report_unit_month.reported_in + 1";
constexpr char kCountEnded[] =
    "INSERT INTO dual_report_unit_month (area_path, unit_id, month, ended_in) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (area_path, unit_id, month) DO UPDATE SET ended_in = dual_report_unit_month.ended_in + 1";
constexpr char kMemberMonth[] = "SELECT 1 FROM dual_report_month WHERE member_id = ? AND month = ?";
constexpr char kCountMemberMonth[] =
    "INSERT INTO dual_report_month (member_id, month, unit_id, area_path, activities, hours) "
    "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (member_id, month) DO UPDATE SET "
    "activities = dual_report_month.activities + 1, hours = dual_report_month.hours + excluded.hours";
constexpr char kCountUnitMonth[] =
    "INSERT INTO dual_report_unit_month (area_path, unit_id, month, active, activities, hours) "
    "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (area_path, unit_id, month) DO UPDATE SET "
    "active = dual_report_unit_month.active + excluded.active, "
    "activities = dual_report_unit_month.activities + 1, hours = dual_report_unit_month.hours + excluded.hours";
// A member counts as reported in every month from the one they reported in to the one they ended in.
constexpr char kNoticeByUnit[] =
    "SELECT unit_id, SUM(reported_in) - SUM(CASE WHEN month < ? THEN ended_in ELSE 0 END), "
    "SUM(CASE WHEN month = ? THEN active ELSE 0 END), SUM(CASE WHEN month = ? THEN hours ELSE 0 END), "
    "SUM(CASE WHEN month = ? THEN activities ELSE 0 END) FROM dual_report_unit_month "
    "WHERE area_path = ? AND month <= ? GROUP BY unit_id";
constexpr char kHoursInYear[] =
    "SELECT COALESCE(SUM(hours), 0) FROM dual_report_month WHERE member_id = ? AND month >= ? AND month <= ?";

// --- Register scopes: reported units and members see their communities' activities ------------
constexpr char kActivitiesOfUnit[] =
    "t.area_path IN (SELECT area_path FROM dual_report WHERE unit_id = ? AND status = 'active')";
constexpr char kActivitiesOfMember[] =
    "t.area_path IN (SELECT area_path FROM dual_report WHERE member_id = ? AND status = 'active')";

// --- Pages that show other modules' names: the ids here, the names from their owners -----------
// Sign-ups with the unit each member reported for.
constexpr char kSignups[] =
    "SELECT s.member_id, r.unit_id, s.signed_at, s.checked_in_at, s.hours FROM activity_signup s "
    "JOIN dual_report r ON r.id = s.report_id WHERE s.activity_id = ? ORDER BY s.id";
// Inactive members' reports (+ a condition + " ORDER BY r.org_path, r.id LIMIT ?").
constexpr char kInactive[] = "SELECT r.member_id, r.area_id, r.last_active_at FROM dual_report r WHERE ";
// A member's active report.
constexpr char kMyReport[] =
    "SELECT r.id, r.area_id, r.commitments, r.address, r.reported_on, r.area_path FROM dual_report r "
    "WHERE r.member_id = ? AND r.status = 'active' ORDER BY r.id DESC LIMIT 1";

}  // namespace jiceng::dual_report::sql
