#pragma once
// The SQL of the Open311 routes, as named constants. Internal to open311/.
#include <string>

namespace jiceng::open311 {

// Categories a report can be filed under: the leaves of the tree. Neighbours' disputes are not
// among them: their requests are never published, so a client could not follow one it filed.
// Rows as service_record() reads them; callers append "AND …" and "ORDER BY …".
inline constexpr char kServicesSql[] =
    "SELECT c.id, c.name, c.department, p.name, g.name, c.urgency FROM appeal_category c "
    "LEFT JOIN appeal_category p ON p.id = c.parent_id LEFT JOIN appeal_category g ON g.id = p.parent_id "
    "WHERE NOT EXISTS (SELECT 1 FROM appeal_category k WHERE k.parent_id = c.id) AND c.is_dispute = 0 ";

// Open311 lists are public. Reports of wrongdoing (举报) and neighbours' disputes are not published.
inline constexpr char kPublishable[] = " AND t.type <> 'report' AND c.is_dispute = 0";

// Rows as request_record() reads them; callers append "WHERE …".
inline constexpr char kRequestSql[] =
    "SELECT t.id, t.code, t.status, c.name, t.category_id, t.description, c.department, t.created_at, t.updated_at, "
    "t.deadline_at, t.address, t.lat, t.lon, "
    // The latest staff note in the same statement: a list is up to 1,000 requests, and a
    // statement each cost more than the list itself. Residents' own updates are not status notes.
    "(SELECT e.note FROM appeal_event e WHERE e.appeal_id = t.id AND e.note IS NOT NULL "
    "AND e.action <> 'resident_update' ORDER BY e.id DESC LIMIT 1), "
    "o.address_id, o.media_url, (SELECT p.hash FROM appeal_photo p WHERE p.appeal_id = t.id ORDER BY p.id LIMIT 1) "
    "FROM appeal t JOIN appeal_category c ON c.id = t.category_id LEFT JOIN open311_request o ON o.appeal_id = t.id ";

// The id and status of a published appeal, by tracking code.
inline const std::string kPublishedAppealByCodeSql =
    std::string("SELECT t.id, t.status FROM appeal t JOIN appeal_category c ON c.id = t.category_id WHERE t.code = ?") +
    kPublishable;

// The status changes of published appeals between two times, oldest first (servicerequestupdates).
inline constexpr char kUpdatesSql[] =
    "SELECT e.id, a.code, e.to_status, e.at, e.action, e.note, u.media_url, "
    "(SELECT p.hash FROM appeal_photo p WHERE p.appeal_id = e.appeal_id AND p.event_id = e.id ORDER BY p.id "
    "LIMIT 1) FROM appeal_event e JOIN appeal a ON a.id = e.appeal_id "
    "JOIN appeal_category c ON c.id = a.category_id LEFT JOIN open311_update u ON u.event_id = e.id "
    "WHERE e.at >= ? AND e.at <= ? AND e.to_status IS NOT NULL AND e.action <> 'submit' "
    "AND a.type <> 'report' AND c.is_dispute = 0 ORDER BY e.id LIMIT ?";

inline constexpr char kKeyByHashSql[] = "SELECT id, name FROM open311_key WHERE key_hash = ?";

inline constexpr char kInsertRequestSql[] =
    "INSERT INTO open311_request (appeal_id, key_id, first_name, last_name, email_enc, email_mask, "
    "address_id, media_url, device_id, account_id, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

inline constexpr char kClientUpdateSql[] =
    "SELECT event_id, appeal_id FROM open311_update WHERE key_id = ? AND client_update_id = ?";

inline constexpr char kInsertUpdateSql[] =
    "INSERT INTO open311_update (event_id, appeal_id, key_id, client_update_id, status, first_name, "
    "last_name, email_enc, email_mask, phone_enc, phone_mask, media_url, account_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

}  // namespace jiceng::open311
