#pragma once
// The appeals module's SQL. Statements that take a scope clause or a list of ids are the fixed
// parts the service completes.
#include <string_view>

namespace jiceng::appeals::sql {

// The appeal with its category's name (the names of its places and assignee are asked of their
// owners, a page at a time). Followed by "WHERE …".
constexpr char kSelectAppeal[] =
    "SELECT t.*, c.name AS category_name FROM appeal t JOIN appeal_category c ON c.id = t.category_id ";

// Policy: the holiday calendar and the limits.
constexpr char kHolidays[] = "SELECT day, kind FROM holiday";
constexpr char kLimits[] = "SELECT urgency, unit, total, grid, community, street, county FROM appeal_limit";

// The timeline.
constexpr char kInsertEvent[] =
    "INSERT INTO appeal_event (appeal_id, at, actor, actor_id, action, from_status, to_status, level, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr char kEvents[] =
    "SELECT at, actor, action, from_status, to_status, level, note, id, actor_id FROM appeal_event "
    "WHERE appeal_id = ? ORDER BY id";
constexpr char kStanding[] = "SELECT status, level FROM appeal WHERE id = ?";

// Photos: stored once per content, attached to appeals and their events.
constexpr char kInsertPhoto[] =
    "INSERT INTO photo (hash, mime, size, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING";
constexpr char kPhotoMime[] = "SELECT mime FROM photo WHERE hash = ?";
constexpr char kPhotoKnown[] = "SELECT 1 FROM photo WHERE hash = ?";
constexpr char kAttachPhoto[] = "INSERT INTO appeal_photo (appeal_id, event_id, hash) VALUES (?, ?, ?)";
constexpr char kPhotos[] = "SELECT hash FROM appeal_photo WHERE appeal_id = ? ORDER BY id";
constexpr char kEventPhotos[] =
    "SELECT event_id, hash FROM appeal_photo WHERE appeal_id = ? AND event_id IS NOT NULL ORDER BY id";

// Intake.
constexpr char kIntakeCategory[] =
    "SELECT c.urgency, (SELECT COUNT(*) FROM appeal_category k WHERE k.parent_id = c.id), c.name, "
    "c.is_dispute FROM appeal_category c WHERE c.id = ?";
constexpr char kInsertAppeal[] =
    "INSERT INTO appeal (code, type, channel, category_id, description, address, lon, lat, grid_id, area_id, "
    "area_path, level, max_level, status, urgency, reporter_name, phone_enc, phone_mask, anonymous, "
    "created_by, "
    "deadline_at, warn_at, level_started_at, level_deadline_at, created_at, updated_at, assignee_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "RETURNING id";

// The loop: the parts of the UPDATE each action adds.
constexpr char kUpdateAppeal[] = "UPDATE appeal SET ";
constexpr char kWhereId[] = " WHERE id = ?";
constexpr char kSetStatus[] = "status = ?, updated_at = ?";
constexpr char kSetEscalated[] =
    ", level = ?, max_level = CASE WHEN max_level < ? THEN ? ELSE max_level END, level_started_at = ?, "
    "level_deadline_at = ?";
constexpr char kSetDispatched[] =
    ", area_id = ?, area_path = ?, grid_id = ?, level = ?, level_started_at = ?, level_deadline_at = ?, "
    "assignee_id = ?";
constexpr char kSetMerged[] = ", merged_into = ?";
constexpr char kSetAccepted[] = ", accepted_at = COALESCE(accepted_at, ?)";
constexpr char kSetResolved[] = ", resolved_at = COALESCE(resolved_at, ?)";
constexpr char kSetSatisfaction[] = ", satisfaction = ?";
constexpr char kSetClosed[] = ", closed_at = ?";
constexpr char kRate[] = "UPDATE appeal SET status = ?, satisfaction = ?, updated_at = ?, closed_at = ? WHERE id = ?";

// Whistles (吹哨报到).
constexpr char kWhistled[] = "SELECT 1 FROM appeal_whistle WHERE appeal_id = ? AND unit_id = ?";
constexpr char kNotCheckedIn[] =
    "SELECT 1 FROM appeal_whistle WHERE appeal_id = ? AND unit_id = ? AND checked_in_at IS NULL";
constexpr char kInsertWhistle[] =
    "INSERT INTO appeal_whistle (appeal_id, unit_id, whistled_at, due_at) VALUES (?, ?, ?, ?)";
constexpr char kCheckIn[] =
    "UPDATE appeal_whistle SET checked_in_at = ?, late = CASE WHEN due_at < ? THEN 1 ELSE late END "
    "WHERE appeal_id = ? AND unit_id = ? AND checked_in_at IS NULL";
constexpr char kWhistles[] =
    "SELECT unit_id, whistled_at, due_at, checked_in_at, late FROM appeal_whistle WHERE appeal_id = ? ORDER BY id";
// Followed by the placeholders of a page of ids and ") ORDER BY id".
constexpr char kWhistledDepartments[] = "SELECT appeal_id, unit_id FROM appeal_whistle WHERE appeal_id IN (";

// Mediation.
constexpr char kIsDispute[] = "SELECT is_dispute FROM appeal_category WHERE id = ?";
constexpr char kMediation[] =
    "SELECT step, parties, mediators, agreement, outcome, updated_at FROM mediation WHERE appeal_id = ?";
constexpr char kMediationState[] = "SELECT step, outcome FROM mediation WHERE appeal_id = ?";
constexpr char kUpsertMediation[] =
    "INSERT INTO mediation (appeal_id, step, parties, mediators, agreement, outcome, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (appeal_id) DO UPDATE SET step = excluded.step, "
    "parties = excluded.parties, mediators = excluded.mediators, agreement = excluded.agreement, "
    "outcome = excluded.outcome, updated_at = excluded.updated_at";

// Duplicates: candidates of the same category, recent and open or just resolved; the scope clause
// and kDuplicateOrder follow.
constexpr char kDuplicateCandidates[] =
    "SELECT t.id, t.code, t.description, t.lon, t.lat, t.area_path, t.status FROM appeal t "
    "WHERE t.category_id = ? AND t.created_at >= ? AND t.id <> ? "
    "AND t.status IN ('submitted', 'accepted', 'in_progress', 'reopened', 'resolved') AND ";
constexpr char kDuplicateOrder[] = " ORDER BY t.created_at DESC LIMIT ?";

// The sweep.
constexpr char kLevelDue[] = "SELECT id, level, urgency, deadline_at, status FROM appeal WHERE status IN ";
constexpr char kLevelDueTail[] = " AND level_deadline_at <= ? AND level < ? LIMIT ?";
constexpr char kSweepEscalate[] =
    "UPDATE appeal SET level = ?, max_level = CASE WHEN max_level < ? THEN ? ELSE max_level END, "
    "level_started_at = ?, level_deadline_at = ?, updated_at = ? WHERE id = ?";
constexpr char kWarnDue[] = "SELECT id, level, status FROM appeal WHERE status IN ";
constexpr char kWarnDueTail[] = " AND warn_at <= ? AND warned = 0 LIMIT ?";
constexpr char kSetWarned[] = "UPDATE appeal SET warned = 1 WHERE id = ?";
constexpr char kLateCheckins[] =
    "SELECT w.id, w.appeal_id, w.unit_id, a.status, a.level FROM appeal_whistle w "
    "JOIN appeal a ON a.id = w.appeal_id "
    "WHERE w.late = 0 AND w.due_at <= ? AND w.checked_in_at IS NULL LIMIT ?";
constexpr char kSetLate[] = "UPDATE appeal_whistle SET late = 1 WHERE id = ?";

// The staff queue: ids of a page (the filtered WHERE follows), then the total.
constexpr char kQueuePage[] = "SELECT t.id, t.deadline_at FROM appeal t WHERE ";
constexpr char kQueueByDue[] = " ORDER BY t.deadline_at, t.id LIMIT ?";
constexpr char kQueueById[] = " ORDER BY t.id DESC LIMIT ?";
constexpr char kQueueTotal[] = "SELECT COUNT(*) FROM appeal t WHERE ";
// How many match, counted no further than the bound (`LIMIT ?` closes the sub-select).
constexpr char kQueueWidth[] = "SELECT COUNT(*) FROM (SELECT 1 FROM appeal t WHERE ";
constexpr char kQueueWidthTail[] = " LIMIT ?) w";
// A wide queue walked newest first, stopping at the page: by status then id, or by id alone.
// SQLite only (its planner has no histogram to tell a county-wide path range from a grid's).
constexpr char kQueuePageByStatusId[] = "SELECT t.id, t.deadline_at FROM appeal t INDEXED BY appeal_status_id WHERE ";
constexpr char kQueuePageById[] = "SELECT t.id, t.deadline_at FROM appeal t NOT INDEXED WHERE ";
// The queues' filters (the open statuses follow those ending in "IN ").
constexpr char kStatusIn[] = " AND t.status IN ";
constexpr char kAssignedTo[] = " AND t.assignee_id = ? AND t.status IN ";
constexpr char kPendingQueue[] = " AND t.status IN ('submitted', 'reopened')";
constexpr char kWorkingQueue[] = " AND t.status IN ('accepted', 'in_progress')";
constexpr char kDueSoonTail[] = " AND t.warn_at <= ? AND t.deadline_at > ?";
constexpr char kOverdueTail[] = " AND t.deadline_at <= ?";
constexpr char kClosedQueue[] = " AND t.status IN ('resolved', 'called_back', 'closed', 'rejected', 'merged')";
constexpr char kOfType[] = " AND t.type = ?";
constexpr char kMatching[] = " AND (t.description LIKE ? ESCAPE '\\' OR t.code = ?)";
constexpr char kAfterDue[] = " AND (t.deadline_at > ? OR (t.deadline_at = ? AND t.id > ?))";
constexpr char kBeforeId[] = " AND t.id < ?";
constexpr char kCategorySubtree[] =
    " AND t.category_id IN (SELECT id FROM appeal_category WHERE id = ? OR parent_id = ? OR parent_id IN "
    "(SELECT id FROM appeal_category WHERE parent_id = ?))";
// An appeal the caller may read; the scope clause follows.
constexpr char kVisibleId[] = "SELECT 1 FROM appeal t WHERE t.id = ? AND ";

// The resident's own appeals (the names of their grids and areas asked of orgs), and the phone
// they gave last.
constexpr char kMine[] =
    "SELECT t.id, t.code, t.type, k.name, t.description, t.status, t.created_at, t.satisfaction, "
    "t.grid_id, t.area_id, t.address FROM appeal t JOIN appeal_category k ON k.id = t.category_id "
    "WHERE t.created_by = ? AND t.id < ? ORDER BY t.id DESC LIMIT ?";
constexpr char kLastPhone[] =
    "SELECT phone_enc FROM appeal WHERE created_by = ? AND phone_enc IS NOT NULL ORDER BY id DESC LIMIT 1";

// Public reference data: the category tree.
constexpr char kCategories[] =
    "SELECT id, parent_id, name, level, urgency, is_dispute, department FROM appeal_category "
    "ORDER BY level, parent_id, sort, id";

// The departments an appeal's category names.
constexpr char kAppealCategory[] = "SELECT category_id FROM appeal WHERE id = ?";
constexpr char kCategoryDepartment[] = "SELECT department, parent_id FROM appeal_category WHERE id = ?";

// Figures: what is open under a node now (the open statuses and kLiveCountsUnder follow); the
// rollups by category (a condition on appeal_day).
constexpr char kLiveCounts[] =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN deadline_at <= ? THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN warn_at <= ? AND deadline_at > ? THEN 1 ELSE 0 END), 0) FROM appeal "
    "WHERE status IN ";
