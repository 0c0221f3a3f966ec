#pragma once
// The SQL behind exports.hpp: what open311 and lists read of appeals, as named constants.
// Internal to appeals/.

namespace jiceng::appeals::sql {

// For open311 and lists

// Categories a report can be filed under: the leaves of the tree. Neighbours' disputes are not
// among them: their requests are never published, so a client could not follow one it filed.
// Callers append "AND …" and "ORDER BY …".
constexpr char kPublicCategories[] =
    "SELECT c.id, c.name, c.department, p.name, g.name, c.urgency FROM appeal_category c "
    "LEFT JOIN appeal_category p ON p.id = c.parent_id LEFT JOIN appeal_category g ON g.id = p.parent_id "
    "WHERE NOT EXISTS (SELECT 1 FROM appeal_category k WHERE k.parent_id = c.id) AND c.is_dispute = 0 ";

// Published appeals are public. Reports of wrongdoing (举报) and neighbours' disputes are not.
constexpr char kPublishable[] = " AND t.type <> 'report' AND c.is_dispute = 0";

// A published appeal as open311 shows it; callers append "WHERE …".
constexpr char kPublishedAppeal[] =
    "SELECT t.id, t.code, t.status, c.name, t.category_id, t.description, c.department, t.created_at, t.updated_at, "
    "t.deadline_at, t.address, t.lat, t.lon, "
    // The latest staff note in the same statement: a list is up to 1,000 appeals, and a
    // statement each cost more than the list itself. Residents' own updates are not status notes.
    "(SELECT e.note FROM appeal_event e WHERE e.appeal_id = t.id AND e.note IS NOT NULL "
    "AND e.action <> 'resident_update' ORDER BY e.id DESC LIMIT 1), "
    "(SELECT p.hash FROM appeal_photo p WHERE p.appeal_id = t.id ORDER BY p.id LIMIT 1) "
    "FROM appeal t JOIN appeal_category c ON c.id = t.category_id ";

// The id and status of a published appeal, by tracking code.
constexpr char kPublishedState[] =
    "SELECT t.id, t.status FROM appeal t JOIN appeal_category c ON c.id = t.category_id WHERE t.code = ?";

// The status changes of published appeals between two times, oldest first.
constexpr char kPublishedUpdates[] =
    "SELECT e.id, e.appeal_id, a.code, e.to_status, e.at, e.action, e.note, "
    "(SELECT p.hash FROM appeal_photo p WHERE p.appeal_id = e.appeal_id AND p.event_id = e.id ORDER BY p.id "
    "LIMIT 1) FROM appeal_event e JOIN appeal a ON a.id = e.appeal_id "
    "JOIN appeal_category c ON c.id = a.category_id "
    "WHERE e.at >= ? AND e.at <= ? AND e.to_status IS NOT NULL AND e.action <> 'submit' "
    "AND a.type <> 'report' AND c.is_dispute = 0 ORDER BY e.id LIMIT ?";

// A 求助 appeal turned into a need (+ " AND " + the caller's appeal scope).
constexpr char kAppealForNeed[] =
    "SELECT t.type, t.description, COALESCE(t.grid_id, t.area_id), t.lon, t.lat, t.reporter_name, t.code "
    "FROM appeal t WHERE t.id = ?";

}  // namespace jiceng::appeals::sql
