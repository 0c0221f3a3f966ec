#pragma once
// The pipeline module's SQL. Its own tables only (module.cpp's kTables); organisations and members
// come from the orgs and people services.
namespace jiceng::pipeline::sql {

// --- Files (one per person and application) ---------------------------------------------------
// Column order is internal.cpp's record_of().
constexpr char kPersonColumns[] =
    "SELECT p.id, p.org_id, p.org_path, p.area_path, p.name, p.gender, p.birth_date, p.id_number_mask, p.person_id, "
    "p.stage, p.applied_on, p.talked_on, p.activist_on, p.contacts, p.last_review_on, p.candidate_on, p.filed_on, "
    "p.political_review_on, p.training_on, p.introducers, p.publicity_from, p.publicity_to, p.joint_review_passed, "
    "p.voted_on, p.vote_due, p.vote_ayes, p.approved_on, p.extended_to, p.full_on, p.closed_on, p.member_id, "
    "p.next_due, p.created_by, p.created_at, p.updated_at, p.id_number_enc, p.id_number_idx FROM pipeline_person p ";
constexpr char kById[] = "WHERE p.id = ?";
constexpr char kOpenWithIdNumber[] =
    "SELECT id FROM pipeline_person WHERE id_number_idx = ? AND stage IN ('applicant', 'activist', 'candidate', "
    "'probationary')";
constexpr char kInsertPerson[] =
    "INSERT INTO pipeline_person (org_id, org_path, area_path, name, gender, birth_date, id_number_enc, id_number_idx, "
    "id_number_mask, person_id, stage, applied_on, next_due, created_by, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applicant', ?, ?, ?, ?, ?) RETURNING id";
// Everything a step may change, in rules::File's terms.
constexpr char kSaveFile[] =
    "UPDATE pipeline_person SET stage = ?, talked_on = ?, activist_on = ?, contacts = ?, last_review_on = ?, "
    "candidate_on = ?, filed_on = ?, political_review_on = ?, training_on = ?, introducers = ?, publicity_from = ?, "
    "publicity_to = ?, voted_on = ?, vote_due = ?, vote_ayes = ?, approved_on = ?, extended_to = ?, full_on = ?, "
    "closed_on = ?, member_id = ?, next_due = ?, updated_at = ? WHERE id = ?";
constexpr char kJointReviewPassed[] = "UPDATE pipeline_person SET joint_review_passed = ?, updated_at = ? WHERE id = ?";
// + scope + filters + kListTail.
constexpr char kListTail[] = " ORDER BY p.next_due IS NULL, p.next_due, p.id LIMIT ? OFFSET ?";
constexpr char kStageCounts[] =
    "SELECT stage, COUNT(*) FROM pipeline_person WHERE org_path >= ? AND org_path < ? GROUP BY stage";

// --- Steps and documents ----------------------------------------------------------------------
constexpr char kInsertStep[] =
    "INSERT INTO pipeline_step (person_id, step, on_day, decided_by, rules, rule_text, details, overridden, "
    "override_reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr char kSteps[] =
    "SELECT id, step, on_day, decided_by, rules, rule_text, details, overridden, override_reason, recorded_by, "
    "recorded_at FROM pipeline_step WHERE person_id = ? ORDER BY on_day, id";
constexpr char kStepDetails[] =
    "SELECT details FROM pipeline_step WHERE person_id = ? AND step = ? ORDER BY id DESC LIMIT 1";
constexpr char kInsertUpload[] =
    "INSERT INTO pipeline_upload (hash, mime, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING";
constexpr char kUploadMime[] = "SELECT mime FROM pipeline_upload WHERE hash = ?";
constexpr char kInsertDocument[] =
    "INSERT INTO pipeline_document (step_id, person_id, hash, name, added_by, at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kDocuments[] =
    "SELECT step_id, hash, name, added_by, at FROM pipeline_document WHERE person_id = ? ORDER BY id";
constexpr char kDocumentPerson[] = "SELECT person_id FROM pipeline_document WHERE hash = ? ORDER BY id LIMIT 20";

// --- Warnings ---------------------------------------------------------------------------------
// The sweep's batch: open files whose earliest deadline is at most `?`, after a (next_due, id) key.
constexpr char kDueBatch[] =
    "SELECT p.id, p.next_due FROM pipeline_person p WHERE p.next_due IS NOT NULL AND p.next_due <= ? AND "
    "(p.next_due > ? OR (p.next_due = ? AND p.id > ?)) ORDER BY p.next_due, p.id LIMIT ?";
constexpr char kInsertWarning[] =
    "INSERT INTO pipeline_warning (person_id, org_id, org_path, area_path, name, rule_code, due_on, level, message, "
    "source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (person_id, rule_code, due_on, level) DO NOTHING RETURNING id";
constexpr char kWarningColumns[] =
    "SELECT w.id, w.person_id, w.org_id, w.name, w.rule_code, w.due_on, w.level, w.message, w.source, w.created_at "
    "FROM pipeline_warning w ";
constexpr char kWarningTail[] = " ORDER BY w.id DESC LIMIT ? OFFSET ?";

// --- Quotas (指标单列, 动态调剂) ----------------------------------------------------------------
constexpr char kQuota[] = "SELECT quota FROM pipeline_quota WHERE year = ? AND org_id = ?";
constexpr char kUpsertQuota[] =
    "INSERT INTO pipeline_quota (year, org_id, org_path, area_path, quota, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (year, org_id) DO UPDATE SET quota = excluded.quota, "
    "org_path = excluded.org_path, area_path = excluded.area_path, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
constexpr char kAddQuota[] =
    "UPDATE pipeline_quota SET quota = quota + ?, updated_by = ?, updated_at = ? "
    "WHERE year = ? AND org_id = ?";
constexpr char kQuotasUnder[] =
    "SELECT org_id, org_path, quota, updated_by, updated_at, area_path FROM pipeline_quota WHERE year = ? AND "
    "org_path >= ? AND "
    "org_path < ? ORDER BY org_path";
// The quotas over an organisation: + placeholders for its path and its ancestors' + ")".
constexpr char kQuotasOnPaths[] = "SELECT org_path, quota FROM pipeline_quota WHERE year = ? AND org_path IN (";
// Admissions voted in a year under an organisation path.
constexpr char kAdmittedUnder[] =
    "SELECT COUNT(*) FROM pipeline_person WHERE voted_on >= ? AND voted_on < ? AND org_path >= ? AND org_path < ?";
constexpr char kInsertMove[] =
    "INSERT INTO pipeline_quota_move (year, from_org_id, to_org_id, amount, reason, moved_by, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kMoves[] =
    "SELECT id, from_org_id, to_org_id, amount, reason, moved_by, at FROM pipeline_quota_move WHERE year = ? "
    "ORDER BY id";

// --- 县级联审 -----------------------------------------------------------------------------------
constexpr char kInsertReview[] =
    "INSERT INTO pipeline_review (title, status, created_by, created_at) VALUES (?, 'open', ?, ?) RETURNING id";
constexpr char kReview[] =
    "SELECT id, title, status, created_by, created_at, closed_at FROM pipeline_review WHERE id = ?";
constexpr char kReviews[] =
    "SELECT id, title, status, created_by, created_at, closed_at FROM pipeline_review ORDER BY id DESC LIMIT ?";
// The people of the newest batches with where they belong, so a street lists only the batches with its
// people in them, counted.
constexpr char kReviewPeople[] =
    "SELECT i.review_id, p.org_path, p.area_path, i.decision FROM pipeline_review_item i JOIN pipeline_person p ON "
    "p.id = i.person_id WHERE i.review_id IN (SELECT id FROM pipeline_review ORDER BY id DESC LIMIT ?)";
constexpr char kInsertReviewItem[] = "INSERT INTO pipeline_review_item (review_id, person_id) VALUES (?, ?)";
constexpr char kReviewItems[] =
    "SELECT person_id, decision, note, decided_by, decided_at FROM pipeline_review_item WHERE review_id = ? "
    "ORDER BY person_id";
constexpr char kReviewItem[] = "SELECT decision FROM pipeline_review_item WHERE review_id = ? AND person_id = ?";
constexpr char kDecide[] =
    "UPDATE pipeline_review_item SET decision = ?, note = ?, decided_by = ?, decided_at = ? WHERE review_id = ? AND "
    "person_id = ?";
constexpr char kUndecided[] = "SELECT COUNT(*) FROM pipeline_review_item WHERE review_id = ? AND decision IS NULL";
constexpr char kCloseReview[] = "UPDATE pipeline_review SET status = 'closed', closed_at = ? WHERE id = ?";
constexpr char kPendingReviewOf[] =
    "SELECT i.review_id FROM pipeline_review_item i JOIN pipeline_review r ON r.id = i.review_id WHERE i.person_id = ? "
    "AND i.decision IS NULL";
constexpr char kReviewsOfPerson[] =
    "SELECT i.review_id, r.title, i.decision, i.note, i.decided_by, i.decided_at FROM pipeline_review_item i JOIN "
    "pipeline_review r ON r.id = i.review_id WHERE i.person_id = ? ORDER BY i.review_id";

// --- 提级抽查复核 --------------------------------------------------------------------------------
constexpr char kAdmittedInYear[] =
    "SELECT id FROM pipeline_person WHERE voted_on >= ? AND voted_on < ? AND stage IN ('probationary', 'full') AND "
    "org_path >= ? AND org_path < ? ORDER BY id";
constexpr char kInsertRecheck[] =
    "INSERT INTO pipeline_recheck (year, seed, population, size, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr char kRecheck[] =
    "SELECT id, year, seed, population, size, created_by, created_at FROM pipeline_recheck WHERE id = ?";
constexpr char kRechecks[] =
    "SELECT r.id, r.year, r.seed, r.population, r.size, r.created_by, r.created_at, COUNT(i.result), "
    "SUM(CASE WHEN i.result = 'problem' THEN 1 ELSE 0 END) FROM pipeline_recheck r LEFT JOIN pipeline_recheck_item i "
    "ON i.recheck_id = r.id WHERE r.year = ? GROUP BY r.id, r.year, r.seed, r.population, r.size, r.created_by, "
    "r.created_at ORDER BY r.id DESC";
constexpr char kInsertRecheckItem[] = "INSERT INTO pipeline_recheck_item (recheck_id, person_id) VALUES (?, ?)";
constexpr char kRecheckItems[] =
    "SELECT person_id, result, note, checked_by, checked_at FROM pipeline_recheck_item WHERE recheck_id = ? "
    "ORDER BY person_id";
constexpr char kRecheckItem[] = "SELECT result FROM pipeline_recheck_item WHERE recheck_id = ? AND person_id = ?";
constexpr char kRecordRecheck[] =
    "UPDATE pipeline_recheck_item SET result = ?, note = ?, checked_by = ?, checked_at = ? WHERE recheck_id = ? AND "
    "person_id = ?";

// The development file of the person admitted as a member (pipeline_person_member index).
constexpr char kPersonOfMember[] = "SELECT id FROM pipeline_person WHERE member_id = ? ORDER BY id DESC LIMIT 1";

}  // namespace jiceng::pipeline::sql