constexpr char kLiveCountsUnder[] = " AND area_path >= ? AND area_path < ?";
constexpr char kDayCategorySubtree[] =
    " AND category_id IN (SELECT id FROM appeal_category WHERE id = ? OR parent_id = ? OR parent_id IN "
    "(SELECT id FROM appeal_category WHERE parent_id = ?))";

// A department's figures: appeals it was whistled onto (the placeholders of its units and "))"
// follow), received in a period, by category; what of them is open now (the open statuses, " AND "
// and the whistled condition follow); its whistles in the period (placeholders, ")" and
// kWhistledWithin follow).
constexpr char kWhistledOnto[] = "a.id IN (SELECT w.appeal_id FROM appeal_whistle w WHERE w.unit_id IN (";
constexpr char kCreatedWithin[] = " AND a.created_at >= ? AND a.created_at < ?";
constexpr char kUnitCategorySubtree[] =
    " AND a.category_id IN (SELECT id FROM appeal_category WHERE id = ? OR parent_id = ? OR parent_id IN "
    "(SELECT id FROM appeal_category WHERE parent_id = ?))";
constexpr char kUnitAppeals[] = "SELECT a.* FROM appeal a WHERE ";
constexpr char kUnitLiveCounts[] =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN a.deadline_at <= ? THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN a.warn_at <= ? AND a.deadline_at > ? THEN 1 ELSE 0 END), 0) FROM appeal a "
    "WHERE a.status IN ";
