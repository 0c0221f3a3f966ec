// Organisation life's settings and compliance over HTTP: the county's kinds and dated duty rules,
// a branch's committee and term, and the compliance matrix for the caller's scope.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "io/table.hpp"
#include "org_life/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxLabel = 20, kMaxSource = 200, kMaxLevels = 5;
constexpr std::int64_t kFirstYear = 2000, kLastYear = 2100;
constexpr std::int64_t kMaxWarningPage = 200, kMaxOffset = 1000000;

using cogov::actor;

int year_of(const Ctx& ctx) {
  const auto y = http::int_param(ctx.req, "year", kFirstYear, kLastYear);
  return static_cast<int>(y.value_or(std::stoi(core::day_of(ctx.app.now()).substr(0, 4))));
}

// ?format=json (the default) or xlsx: the matrix as a sheet, one row per cell.
std::string export_format(const Ctx& ctx) {
  auto f = ctx.req.param("format").value_or("json");
  if (f != "json" && f != "xlsx") bad_request("format", "格式应为 json 或 xlsx");
  return f;
}

std::string state_words(std::string_view state) {
  if (state == "done") return "已完成";
  if (state == "due") return "进行中";
  if (state == "late") return "待补录";
  return "未完成";
}

void add_cell_row(io::Table& t, const std::string& org, const bj::value& v) {
  const auto& c = v.as_object();
  auto text = [&](const char* k) { return std::string(c.at(k).as_string()); };
  t.push_back({org, text("kind_label"), text("period"), state_words(c.at("state").as_string()),
               std::to_string(c.at("held").as_int64()), std::to_string(c.at("required").as_int64()), text("reason")});
}

http::Response xlsx(const io::Table& t, const std::string& sheet, const std::string& filename) {
  http::Response resp;
  resp.status = 200;
  resp.body = io::write_xlsx(t, sheet);
  resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  resp.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return resp;
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
  const auto format = export_format(ctx);
  const auto year = year_of(ctx);
  auto matrix = org_year(ctx.app, ctx.who(), id, year);
  if (format == "json") return json::respond(matrix);
  io::Table t{{"党组织", "任务", "周期", "状态", "已召开", "应召开", "说明"}};
  const std::string name(matrix.at("org_name").as_string());
  for (const auto& d : matrix.at("duties").as_array()) {
    for (const auto& c : d.at("cells").as_array()) add_cell_row(t, name, c);
  }
  return xlsx(t, "组织生活落实情况", "org-life-" + std::to_string(id) + "-" + std::to_string(year) + ".xlsx");
}

http::Response get_area_months(Ctx& ctx) {
  const auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2);
  return json::respond(area_months(ctx.app, ctx.who(), area, year_of(ctx)));
}

http::Response get_area_cells(Ctx& ctx) {
  const auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2);
  auto month = ctx.req.param("month").value_or(core::month_of(ctx.app.now()));
  if (month.size() > 7) bad_request("month", "月份格式应为 YYYY-MM");
  const auto format = export_format(ctx);
  auto cells = area_cells(ctx.app, ctx.who(), area, month);
  if (format == "json") return json::respond(cells);
  io::Table t{{"党组织", "任务", "周期", "状态", "已召开", "应召开", "说明"}};
  for (const auto& o : cells.at("orgs").as_array()) {
    for (const auto& c : o.at("cells").as_array()) add_cell_row(t, std::string(o.at("org_name").as_string()), c);
  }
  return xlsx(t, "组织生活落实情况", "org-life-" + month + ".xlsx");
}

http::Response get_warnings(Ctx& ctx) {
  WarningQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, INT64_MAX / 2);
  q.state = ctx.req.param("state");
  if (q.state && *q.state != "due" && *q.state != "missing") bad_request("state", "state 应为 due 或 missing");
  q.limit = http::int_param(ctx.req, "limit", 1, kMaxWarningPage).value_or(q.limit);
  q.offset = http::int_param(ctx.req, "offset", 0, kMaxOffset).value_or(0);
  return json::respond(warnings(ctx.app, ctx.who(), q));
}

}  // namespace

void register_settings_routes(Router& r) {
  RouteGroup g(r, "/api/v1/org-life", "org_life");
  g.add("GET", "/kinds", "会议类型（含县里增设的）", get_kinds);
  g.add("POST", "/kinds", "增设会议类型（县委组织部）", post_kind);
  g.add("GET", "/duties", "组织生活频次规则及依据（含历史版本）", get_duties);
  g.add("POST", "/duties", "设定县级规则的新版本（县委组织部，注明生效日期）", post_duty);
  g.add("PUT", "/orgs/{id}/term", "登记支部委员会人数和换届日期", put_term);
  g.add("GET", "/compliance/orgs/{id}", "一个党组织全年的组织生活落实情况和结构提醒（format=xlsx 导出）", get_org_year);
  g.add("GET", "/compliance/areas", "按街道（下级区域）和月份统计达标党组织比例", get_area_months);
  g.add("GET", "/warnings", "组织生活到期和未完成提醒（本人管辖范围）", get_warnings);
  g.add("GET", "/compliance/cells", "区域内各党组织某月各项任务的落实情况（format=xlsx 导出）", get_area_cells);
}

}  // namespace jiceng::org_life
