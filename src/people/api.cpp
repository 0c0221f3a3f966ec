// Revealing a masked ID number or phone: only to roles that need it, and always audited.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "registry/spec.hpp"

namespace jiceng::people {
namespace {

namespace bj = boost::json;

http::Response reveal(Ctx& ctx, const std::string& table, auth::Register reg) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto field = json::req_string(body, "field", 20);
  std::string column;
  if (field == "phone")
    column = "phone_enc";
  else if (field == "id_number" && table == "member")
    column = "id_number_enc";
  else
    bad_request("field", table == "member" ? "field 应为 id_number 或 phone" : "field 应为 phone");
  if (!ctx.who().can(reg, auth::Action::reveal)) forbidden("您的角色无权查看完整的敏感信息");
  auth::ScopeColumns cols;
  cols.area_path = "area_path";
  if (table == "member") cols.org_path = "org_path";
  auto scope = auth::scope_clause(ctx.who(), reg, auth::Action::reveal, cols);
  auto value = ctx.app.db.write([&](store::Conn& c) -> std::optional<std::string> {
    store::Params params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    auto row = c.one("SELECT " + column + " FROM " + table + " WHERE id = ? AND " + scope.sql, params);
    if (!row) return std::nullopt;
    audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "reveal", table,
                      std::to_string(id), "", bj::serialize(bj::object{{"field", field}})});
    if (row->is_null(0)) return std::string();
    return ctx.app.cipher.decrypt(row->text(0));
  });
  if (!value) not_found();
  auto resp = json::respond(bj::object{{"value", *value}});
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

}  // namespace

void register_grid_routes(Router& r);  // grid_staffing.cpp

void register_routes(Router& r) {
  for (const char* name : {"members", "people"}) registry::register_spec_routes(r, *registry::find_spec(name));
  register_grid_routes(r);
  r.add("POST", "/api/v1/members/{id}/reveal", Access::authenticated, "members", "查看党员完整身份证号或手机号（留痕）",
        [](Ctx& c) { return reveal(c, "member", auth::Register::members); });
  r.add("POST", "/api/v1/people/{id}/reveal", Access::authenticated, "people", "查看人员完整手机号（留痕）",
        [](Ctx& c) { return reveal(c, "person", auth::Register::people); });
}

}  // namespace jiceng::people
