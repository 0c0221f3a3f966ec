#pragma once
// The lists module's SQL. Its own tables: resource, need, project, service_order and
// service_order_event. Names of areas, units and members, and appeals, come from their modules.
namespace jiceng::lists::sql {

// --- Orders ---------------------------------------------------------------------------------
// An order with its subject's and resource's titles; its area's name is orgs' to give.
constexpr char kOrderSelect[] =
    "SELECT o.id, o.need_id, o.project_id, COALESCE(n.title, p.title), o.resource_id, r.title, o.claimer_kind, "
    "o.unit_id, o.member_id, o.claimer_name, o.area_id, o.via, o.status, o.rating, o.rating_comment, "
    "o.points, o.created_at, o.updated_at, o.confirmed_at, o.area_path "
    "FROM service_order o LEFT JOIN need n ON n.id = o.need_id LEFT JOIN project p ON p.id = o.project_id "
    "LEFT JOIN resource r ON r.id = o.resource_id";
constexpr char kOrderCount[] = "SELECT COUNT(*) FROM service_order o";
constexpr char kOrderEvents[] =
    "SELECT at, actor, action, note FROM service_order_event WHERE order_id = ? ORDER BY id";
constexpr char kInsertOrderEvent[] =
    "INSERT INTO service_order_event (order_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)";
constexpr char kInsertNeedOrder[] =
    "INSERT INTO service_order (need_id, resource_id, claimer_kind, unit_id, member_id, claimer_name, area_id, "
    "area_path, via, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr char kInsertProjectOrder[] =
    "INSERT INTO service_order (project_id, resource_id, claimer_kind, unit_id, member_id, claimer_name, area_id, "
    "area_path, via, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
// A live claim (not yet confirmed or cancelled) of a project by one unit or member.
constexpr char kUnitHoldsProject[] =
    "SELECT 1 FROM service_order WHERE project_id = ? AND unit_id = ? AND status IN "
    "('claimed', 'dispatched', 'accepted', 'in_progress', 'completed')";
constexpr char kMemberHoldsProject[] =
    "SELECT 1 FROM service_order WHERE project_id = ? AND member_id = ? AND status IN "
    "('claimed', 'dispatched', 'accepted', 'in_progress', 'completed')";
constexpr char kConfirmOrder[] =
    "UPDATE service_order SET status = ?, rating = ?, rating_comment = ?, points = ?, period = ?, "
    "confirmed_at = ?, updated_at = ? WHERE id = ?";
constexpr char kSetOrderStatus[] = "UPDATE service_order SET status = ?, updated_at = ? WHERE id = ?";

// 光荣榜: confirmed orders of a period under an area, summed per claimer. kRoll + a period
// condition + kRollTail.
constexpr char kRoll[] =
    "SELECT claimer_kind, MAX(unit_id), MAX(member_id), MAX(claimer_name), COUNT(*), SUM(points), "
    "AVG(rating) FROM service_order WHERE status = 'confirmed' AND area_path >= ? AND area_path < ?";
constexpr char kRollYear[] = " AND period >= ? AND period <= ?";
constexpr char kRollMonth[] = " AND period = ?";
constexpr char kRollTail[] =
    " GROUP BY claimer_kind, COALESCE(unit_id, member_id) ORDER BY SUM(points) DESC, COUNT(*) DESC, "
    "MAX(claimer_name) LIMIT ?";

// --- Resources ------------------------------------------------------------------------------
constexpr char kResourceRoom[] =
    "SELECT status, open_orders, capacity, owner_kind, unit_id, member_id FROM resource WHERE id = ?";
constexpr char kResourceOwner[] =
    "SELECT owner_kind, COALESCE(unit_id, member_id), owner_name FROM resource WHERE id = ?";
constexpr char kResourceTaken[] = "UPDATE resource SET open_orders = open_orders + 1 WHERE id = ?";
constexpr char kResourceReleased[] = "UPDATE resource SET open_orders = open_orders - 1 WHERE id = ?";
constexpr char kResourceRated[] =
    "UPDATE resource SET open_orders = open_orders - 1, rating_sum = rating_sum + ?, ratings = ratings + 1 "
    "WHERE id = ?";
// The few suggestions shown: kResourcesShown + "?, ?, …)".
constexpr char kResourcesShown[] = "SELECT id, title, kind, owner_name FROM resource WHERE id IN (";
// Dispatch suggestions' in-memory candidates, reloaded when a trigger moves the resource version.
constexpr char kResourceVersion[] = "SELECT version FROM cache_version WHERE name = 'resource'";
constexpr char kCandidates[] =
    "SELECT id, kind, served_paths, lon, lat, rating_sum, ratings, open_orders, capacity "
    "FROM resource WHERE status = 'published'";
constexpr char kResourceForWithdraw[] = "SELECT status, area_path, unit_id, member_id FROM resource WHERE id = ?";
constexpr char kWithdrawResource[] = "UPDATE resource SET status = 'withdrawn', updated_at = ? WHERE id = ?";

// --- Needs and projects ---------------------------------------------------------------------
constexpr char kNeedForClaim[] = "SELECT status, area_id, area_path FROM need WHERE id = ?";
// + " AND " + the caller's scope.
constexpr char kNeedForStaff[] = "SELECT status, area_id, area_path, kind, lon, lat FROM need WHERE id = ?";
constexpr char kNeedOrdered[] = "UPDATE need SET status = 'ordered', updated_at = ? WHERE id = ?";
constexpr char kNeedDone[] = "UPDATE need SET status = 'done', updated_at = ? WHERE id = ?";
constexpr char kNeedReopened[] =
    "UPDATE need SET status = 'published', updated_at = ? WHERE id = ? AND status = 'ordered'";
constexpr char kNeedOfAppeal[] = "SELECT 1 FROM need WHERE appeal_id = ?";
constexpr char kInsertNeedFromAppeal[] =
    "INSERT INTO need (title, kind, description, source, requester_name, appeal_id, area_id, area_path, "
    "lon, lat, status, created_at, updated_at) VALUES (?, ?, ?, 'resident', ?, ?, ?, ?, ?, ?, 'published', "
    "?, ?) RETURNING id";
constexpr char kProjectForClaim[] = "SELECT status, area_id, area_path, taken, places FROM project WHERE id = ?";
constexpr char kProjectTaken[] = "UPDATE project SET taken = ?, status = ?, updated_at = ? WHERE id = ?";
constexpr char kProjectReleased[] =
    "UPDATE project SET taken = taken - 1, status = CASE WHEN status = 'full' THEN 'published' ELSE status END, "
    "updated_at = ? WHERE id = ?";

// Review of what units, members and grid staff put forward, one pair per list.
constexpr char kResourceForReview[] = "SELECT status, area_path FROM resource WHERE id = ?";
constexpr char kNeedForReview[] = "SELECT status, area_path FROM need WHERE id = ?";
constexpr char kProjectForReview[] = "SELECT status, area_path FROM project WHERE id = ?";
constexpr char kReviewResource[] = "UPDATE resource SET status = ?, review_note = ?, updated_at = ? WHERE id = ?";
constexpr char kReviewNeed[] = "UPDATE need SET status = ?, review_note = ?, updated_at = ? WHERE id = ?";
constexpr char kReviewProject[] = "UPDATE project SET status = ?, review_note = ?, updated_at = ? WHERE id = ?";

// --- The public page (area_id: its name is orgs' to give) ----------------------------------------
constexpr char kPublicNeeds[] =
    "SELECT t.id, t.title, t.kind, t.description, t.area_id, t.created_at FROM need t "
    "WHERE t.status = 'published' AND t.area_path >= ? AND t.area_path < ? ORDER BY t.id DESC LIMIT ?";
constexpr char kPublicProjects[] =
    "SELECT t.id, t.title, t.description, t.goal, t.places, t.taken, t.area_id, t.starts_on, "
    "t.ends_on FROM project t WHERE t.status = 'published' "
    "AND t.area_path >= ? AND t.area_path < ? ORDER BY t.id DESC LIMIT ?";
constexpr char kPublicResources[] =
    "SELECT t.id, t.title, t.kind, t.description, t.owner_name, t.area_id, t.available FROM "
    "resource t WHERE t.status = 'published' AND "
    "t.area_path >= ? AND t.area_path < ? ORDER BY t.id DESC LIMIT ?";

// --- Register scopes: units and members read what is published and what they claimed ------------
constexpr char kNeedsOfUnit[] =
    "t.status = 'published' OR t.id IN (SELECT need_id FROM service_order WHERE unit_id = ?)";
constexpr char kNeedsOfMember[] =
    "t.status = 'published' OR t.id IN (SELECT need_id FROM service_order WHERE member_id = ?)";
constexpr char kProjectsOfUnit[] =
    "t.status = 'published' OR t.id IN (SELECT project_id FROM service_order WHERE unit_id = ?)";
constexpr char kProjectsOfMember[] =
    "t.status = 'published' OR t.id IN (SELECT project_id FROM service_order WHERE member_id = ?)";

}  // namespace jiceng::lists::sql
