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

constexpr std::int64_t kMaxId = INT64_MAX / 2, kMaxPage = 200, kMaxOffset = 1000000;
constexpr std::size_t kMaxCode = 20;

http::Response get_problems(Ctx& ctx) {
  if (!ctx.who().can(core::Register::members, core::Action::read)) forbidden();
  ProblemQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, kMaxId);
  q.area_id = http::int_param(ctx.req, "area_id", 1, kMaxId);
  if (auto code = ctx.req.param("code"); code && !code->empty()) {
    if (code->size() > kMaxCode || code->find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
      bad_request("code", "code 应为检查项代码，如 missing、under_age");
    }
    q.code = *code;
  }
  q.limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(q.limit);
  q.offset = http::int_param(ctx.req, "offset", 0, kMaxOffset).value_or(0);
  return json::respond(problem_members(ctx.app, ctx.who(), q));
}

http::Response get_problem_orgs(Ctx& ctx) {
  if (!ctx.who().can(core::Register::members, core::Action::read)) forbidden();
  return json::respond(problem_orgs(ctx.app, ctx.who(), http::int_param(ctx.req, "area_id", 1, kMaxId)));
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
  r.add("GET", "/api/v1/member-problems", Access::authenticated, "members",
        "党员信息数据质量问题清单（每日检查：缺项、身份证号与出生日期不符、年龄、日期顺序）", get_problems);
  r.add("GET", "/api/v1/member-problems/orgs", Access::authenticated, "members",
        "存在数据质量问题的党组织（按问题人数排序）", get_problem_orgs);
  r.add("POST", "/api/v1/people/{id}/reveal", Access::authenticated, "people", "查看人员完整手机号（留痕）",
        [](Ctx& c) { return reveal(c, Holder::person); });
}

}  // namespace jiceng::people
