// The county's appeal settings: the category tree and the holiday calendar (organisation department only).
#include <boost/json.hpp>
#include <climits>

#include "appeals/calendar.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxName = 30;
constexpr std::size_t kMaxDepartment = 40;
constexpr int kMaxCategoryLevel = 3;

void require_org_dept(const auth::Principal& p) {
  const bool ok = std::any_of(p.bindings.begin(), p.bindings.end(),
                              [](const auth::Binding& b) { return b.role == auth::Role::org_dept; });
  if (!ok) forbidden("只有组织部管理员可以修改诉求分类和节假日");
}

void record(Ctx& ctx, store::Conn& c, const std::string& action, const std::string& type, const std::string& id,
            const std::string& after) {
  audit::record(
      c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, action, type, id, "", after});
}

http::Response create_category(Ctx& ctx) {
  require_org_dept(ctx.who());
  const auto body = json::parse_object(ctx.req.body);
  const auto name = json::req_string(body, "name", kMaxName);
  const auto parent = json::opt_int(body, "parent_id");
  const auto urgency = json::opt_string(body, "urgency", 20).value_or("general");
  if (!parse_urgency(urgency)) bad_request("urgency", "紧急程度应为 emergency、utilities、general、complex 之一");
  const auto department = json::opt_string(body, "department", kMaxDepartment).value_or("");
  const bool dispute = json::opt_bool(body, "is_dispute").value_or(false);
  const auto id = ctx.app.db.write([&](store::Conn& c) {
    std::int64_t level = 1;
    if (parent) {
      auto p = c.one("SELECT level FROM appeal_category WHERE id = ?", {*parent});
      if (!p) bad_request("parent_id", "上级分类不存在");
      level = p->integer(0) + 1;
      if (level > kMaxCategoryLevel) bad_request("parent_id", "分类最多三级");
      // A category already holding appeals stays a leaf, so no appeal ends up on an inner node.
      if (c.one("SELECT 1 FROM appeal WHERE category_id = ? LIMIT 1", {*parent})) {
        bad_request("parent_id", "该分类下已有诉求，不能再增加下级分类");
      }
    }
    if (c.one("SELECT 1 FROM appeal_category WHERE name = ? AND parent_id IS NOT DISTINCT FROM ?",
              {name, store::opt(parent)})) {
      conflict("同一级下已有同名分类", "name");
    }
    const auto id =
        c.one(
             "INSERT INTO appeal_category (parent_id, name, level, urgency, department, is_dispute, sort) "
             "VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id",
             {store::opt(parent), name, level, urgency, department, static_cast<std::int64_t>(dispute ? 1 : 0)})
            ->integer(0);
    record(ctx, c, "create", "appeal_category", std::to_string(id), name);
    return id;
  });
  return json::respond(bj::object{{"id", id}, {"name", name}, {"urgency", urgency}, {"is_dispute", dispute}}, 201);
}

http::Response edit_category(Ctx& ctx) {
  require_org_dept(ctx.who());
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  std::string sets;
  store::Params params;
  if (auto name = json::opt_string(body, "name", kMaxName)) {
    if (name->empty()) bad_request("name", "名称不能为空", "required");
    sets += "name = ?";
    params.emplace_back(*name);
  }
  if (auto urgency = json::opt_string(body, "urgency", 20)) {
    if (!parse_urgency(*urgency)) bad_request("urgency", "紧急程度应为 emergency、utilities、general、complex 之一");
    sets += std::string(sets.empty() ? "" : ", ") + "urgency = ?";
    params.emplace_back(*urgency);
  }
  if (auto department = json::opt_string(body, "department", kMaxDepartment)) {
    sets += std::string(sets.empty() ? "" : ", ") + "department = ?";
    params.emplace_back(*department);
  }
  if (auto dispute = json::opt_bool(body, "is_dispute")) {
    sets += std::string(sets.empty() ? "" : ", ") + "is_dispute = ?";
    params.emplace_back(static_cast<std::int64_t>(*dispute ? 1 : 0));
  }
  if (sets.empty()) bad_request("", "没有要修改的内容", "required");
  params.emplace_back(id);
  ctx.app.db.write([&](store::Conn& c) {
    if (c.execute("UPDATE appeal_category SET " + sets + " WHERE id = ?", params) == 0) not_found("分类不存在");
    record(ctx, c, "update", "appeal_category", std::to_string(id), bj::serialize(body));
  });
  return json::respond(bj::object{{"id", id}});
}

