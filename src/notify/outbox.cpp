#include "notify/outbox.hpp"

#include <array>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "crypto/crypto.hpp"

namespace jiceng::notify {
namespace {

namespace bj = boost::json;

constexpr std::array<std::string_view, 7> kEvents = {"assigned", "warning",  "escalated", "whistled",
                                                     "resolved", "reopened", "closed"};
constexpr std::array<std::int64_t, 5> kBackoff = {30, 120, 600, 3600, 21600};
constexpr auto kDeliveryTimeout = std::chrono::milliseconds(5000);
constexpr std::size_t kMaxError = 300;
constexpr std::int64_t kMaxPage = 200;

bool org_dept(const core::Principal& p) {
  return std::any_of(p.bindings.begin(), p.bindings.end(),
                     [](const core::Binding& b) { return b.role == core::Role::org_dept; });
}

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

http::Response list_webhooks(Ctx& ctx) {
  if (!org_dept(ctx.who())) forbidden("只有组织部管理员可以配置消息推送");
  auto rs = ctx.app.db.read([](store::Conn& c) {
    return c.query("SELECT id, name, url, events, active, created_at FROM webhook ORDER BY id");
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"id", r.integer(0)},
                               {"name", r.text(1)},
                               {"url", r.text(2)},
                               {"events", r.text(3)},
                               {"active", r.integer(4) != 0},
                               {"created_at", r.integer(5)}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

http::Response create_webhook(Ctx& ctx) {
  if (!org_dept(ctx.who())) forbidden("只有组织部管理员可以配置消息推送");
  const auto body = json::parse_object(ctx.req.body);
  const auto name = json::req_string(body, "name", 60);
  const auto url = json::req_string(body, "url", 2000);
  if (auto problem = http::url_problem(url); !problem.empty()) bad_request("url", problem);
  std::string events = "*";
  if (const auto* v = body.if_contains("events"); v && !v->is_null()) {
    if (!v->is_array() || v->as_array().empty()) bad_request("events", "events 应为事件名列表");
    events.clear();
    for (const auto& e : v->as_array()) {
      if (!e.is_string() || !known_event(std::string(e.as_string()))) {
        bad_request("events", "未知事件，可选：assigned、warning、escalated、whistled、resolved、reopened、closed");
      }
      events += (events.empty() ? "" : ",") + std::string(e.as_string());
    }
  }
  const auto secret = crypto::random_token(24);
  const auto now = ctx.app.now();
  const auto id = ctx.app.db.write([&](store::Conn& c) {
    const auto id =
        c.one("INSERT INTO webhook (name, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
              {name, url, events, secret, now})
            ->integer(0);
    audit::record(c, {now, ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "create", "webhook",
                      std::to_string(id), "", url});
    return id;
  });
  // The secret is shown once: receivers check X-Jiceng-Signature with it.
  return json::respond(bj::object{{"id", id}, {"name", name}, {"url", url}, {"events", events}, {"secret", secret}},
                       201);
}

core::Clause outbox_scope(const core::Principal& who) {
  core::ScopeColumns cols;
  cols.area_path = "o.area_path";
  return core::scope_clause(who, core::Register::appeals, core::Action::write, cols);
}

http::Response list_outbox(Ctx& ctx) {
  const auto state = ctx.req.param("state").value_or("failed");
  if (state != "failed" && state != "pending" && state != "delivered") {
    bad_request("state", "state 应为 failed、pending 或 delivered");
  }
  auto scope = outbox_scope(ctx.who());
  store::Params params{state};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.emplace_back(kMaxPage);
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    return c.query(
        "SELECT o.id, o.event, o.appeal_id, o.attempts, o.last_error, o.created_at, o.delivered_at, w.name, "
        "o.next_at FROM outbox o JOIN webhook w ON w.id = o.webhook_id WHERE o.state = ? AND " +
            scope.sql + " ORDER BY o.id DESC LIMIT ?",
        params);
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"id", r.integer(0)},
                               {"event", r.text(1)},
                               {"appeal_id", r.is_null(2) ? bj::value(nullptr) : bj::value(r.integer(2))},
                               {"attempts", r.integer(3)},
                               {"last_error", r.is_null(4) ? bj::value(nullptr) : bj::value(r.text(4))},
                               {"created_at", r.integer(5)},
                               {"delivered_at", r.is_null(6) ? bj::value(nullptr) : bj::value(r.integer(6))},
                               {"webhook", r.text(7)},
                               {"next_at", r.integer(8)}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

http::Response retry(Ctx& ctx) {
  const auto id = ctx.id();
  auto scope = outbox_scope(ctx.who());
  store::Params params{ctx.app.now(), id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  const auto changed = ctx.app.db.write([&](store::Conn& c) {
    return c.execute(
        "UPDATE outbox SET state = 'pending', attempts = 0, next_at = ? WHERE id = ? AND state = 'failed' "
        "AND id IN (SELECT o.id FROM outbox o WHERE " +
            scope.sql + ")",
        params);
  });
  if (changed == 0) not_found("没有这条发送失败的消息，或不在您的管辖范围内");
  return json::respond(bj::object{{"id", id}, {"state", "pending"}});
}

}  // namespace

bool known_event(const std::string& event) { return std::find(kEvents.begin(), kEvents.end(), event) != kEvents.end(); }

std::int64_t backoff_seconds(int attempts) {
  if (attempts < 1 || attempts > static_cast<int>(kBackoff.size())) return 0;
  return kBackoff[static_cast<std::size_t>(attempts - 1)];
}

void enqueue(store::Conn& c, const std::string& event, std::int64_t appeal_id, const std::string& area_path,
             const bj::object& payload, std::int64_t now) {
  const auto hooks = c.query("SELECT id, events FROM webhook WHERE active = 1");
  if (hooks.empty()) return;
  bj::object body = payload;
  body["event"] = event;
  body["at"] = now;
  const auto text = bj::serialize(body);
  for (const auto& h : hooks) {
    if (!subscribed(h.text(1), event)) continue;
    c.execute(
        "INSERT INTO outbox (webhook_id, event, appeal_id, area_path, payload, state, next_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
        {h.integer(0), event, appeal_id, area_path, text, now, now});
  }
}

DeliveryResult deliver(App& app, int batch) {
  DeliveryResult out;
  const auto now = app.now();
  auto due = app.db.read([&](store::Conn& c) {
    return c.query(
        "SELECT o.id, o.payload, o.attempts, w.url, w.secret, o.event FROM outbox o "
        "JOIN webhook w ON w.id = o.webhook_id WHERE o.state = 'pending' AND o.next_at <= ? "
        "ORDER BY o.next_at LIMIT ?",
        {now, static_cast<std::int64_t>(batch)});
  });
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
      c.execute(
          "UPDATE outbox SET state = ?, attempts = ?, next_at = ?, last_error = ?, delivered_at = ? WHERE id = ?",
          {std::string(state), static_cast<std::int64_t>(attempts), now + wait,
           error.empty() ? store::null() : store::Value(error), ok ? store::Value(now) : store::null(), r.integer(0)});
    });
    (ok ? out.delivered : wait == 0 ? out.failed : out.retried)++;
  }
  return out;
}

void register_routes(Router& r) {
  r.add("GET", "/api/v1/webhooks", Access::authenticated, "notify", "消息推送地址（组织部）", list_webhooks);
  r.add("POST", "/api/v1/webhooks", Access::authenticated, "notify", "新增消息推送地址（密钥只显示一次）",
        create_webhook);
  r.add("GET", "/api/v1/outbox", Access::authenticated, "notify", "待发送、已发送与发送失败的消息", list_outbox);
  r.add("POST", "/api/v1/outbox/{id}/retry", Access::authenticated, "notify", "重新发送失败的消息", retry);
}

// For org_life: an event of another module. Webhooks name appeal events when they subscribe to
// some, so only those taking everything receive it.
void enqueue_event(store::Conn& c, const std::string& event, const std::string& area_path, const bj::object& payload,
                   std::int64_t now) {
  const auto hooks = c.query("SELECT id FROM webhook WHERE active = 1 AND events = '*'");
  if (hooks.empty()) return;
  bj::object body = payload;
  body["event"] = event;
  body["at"] = now;
  const auto text = bj::serialize(body);
  for (const auto& h : hooks) {
    c.execute(
        "INSERT INTO outbox (webhook_id, event, appeal_id, area_path, payload, state, next_at, created_at) "
        "VALUES (?, ?, NULL, ?, ?, 'pending', ?, ?)",
        {h.integer(0), event, area_path, text, now, now});
  }
}

}  // namespace jiceng::notify