constexpr char kUnitWhistles[] =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN checked_in_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(late), 0) FROM appeal_whistle WHERE unit_id IN (";
constexpr char kWhistledWithin[] = " AND whistled_at >= ? AND whistled_at < ?";

// Rebuilding the rollups from the appeals themselves.
constexpr char kRebuildIsDue[] = "SELECT 1 FROM rollup_rebuild_due WHERE what = 'appeals'";
constexpr char kRebuildDone[] = "DELETE FROM rollup_rebuild_due WHERE what = 'appeals'";
constexpr char kClearDays[] = "DELETE FROM appeal_day";
constexpr char kClearNodeDays[] = "DELETE FROM appeal_node_day";
constexpr char kAppealsAfter[] = "SELECT * FROM appeal WHERE id > ? ORDER BY id LIMIT ?";

// Settings: categories, holidays, limits.
constexpr char kCategoryLevel[] = "SELECT level FROM appeal_category WHERE id = ?";
constexpr char kCategoryInUse[] = "SELECT 1 FROM appeal WHERE category_id = ? LIMIT 1";
constexpr char kSiblingNamed[] = "SELECT 1 FROM appeal_category WHERE name = ? AND parent_id IS NOT DISTINCT FROM ?";
constexpr char kInsertCategory[] =
    "INSERT INTO appeal_category (parent_id, name, level, urgency, department, is_dispute, sort) "
    "VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id";
constexpr char kUpdateCategory[] = "UPDATE appeal_category SET ";
constexpr char kHolidayList[] = "SELECT day, kind FROM holiday ORDER BY day";
constexpr char kHolidayYear[] = "SELECT day, kind FROM holiday WHERE day >= ? AND day <= ? ORDER BY day";
constexpr char kDeleteHoliday[] = "DELETE FROM holiday WHERE day = ?";
constexpr char kInsertHoliday[] = "INSERT INTO holiday (day, kind) VALUES (?, ?)";
constexpr char kLimitList[] =
    "SELECT urgency, unit, total, grid, community, street, county, source, changed_on FROM appeal_limit "
    "ORDER BY urgency";
constexpr char kUpdateLimit[] =
    "UPDATE appeal_limit SET unit = ?, working_days = ?, total = ?, grid = ?, community = ?, street = ?, "
    "county = ?, source = ?, changed_on = ? WHERE urgency = ?";

// Assignment (首接负责): the appeal as the caller may change it (the scope clause follows).
constexpr char kHeld[] = "SELECT t.area_path, t.status, t.level FROM appeal t WHERE t.id = ? AND ";
constexpr char kAssignee[] = "SELECT assignee_id FROM appeal WHERE id = ?";
constexpr char kAssign[] = "UPDATE appeal SET assignee_id = ?, updated_at = ? WHERE id = ?";

}  // namespace jiceng::appeals::sql
