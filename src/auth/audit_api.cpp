// The audit log, for the audit administrator alone: read, filtered, and its SM3 chain verified.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "auth/routes.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"

namespace jiceng::auth {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kDefaultPage = 50;
constexpr std::int64_t kMaxPage = 200;
constexpr std::size_t kMaxFilter = 64;

http::Response get_audit(Ctx& ctx) {
  if (!ctx.who().can(core::Register::audit, core::Action::read)) forbidden();
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto before = http::int_param(ctx.req, "after", 1, INT64_MAX).value_or(INT64_MAX);
  audit::Query q;
  q.before = before;
  q.limit = limit;
  const std::pair<const char*, std::string audit::Query::*> filters[] = {{"actor", &audit::Query::actor},
                                                                         {"action", &audit::Query::action},
                                                                         {"object_type", &audit::Query::object_type},
                                                                         {"object_id", &audit::Query::object_id}};
  for (const auto& [key, field] : filters) {
    const auto v = ctx.req.param(key);
    if (!v || v->empty()) continue;
    if (v->size() > kMaxFilter) bad_request(key, std::string(key) + " 过长", "too_long");
    q.*field = *v;
  }
  q.from = http::int_param(ctx.req, "from", 0, INT64_MAX / 2);
  q.to = http::int_param(ctx.req, "to", 0, INT64_MAX / 2);
  const auto rows = ctx.app.db.read([&](store::Conn& c) { return audit::page(c, q); });
  bj::array items;
  for (const auto& [id, e] : rows) {
    items.push_back(bj::object{{"id", id},
                               {"at", e.at},
                               {"actor", e.actor},
                               {"ip", e.ip},
                               {"action", e.action},
                               {"object_type", e.object_type},
                               {"object_id", e.object_id},
                               {"before", e.before},
                               {"after", e.after}});
  }
  bj::value next = nullptr;
  if (static_cast<std::int64_t>(rows.size()) == limit) next = std::to_string(rows.back().id);
  return json::respond(bj::object{{"items", std::move(items)}, {"next_cursor", next}});
}

http::Response get_verify(Ctx& ctx) {
  if (!ctx.who().can(core::Register::audit, core::Action::read)) forbidden();
  const auto r = ctx.app.db.read([](store::Conn& c) { return audit::verify(c); });
  bj::object out{{"ok", r.ok}, {"rows", r.rows}};
  out["first_bad_id"] = r.first_bad_id ? bj::value(*r.first_bad_id) : bj::value(nullptr);
  out["reason"] = r.reason;
  return json::respond(out);
}

}  // namespace

void register_audit_routes(Router& r) {
  r.add("GET", "/api/v1/audit", Access::authenticated, "audit",
        "审计日志（仅审计管理员；可按 actor、action、object_type、object_id、from、to 筛选）", get_audit);
  r.add("GET", "/api/v1/audit/verify", Access::authenticated, "audit", "校验审计日志的 SM3 哈希链", get_verify);
}

}  // namespace jiceng::auth
