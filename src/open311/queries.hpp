#pragma once
// The SQL of the Open311 routes, as named constants. Internal to open311/.

namespace jiceng::open311 {

// What a client sent with the requests and updates it filed, for a list of them at once (the
// appeals themselves are appeals'): "?, ?, …)" appended.
inline constexpr char kRequestsFiledIn[] =
    "SELECT appeal_id, address_id, media_url FROM open311_request WHERE appeal_id IN (";
inline constexpr char kUpdatesFiledIn[] = "SELECT event_id, media_url FROM open311_update WHERE event_id IN (";

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
