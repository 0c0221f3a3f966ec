// The county's appeal settings: the category tree and the holiday calendar (organisation department only).
#include <boost/json.hpp>
#include <climits>

#include "appeals/calendar.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxName = 30;
constexpr std::size_t kMaxDepartment = 40;

void require_org_dept(const core::Principal& p) {
  const bool ok = std::any_of(p.bindings.begin(), p.bindings.end(),
                              [](const core::Binding& b) { return b.role == core::Role::org_dept; });
  if (!ok) forbidden("只有组织部管理员可以修改诉求分类和节假日");
}

http::Response post_category(Ctx& ctx) {
  require_org_dept(ctx.who());
  const auto body = json::parse_object(ctx.req.body);
  const auto name = json::req_string(body, "name", kMaxName);
  const auto parent = json::opt_int(body, "parent_id");
  const auto urgency = json::opt_string(body, "urgency", 20).value_or("general");
  if (!parse_urgency(urgency)) bad_request("urgency", "紧急程度应为 emergency、utilities、general、complex 之一");
  const auto department = json::opt_string(body, "department", kMaxDepartment).value_or("");
  const bool dispute = json::opt_bool(body, "is_dispute").value_or(false);
  const auto id = create_category(ctx.app, ctx.who(), ctx.req.client_ip, {name, parent, urgency, department, dispute});
  return json::respond(bj::object{{"id", id}, {"name", name}, {"urgency", urgency}, {"is_dispute", dispute}}, 201);
}

http::Response patch_category(Ctx& ctx) {
  require_org_dept(ctx.who());
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  CategoryEdit e;
  e.name = json::opt_string(body, "name", kMaxName);
  if (e.name && e.name->empty()) bad_request("name", "名称不能为空", "required");
  e.urgency = json::opt_string(body, "urgency", 20);
  if (e.urgency && !parse_urgency(*e.urgency)) {
    bad_request("urgency", "紧急程度应为 emergency、utilities、general、complex 之一");
  }
  e.department = json::opt_string(body, "department", kMaxDepartment);
  e.dispute = json::opt_bool(body, "is_dispute");
  if (e.empty()) bad_request("", "没有要修改的内容", "required");
  edit_category(ctx.app, ctx.who(), ctx.req.client_ip, id, e, bj::serialize(body));
  return json::respond(bj::object{{"id", id}});
}

http::Response list_holidays(Ctx& ctx) {
  const auto year = ctx.req.param("year").value_or("");
  if (!year.empty() && (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos)) {
    bad_request("year", "year 应为四位年份");
  }
  return json::respond(bj::object{{"items", holidays(ctx.app, year)}});
}

http::Response put_holiday(Ctx& ctx) {
  require_org_dept(ctx.who());
  const auto body = json::parse_object(ctx.req.body);
  const auto day = json::req_string(body, "day", 10);
  if (core::parse_day(day) == core::kBadDay) bad_request("day", "日期应为 YYYY-MM-DD");
  const auto kind = json::req_string(body, "kind", 10);
  if (kind != "holiday" && kind != "workday" && kind != "normal") {
    bad_request("kind", "kind 应为 holiday（放假）、workday（调休上班）或 normal（恢复平常）");
  }
  set_holiday(ctx.app, ctx.who(), ctx.req.client_ip, day, kind);
  return json::respond(bj::object{{"day", day}, {"kind", kind}});
}

http::Response list_limits(Ctx& ctx) { return json::respond(bj::object{{"items", limits(ctx.app)}}); }

http::Response put_limit(Ctx& ctx) {
  require_org_dept(ctx.who());
  const auto body = json::parse_object(ctx.req.body);
  const auto urgency = parse_urgency(json::req_string(body, "urgency", 20));
  if (!urgency) bad_request("urgency", "紧急程度应为 emergency、utilities、general、complex、dispute 之一");
  const auto unit = parse_limit_unit(json::req_string(body, "unit", 20));
  if (!unit) bad_request("unit", "unit 应为 minutes、working_days 或 calendar_days");
  const auto total = json::opt_int(body, "total");
  const auto* slices = body.if_contains("slices");
  if (!total) bad_request("total", "请填写总时限", "required");
  if (!slices || !slices->is_array() || slices->as_array().size() != 4)
    bad_request("slices", "请填写网格、社区、街道、县四级时限");
  LimitRule rule{*urgency, *unit, static_cast<int>(std::min<std::int64_t>(*total, INT32_MAX)), {}};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& v = slices->as_array()[i];
    if (!v.is_int64() || v.as_int64() <= 0 || v.as_int64() > INT32_MAX) bad_request("slices", "每一级的时限应为正整数");
    rule.slices[i] = static_cast<int>(v.as_int64());
  }
  if (auto problem = limit_problem(rule)) bad_request("slices", *problem);
  set_limit(ctx.app, ctx.who(), ctx.req.client_ip, rule, bj::serialize(body));
  return list_limits(ctx);
}

}  // namespace

void register_settings_routes(Router& r) {
  r.add("GET", "/api/v1/appeal-limits", Access::authenticated, "appeals", "各紧急程度的办理时限与四级分配",
        list_limits);
  r.add("PUT", "/api/v1/appeal-limits", Access::authenticated, "appeals", "修改办理时限（组织部）", put_limit);
  r.add("POST", "/api/v1/appeal-categories", Access::authenticated, "appeals", "新增诉求分类（组织部）", post_category);
  r.add("PATCH", "/api/v1/appeal-categories/{id}", Access::authenticated, "appeals",
        "修改诉求分类（名称、紧急程度、部门）", patch_category);
  r.add("GET", "/api/v1/holidays", Access::authenticated, "appeals", "节假日与调休日历", list_holidays);
  r.add("PUT", "/api/v1/holidays", Access::authenticated, "appeals", "设置某天放假、调休上班或恢复平常（组织部）",
        put_holiday);
}

}  // namespace jiceng::appeals
