#pragma once
// The people module's SQL: members' and people's sensitive fields, and who staffs each grid.
namespace jiceng::people::sql {

// A masked field in full: "SELECT <column> FROM <table>" + this + the reveal scope.
constexpr char kRevealWhere[] = " WHERE id = ? AND ";

constexpr char kMemberWithIdNumber[] = "SELECT 1 FROM member WHERE id_number_idx = ? AND id <> ?";

// Grid staff in the path range a set of grids spans (the grid party organisations there are orgs').
constexpr char kGridStaffWithin[] =
    "SELECT area_path, id, name, title, grid_role FROM person WHERE area_path >= ? AND "
    "area_path < ? AND kind = 'grid_staff' AND grid_role IN ('chief', 'full_time', 'assistant') "
    "ORDER BY id";
// How many grid staff sit at each area path in a range, for the grid map (person_kind index).
constexpr char kGridStaffPerPath[] =
    "SELECT area_path, COUNT(*) FROM person WHERE kind = 'grid_staff' AND area_path >= ? AND area_path < ? "
    "GROUP BY area_path";
// "…WHERE id IN (" + placeholders + ")"
constexpr char kPeopleByIds[] = "SELECT id, name, title FROM person WHERE id IN (";
constexpr char kCadre[] = "SELECT id, area_path FROM person WHERE id = ? AND kind = 'cadre'";

// ---- lookups for the modules above and orgs' pages (lookups.cpp): + placeholders + ")" ----
constexpr char kPersonRefsIn[] = "SELECT id, name, area_path FROM person WHERE id IN (";
constexpr char kMemberRefsIn[] = "SELECT id, name, category, org_id, area_path, org_path FROM member WHERE id IN (";
// ---- For org_life ----
// kBriefColumns + kBriefById or kBriefsOfOrg.
constexpr char kBriefColumns[] =
    "SELECT id, name, org_id, org_path, CASE WHEN status = 'full' THEN 1 ELSE 0 END FROM member ";
constexpr char kBriefById[] = "WHERE id = ?";
constexpr char kBriefsOfOrg[] = "WHERE org_id = ? AND status IN ('full', 'probationary') ORDER BY id";
constexpr char kHeadcountsUnder[] =
    "SELECT org_id, COUNT(*), SUM(CASE WHEN status = 'full' THEN 1 ELSE 0 END) FROM member "
    "WHERE org_path >= ? AND org_path < ? AND status IN ('full', 'probationary') GROUP BY org_id";
constexpr char kMembersNamedSqlite[] =
    "SELECT id, name, category, org_id, area_path, org_path FROM member WHERE name >= ? AND name < ? "
    "AND area_path >= ? AND area_path < ? ORDER BY name, id LIMIT ?";
constexpr char kMembersNamedPostgres[] =
    "SELECT id, name, category, org_id, area_path, org_path FROM member WHERE name LIKE ? ESCAPE '\\' "
    "AND area_path >= ? AND area_path < ? ORDER BY name, id LIMIT ?";
constexpr char kMemberNumbered[] =
    "SELECT id, name, category, org_id, area_path, org_path FROM member WHERE id = ? AND area_path >= ? "
    "AND area_path < ?";
// ---- For appeals ----
constexpr char kFullTimeGridWorkerAccounts[] =
    "SELECT account_id FROM person WHERE area_id = ? AND grid_role = 'full_time' AND account_id IS NOT NULL "
    "ORDER BY id";

// ---- For pipeline (发展党员) ----
constexpr char kAdmitProbationary[] =
    "INSERT INTO member (name, gender, birth_date, id_number_enc, id_number_idx, id_number_mask, joined_on, org_id, "
    "org_path, area_path, category, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "'in_service', 'probationary', ?, ?) RETURNING id";
constexpr char kConfirmFull[] =
    "UPDATE member SET status = 'full', full_on = ?, updated_at = ? WHERE id = ? AND status = 'probationary'";
constexpr char kCancelProbation[] =
    "UPDATE member SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'probationary'";

// For dues' roll, relations' transfers and 处置: a member's organisation and standing.
constexpr char kRollMember[] =
    "SELECT id, name, org_id, org_path, area_path, category, status, COALESCE(joined_on, '') FROM member WHERE id = ?";
constexpr char kRollUnder[] =
    "SELECT id, name, org_id, org_path, area_path, category, status, COALESCE(joined_on, '') FROM member "
    "WHERE org_path >= ? AND org_path < ? ORDER BY org_path, id LIMIT ?";
constexpr char kStanding[] = "SELECT id, name, status, org_id, org_path, area_path FROM member WHERE id = ?";
constexpr char kStandingAfter[] =
    "SELECT id, name, status, org_id, org_path, area_path FROM member "
    "WHERE id > ? AND status IN ('full', 'probationary') ORDER BY id LIMIT ?";
constexpr char kMemberByIdNumber[] = "SELECT id FROM member WHERE id_number_idx = ?";
constexpr char kMoveMember[] = "UPDATE member SET org_id = ?, org_path = ?, area_path = ?, updated_at = ? WHERE id = ?";
constexpr char kSetStatus[] = "UPDATE member SET status = ?, updated_at = ? WHERE id = ?";

// A member's record page, and the data-quality checks over it (record.cpp's column order).
constexpr char kRecordMember[] =
    "SELECT id, name, gender, ethnicity, birth_date, id_number_enc, id_number_mask, phone_mask, education, "
    "joined_on, full_on, org_id, category, status FROM member WHERE id = ?";

// The daily check: members in id order from a cursor, the record page's columns then the paths.
constexpr char kCheckBatch[] =
    "SELECT id, name, gender, ethnicity, birth_date, id_number_enc, id_number_mask, phone_mask, education, "
    "joined_on, full_on, org_id, category, status, org_path, area_path FROM member WHERE id > ? ORDER BY id LIMIT ?";
constexpr char kClearProblems[] = "DELETE FROM member_problem WHERE member_id > ? AND member_id <= ?";
constexpr char kInsertProblem[] =
    "INSERT INTO member_problem (member_id, name, org_id, org_path, area_path, codes, problems, problem_count, "
    "checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kMoveProblem[] = "UPDATE member_problem SET org_id = ?, org_path = ?, area_path = ? WHERE member_id = ?";
constexpr char kProblemColumns[] =
    "SELECT p.member_id, p.name, p.org_id, p.problems, p.problem_count, p.checked_at FROM member_problem p ";
constexpr char kProblemOrgs[] =
    "SELECT p.org_id, COUNT(*), SUM(p.problem_count), MAX(p.checked_at) FROM member_problem p ";

}  // namespace jiceng::people::sql
