#pragma once
// The notify module's SQL, named; only this module reads webhook and outbox.

namespace jiceng::notify::sql {

constexpr char kWebhooks[] = "SELECT id, name, url, events, active, created_at FROM webhook ORDER BY id";
constexpr char kInsertWebhook[] =
    "INSERT INTO webhook (name, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
// Followed by the caller's scope clause, then kOutboxTail.
constexpr char kOutboxPage[] =
    "SELECT o.id, o.event, o.appeal_id, o.attempts, o.last_error, o.created_at, o.delivered_at, w.name, "
    "o.next_at FROM outbox o JOIN webhook w ON w.id = o.webhook_id WHERE o.state = ? AND ";
constexpr char kOutboxTail[] = " ORDER BY o.id DESC LIMIT ?";
// Followed by the caller's scope clause and ")".
constexpr char kRetryFailed[] =
    "UPDATE outbox SET state = 'pending', attempts = 0, next_at = ? WHERE id = ? AND state = 'failed' "
    "AND id IN (SELECT o.id FROM outbox o WHERE ";
constexpr char kActiveWebhooks[] = "SELECT id, events FROM webhook WHERE active = 1";
constexpr char kQueue[] =
    "INSERT INTO outbox (webhook_id, event, appeal_id, area_path, payload, state, next_at, created_at) "
    "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)";
constexpr char kDue[] =
    "SELECT o.id, o.payload, o.attempts, w.url, w.secret, o.event FROM outbox o "
    "JOIN webhook w ON w.id = o.webhook_id WHERE o.state = 'pending' AND o.next_at <= ? "
    "ORDER BY o.next_at LIMIT ?";
constexpr char kDelivered[] =
    "UPDATE outbox SET state = ?, attempts = ?, next_at = ?, last_error = ?, delivered_at = ? WHERE id = ?";

}  // namespace jiceng::notify::sql
