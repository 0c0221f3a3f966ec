// The webhooks the organisation department configures, and the outbox staff read and retry.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "crypto/crypto.hpp"
#include "notify/outbox.hpp"
#include "notify/queries.hpp"

namespace jiceng::notify {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kMaxPage = 200;

bool org_dept(const core::Principal& p) {
  return std::any_of(p.bindings.begin(), p.bindings.end(),
                     [](const core::Binding& b) { return b.role == core::Role::org_dept; });
}

http::Response list_webhooks(Ctx& ctx) {
  if (!org_dept(ctx.who())) forbidden("只有组织部管理员可以配置消息推送");
  auto rs = ctx.app.db.read([](store::Conn& c) { return c.query(sql::kWebhooks); });
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
    const auto id = c.one(sql::kInsertWebhook, {name, url, events, secret, now})->integer(0);
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
  auto rs =
      ctx.app.db.read([&](store::Conn& c) { return c.query(sql::kOutboxPage + scope.sql + sql::kOutboxTail, params); });
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
  const auto changed =
      ctx.app.db.write([&](store::Conn& c) { return c.execute(sql::kRetryFailed + scope.sql + ")", params); });
  if (changed == 0) not_found("没有这条发送失败的消息，或不在您的管辖范围内");
  return json::respond(bj::object{{"id", id}, {"state", "pending"}});
}

}  // namespace

void register_routes(Router& r) {
  r.add("GET", "/api/v1/webhooks", Access::authenticated, "notify", "消息推送地址（组织部）", list_webhooks);
  r.add("POST", "/api/v1/webhooks", Access::authenticated, "notify", "新增消息推送地址（密钥只显示一次）",
        create_webhook);
  r.add("GET", "/api/v1/outbox", Access::authenticated, "notify", "待发送、已发送与发送失败的消息", list_outbox);
  r.add("POST", "/api/v1/outbox/{id}/retry", Access::authenticated, "notify", "重新发送失败的消息", retry);
}

}  // namespace jiceng::notify
