// Organisation life's settings and compliance over HTTP: the county's kinds and dated duty rules,
// a branch's committee and term, and the compliance matrix for the caller's scope.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "org_life/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxLabel = 20, kMaxSource = 200, kMaxLevels = 5;
constexpr std::int64_t kFirstYear = 2000, kLastYear = 2100;

Actor actor(const Ctx& ctx) { return {ctx.who(), ctx.req.client_ip}; }

int year_of(const Ctx& ctx) {
  const auto y = http::int_param(ctx.req, "year", kFirstYear, kLastYear);
  return static_cast<int>(y.value_or(std::stoi(core::day_of(ctx.app.now()).substr(0, 4))));
}

http::Response get_kinds(Ctx& ctx) { return json::respond(kinds(ctx.app)); }

http::Response post_kind(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto code = json::req_string(body, "code", 40);
  const auto label = cogov::text_field(body, "label", kMaxLabel, "类型名称");
  return json::respond(add_kind(ctx.app, actor(ctx), code, label), 201);
}

http::Response get_duties(Ctx& ctx) { return json::respond(duties(ctx.app)); }

http::Response post_duty(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  DutyChange d;
  d.key = json::req_string(body, "key", 60);
  d.kind = json::req_string(body, "kind", 40);
  d.period = json::req_string(body, "period", 10);
  d.source = cogov::text_field(body, "source", kMaxSource, "依据");
  const auto count = json::opt_int(body, "count");
  if (!count) bad_request("count", "请填写次数", "required");
  d.count = *count;
  d.effective_from = json::req_string(body, "effective_from", 10);
  const auto* levels = body.if_contains("applies_to");
  if (!levels || !levels->is_array()) bad_request("applies_to", "请选择适用的组织层级", "required");
  if (levels->as_array().size() > kMaxLevels) bad_request("applies_to", "组织层级过多");
  for (const auto& l : levels->as_array()) {
    if (!l.is_string() || l.as_string().size() > 20) bad_request("applies_to", "组织层级无效");
    d.applies_to.emplace_back(l.as_string());
  }
  return json::respond(change_duty(ctx.app, actor(ctx), d), 201);
}

http::Response put_term(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Term t;
  t.elected_on = json::opt_string(body, "elected_on", 10);
  t.term_years = json::opt_int(body, "term_years");
  const auto size = json::opt_int(body, "committee_size");
  if (!size) bad_request("committee_size", "请填写支委人数（未设委员会填0）", "required");
  t.committee_size = *size;
  return json::respond(set_term(ctx.app, actor(ctx), id, t));
}

http::Response get_org_year(Ctx& ctx) {
  const auto id = ctx.id();
  return json::respond(org_year(ctx.app, ctx.who(), id, year_of(ctx)));
}

http::Response get_area_months(Ctx& ctx) {
  const auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2);
  return json::respond(area_months(ctx.app, ctx.who(), area, year_of(ctx)));
}

http::Response get_area_cells(Ctx& ctx) {
  const auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2);
  auto month = ctx.req.param("month").value_or(core::month_of(ctx.app.now()));
  if (month.size() > 7) bad_request("month", "月份格式应为 YYYY-MM");
  return json::respond(area_cells(ctx.app, ctx.who(), area, month));
}

}  // namespace

void register_settings_routes(Router& r) {
  const auto tag = "org_life";
  const std::string base = "/api/v1/org-life";
  const auto auth = Access::authenticated;
  r.add("GET", base + "/kinds", auth, tag, "会议类型（含县里增设的）", get_kinds);
  r.add("POST", base + "/kinds", auth, tag, "增设会议类型（县委组织部）", post_kind);
  r.add("GET", base + "/duties", auth, tag, "组织生活频次规则及依据（含历史版本）", get_duties);
  r.add("POST", base + "/duties", auth, tag, "设定县级规则的新版本（县委组织部，注明生效日期）", post_duty);
  r.add("PUT", base + "/orgs/{id}/term", auth, tag, "登记支部委员会人数和换届日期", put_term);
  r.add("GET", base + "/compliance/orgs/{id}", auth, tag, "一个党组织全年的组织生活落实情况和结构提醒", get_org_year);
  r.add("GET", base + "/compliance/areas", auth, tag, "按街道（下级区域）和月份统计达标党组织比例", get_area_months);
  r.add("GET", base + "/compliance/cells", auth, tag, "区域内各党组织某月各项任务的落实情况", get_area_cells);
}

}  // namespace jiceng::org_life
