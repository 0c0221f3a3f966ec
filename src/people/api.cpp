// Revealing a masked ID number or phone (only to roles that need it, and always audited): parse,
// authorise, call the service, render.
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "people/service.hpp"
#include "registry/spec.hpp"

namespace jiceng::people {
namespace {

namespace bj = boost::json;

http::Response reveal(Ctx& ctx, Holder h) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto field = json::req_string(body, "field", 20);
  if (!revealed_column(h, field)) {
    bad_request("field", h == Holder::member ? "field 应为 id_number 或 phone" : "field 应为 phone");
  }
  const auto reg = h == Holder::member ? core::Register::members : core::Register::people;
  if (!ctx.who().can(reg, core::Action::reveal)) forbidden("您的角色无权查看完整的敏感信息");
  const auto value = people::reveal(ctx.app, ctx.who(), h, id, field, ctx.req.client_ip);
  if (!value) not_found();
  auto resp = json::respond(bj::object{{"value", *value}});
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

}  // namespace

void register_grid_routes(Router& r);  // grid_staffing.cpp

void register_routes(Router& r) {
  registry::register_spec_routes(r, {"members", "people"});
  register_grid_routes(r);
  r.add("POST", "/api/v1/members/{id}/reveal", Access::authenticated, "members", "查看党员完整身份证号或手机号（留痕）",
        [](Ctx& c) { return reveal(c, Holder::member); });
  r.add("GET", "/api/v1/members/{id}/record", Access::authenticated, "members",
        "党员档案：基本信息、数据质量检查，以及发展、组织关系、组织生活、评议、党费等记录",
        [](Ctx& c) { return json::respond(member_record_page(c.app, c.who(), c.id())); });
  r.add("POST", "/api/v1/people/{id}/reveal", Access::authenticated, "people", "查看人员完整手机号（留痕）",
        [](Ctx& c) { return reveal(c, Holder::person); });
}

}  // namespace jiceng::people