http::Response list_holidays(Ctx& ctx) {
  const auto year = ctx.req.param("year").value_or("");
  if (!year.empty() && (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos)) {
    bad_request("year", "year 应为四位年份");
  }
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    return year.empty() ? c.query("SELECT day, kind FROM holiday ORDER BY day")
                        : c.query("SELECT day, kind FROM holiday WHERE day >= ? AND day <= ? ORDER BY day",
                                  {year + "-01-01", year + "-12-31"});
  });
  bj::array items;
  for (const auto& r : rs) items.push_back(bj::object{{"day", r.text(0)}, {"kind", r.text(1)}});
  return json::respond(bj::object{{"items", std::move(items)}});
}

http::Response put_holiday(Ctx& ctx) {
  require_org_dept(ctx.who());
  const auto body = json::parse_object(ctx.req.body);
  const auto day = json::req_string(body, "day", 10);
  if (parse_day(day) == kBadDay) bad_request("day", "日期应为 YYYY-MM-DD");
  const auto kind = json::req_string(body, "kind", 10);
  if (kind != "holiday" && kind != "workday" && kind != "normal") {
    bad_request("kind", "kind 应为 holiday（放假）、workday（调休上班）或 normal（恢复平常）");
  }
  ctx.app.db.write([&](store::Conn& c) {
    c.execute("DELETE FROM holiday WHERE day = ?", {day});
    if (kind != "normal") c.execute("INSERT INTO holiday (day, kind) VALUES (?, ?)", {day, kind});
    record(ctx, c, "update", "holiday", day, kind);
  });
  invalidate_policy();
  return json::respond(bj::object{{"day", day}, {"kind", kind}});
}

http::Response list_limits(Ctx& ctx) {
  auto rs = ctx.app.db.read([](store::Conn& c) {
    return c.query(
        "SELECT urgency, unit, total, grid, community, street, county, source, changed_on FROM appeal_limit "
        "ORDER BY urgency");
  });
  bj::array items;
  for (const auto& r : rs) {
    // Which rule it is and where it comes from: the seeds' method, or the county's own setting.
    items.push_back(bj::object{{"urgency", r.text(0)},
                               {"unit", r.text(1)},
                               {"total", r.integer(2)},
                               {"slices", bj::array{r.integer(3), r.integer(4), r.integer(5), r.integer(6)}},
                               {"source", r.is_null(7) ? "" : r.text(7)},
                               {"changed_on", r.is_null(8) ? bj::value(nullptr) : bj::value(r.text(8))}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

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
  ctx.app.db.write([&](store::Conn& c) {
    // Changed by the county: the rule is now its own setting, dated.
    c.execute(
        "UPDATE appeal_limit SET unit = ?, working_days = ?, total = ?, grid = ?, community = ?, street = ?, "
        "county = ?, source = ?, changed_on = ? WHERE urgency = ?",
        {std::string(limit_unit_name(rule.unit)), static_cast<std::int64_t>(rule.unit == LimitUnit::working_days),
         static_cast<std::int64_t>(rule.total), static_cast<std::int64_t>(rule.slices[0]),
         static_cast<std::int64_t>(rule.slices[1]), static_cast<std::int64_t>(rule.slices[2]),
         static_cast<std::int64_t>(rule.slices[3]), std::string("县级设置（组织部修改）"),
         format_day(local_day(ctx.app.now())), std::string(urgency_name(*urgency))});
    record(ctx, c, "update", "appeal_limit", std::string(urgency_name(*urgency)), bj::serialize(body));
  });
  invalidate_policy();
  return list_limits(ctx);
}

}  // namespace

void register_settings_routes(Router& r) {
  r.add("GET", "/api/v1/appeal-limits", Access::authenticated, "appeals", "各紧急程度的办理时限与四级分配",
        list_limits);
  r.add("PUT", "/api/v1/appeal-limits", Access::authenticated, "appeals", "修改办理时限（组织部）", put_limit);
  r.add("POST", "/api/v1/appeal-categories", Access::authenticated, "appeals", "新增诉求分类（组织部）",
        create_category);
  r.add("PATCH", "/api/v1/appeal-categories/{id}", Access::authenticated, "appeals",
        "修改诉求分类（名称、紧急程度、部门）", edit_category);
  r.add("GET", "/api/v1/holidays", Access::authenticated, "appeals", "节假日与调休日历", list_holidays);
  r.add("PUT", "/api/v1/holidays", Access::authenticated, "appeals", "设置某天放假、调休上班或恢复平常（组织部）",
        put_holiday);
}

}  // namespace jiceng::appeals
