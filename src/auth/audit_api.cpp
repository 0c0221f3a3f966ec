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
  std::string where = "id < ?";
  store::Params params{before};
  for (const char* key : {"actor", "action", "object_type", "object_id"}) {
    const auto v = ctx.req.param(key);
    if (!v || v->empty()) continue;
    if (v->size() > kMaxFilter) bad_request(key, std::string(key) + " 过长", "too_long");
    where += std::string(" AND ") + key + " = ?";
    params.push_back(*v);
  }
  if (auto from = http::int_param(ctx.req, "from", 0, INT64_MAX / 2)) {
    where += " AND at >= ?";
    params.push_back(*from);
  }
  if (auto to = http::int_param(ctx.req, "to", 0, INT64_MAX / 2)) {
    where += " AND at < ?";
    params.push_back(*to);
  }
  params.push_back(limit);
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    return c.query(
        "SELECT id, at, actor, ip, action, object_type, object_id, before_value, after_value FROM audit_log "
        "WHERE " +
            where + " ORDER BY id DESC LIMIT ?",
        params);
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"id", r.integer(0)},
                               {"at", r.integer(1)},
                               {"actor", r.text(2)},
                               {"ip", r.text(3)},
                               {"action", r.text(4)},
                               {"object_type", r.text(5)},
                               {"object_id", r.text(6)},
                               {"before", r.text(7)},
                               {"after", r.text(8)}});
  }
  bj::value next = nullptr;
  if (static_cast<std::int64_t>(rs.size()) == limit) next = std::to_string(rs.rows.back().integer(0));
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
