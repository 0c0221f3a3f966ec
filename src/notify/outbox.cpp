#include "notify/outbox.hpp"

#include <array>
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "crypto/crypto.hpp"
#include "notify/queries.hpp"

namespace jiceng::notify {
namespace {

namespace bj = boost::json;

constexpr std::array<std::string_view, 7> kEvents = {"assigned", "warning",  "escalated", "whistled",
                                                     "resolved", "reopened", "closed"};
constexpr std::array<std::int64_t, 5> kBackoff = {30, 120, 600, 3600, 21600};
constexpr auto kDeliveryTimeout = std::chrono::milliseconds(5000);
constexpr std::size_t kMaxError = 300;

bool subscribed(const std::string& events, const std::string& event) {
  if (events == "*") return true;
  std::size_t start = 0;
  while (start <= events.size()) {
    const auto comma = events.find(',', start);
    const auto item = events.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item == event) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

// An appeal event goes to the webhooks subscribed to it by name; another module's event (no
// appeal), whose name webhooks cannot subscribe to, only to those taking everything ("*").
void queue(store::Conn& c, const std::string& event, const store::Value& appeal_id, const std::string& area_path,
           const bj::object& payload, std::int64_t now) {
  const bool appeal_event = !std::holds_alternative<std::monostate>(appeal_id);
  const auto hooks = c.query(sql::kActiveWebhooks);
  if (hooks.empty()) return;
  bj::object body = payload;
  body["event"] = event;
  body["at"] = now;
  const auto text = bj::serialize(body);
  for (const auto& h : hooks) {
    if (appeal_event ? !subscribed(h.text(1), event) : h.text(1) != "*") continue;
    c.execute(sql::kQueue, {h.integer(0), event, appeal_id, area_path, text, now, now});
  }
}

}  // namespace

bool known_event(const std::string& event) { return std::find(kEvents.begin(), kEvents.end(), event) != kEvents.end(); }

std::int64_t backoff_seconds(int attempts) {
  if (attempts < 1 || attempts > static_cast<int>(kBackoff.size())) return 0;
  return kBackoff[static_cast<std::size_t>(attempts - 1)];
}

void enqueue(store::Conn& c, const std::string& event, std::int64_t appeal_id, const std::string& area_path,
             const bj::object& payload, std::int64_t now) {
  queue(c, event, store::Value(appeal_id), area_path, payload, now);
}

DeliveryResult deliver(App& app, int batch) {
  DeliveryResult out;
  const auto now = app.now();
  auto due = app.db.read([&](store::Conn& c) { return c.query(sql::kDue, {now, static_cast<std::int64_t>(batch)}); });
  for (const auto& r : due) {
    const auto body = r.text(1);
    const auto result = http::post(
        r.text(3), body, "application/json; charset=utf-8",
        {{"X-Jiceng-Event", r.text(5)}, {"X-Jiceng-Signature", "hmac-sm3=" + crypto::hmac_sm3_hex(r.text(4), body)}},
        kDeliveryTimeout);
    const int attempts = static_cast<int>(r.integer(2)) + 1;
    const bool ok = result.status >= 200 && result.status < 300;
    std::string error = ok ? "" : result.status ? "HTTP " + std::to_string(result.status) : result.error;
    if (error.size() > kMaxError) error.resize(kMaxError);
    const auto wait = backoff_seconds(attempts);
    const char* state = ok ? "delivered" : wait == 0 ? "failed" : "pending";
    app.db.write([&](store::Conn& c) {
      c.execute(sql::kDelivered, {std::string(state), static_cast<std::int64_t>(attempts), now + wait,
                                  error.empty() ? store::null() : store::Value(error),
                                  ok ? store::Value(now) : store::null(), r.integer(0)});
    });
    (ok ? out.delivered : wait == 0 ? out.failed : out.retried)++;
  }
  return out;
}

void enqueue_event(store::Conn& c, const std::string& event, const std::string& area_path, const bj::object& payload,
                   std::int64_t now) {
  queue(c, event, store::null(), area_path, payload, now);
}

}  // namespace jiceng::notify
