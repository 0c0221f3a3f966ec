// 双报到 over HTTP: units' party organisations and in-service members report to communities, sign
// up for and check in to activities, and the monthly notice ranks units by their members' part in
// them. Each handler parses, checks the register, calls dual_report's service and renders.
#include <boost/json.hpp>

#include <cmath>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "dual_report/qr.hpp"
#include "dual_report/registers.hpp"
#include "dual_report/service.hpp"
#include "io/table.hpp"
#include "registry/spec.hpp"

namespace jiceng::dual_report {
namespace {

namespace bj = boost::json;
using core::Action;
using core::Register;

constexpr std::size_t kMaxCommitments = 500;
constexpr std::size_t kMaxAddress = 120;
constexpr std::int64_t kDefaultInactiveMonths = 3;
constexpr std::int64_t kMaxInactiveMonths = 24;
constexpr std::size_t kMaxReasonChars = 200;

using cogov::actor;

http::Response create_report(Ctx& ctx) {
  if (!ctx.who().can(Register::dual_report, Action::write)) forbidden();
  const auto body = json::parse_object(ctx.req.body);
  ReportInput in;
  in.kind = json::req_string(body, "kind", 10);
  if (in.kind != "org" && in.kind != "member") {
    bad_request("kind", "报到类型应为 org（组织报到）或 member（党员报到）");
  }
  in.commitments = json::opt_string(body, "commitments", kMaxCommitments).value_or("");
  in.address = json::opt_string(body, "address", kMaxAddress).value_or("");
  in.area_id = json::opt_int(body, "area_id");
  // Staff name whom they report for; units and members report themselves and name nobody.
  if (in.kind == "org" && !cogov::acting_unit(ctx.who(), Register::dual_report, Action::write)) {
    in.unit_id = json::opt_int(body, "unit_id");
  }
  if (in.kind == "member" && !cogov::acting_member(ctx.who(), Register::dual_report, Action::write)) {
    in.member_id = json::opt_int(body, "member_id");
  }
  const auto id = report(ctx.app, actor(ctx), in);
  ctx.params["id"] = std::to_string(id);
  auto resp = registry::detail_response(*registry::find_spec("dual-reports"), ctx);
  resp.status = 201;
  return resp;
}

http::Response end(Ctx& ctx) {
  end_report(ctx.app, actor(ctx), ctx.id());
  return registry::detail_response(*registry::find_spec("dual-reports"), ctx);
}

std::int64_t self_member(const Ctx& ctx) {
  auto m = cogov::acting_member(ctx.who(), Register::dual_report, Action::write);
  if (!m) forbidden("只有报到的党员本人可以报名和签到");
  return *m;
}

http::Response signup(Ctx& ctx) {
  const auto id = ctx.id();
  const auto member = self_member(ctx);
  const auto at = sign_up(ctx.app, actor(ctx), id, member);
  return json::respond(bj::object{{"activity_id", id}, {"member_id", member}, {"signed_at", at}}, 201);
}

http::Response checkin(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto code = json::req_string(body, "code", 64);
  const auto member = self_member(ctx);
  const auto done = check_in(ctx.app, actor(ctx), id, member, code);
  return json::respond(bj::object{{"activity_id", id}, {"checked_in_at", done.at}, {"hours", done.hours}});
}

http::Response get_signups(Ctx& ctx) {
  return json::respond(bj::object{{"items", signups(ctx.app, ctx.who(), ctx.id())}});
}

std::string checkin_url(const Activity& a) { return "/m/#/checkin/" + std::to_string(a.id) + "?code=" + a.code; }

http::Response checkin_code(Ctx& ctx) {
  const auto a = staff_activity(ctx.app, ctx.who(), ctx.id(), Action::write);
  return json::respond(bj::object{{"code", a.code}, {"url", checkin_url(a)}});
}

http::Response qr(Ctx& ctx) {
  const auto a = staff_activity(ctx.app, ctx.who(), ctx.id(), Action::write);
  // The code carries the whole address when the request says where the server is reached.
  std::string url = checkin_url(a);
  if (auto host = ctx.req.header("host"); host && !host->empty() && host->find_first_of("\"<> ") == std::string::npos) {
    url = (ctx.app.secure_cookies ? "https://" : "http://") + *host + url;
  }
  http::Response resp;
  resp.status = 200;
  resp.body = qr_svg(url);
  resp.content_type = "image/svg+xml";
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response cancel(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto reason = json::req_string(body, "reason", kMaxReasonChars);
  if (reason.empty()) bad_request("reason", "请填写取消原因", "required");
  cancel_activity(ctx.app, actor(ctx), ctx.id(), reason);
  return registry::detail_response(*registry::find_spec("activities"), ctx);
}

double round1(double v) { return std::round(v * 10) / 10; }

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

http::Response get_notice(Ctx& ctx) {
  if (!ctx.who().can(Register::dual_report, Action::read)) forbidden();
  const auto format = ctx.req.param("format").value_or("json");
  if (format != "json" && format != "xlsx" && format != "html") bad_request("format", "格式应为 json、xlsx 或 html");
  const auto n = dual_report::notice(ctx.app, ctx.who(), http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2),
                                     ctx.req.param("month").value_or(""));
  std::int64_t reported = 0, active = 0;
  double hours = 0;
  for (const auto& r : n.rows) {
    reported += r.reported;
    active += r.active;
    hours += r.hours;
  }
  const std::string title = n.area.name + " " + n.month + " 双报到每月通报";
  if (format == "json") {
    bj::array items;
    std::int64_t rank = 0;
    for (const auto& r : n.rows) {
      items.push_back(bj::object{{"rank", ++rank},
                                 {"unit_id", r.unit_id ? bj::value(*r.unit_id) : bj::value(nullptr)},
                                 {"unit_name", r.unit_name},
                                 {"reported", r.reported},
                                 {"active", r.active},
                                 {"share", std::round(r.share() * 1000) / 1000},
                                 {"hours", round1(r.hours)},
                                 {"activities", r.activities}});
    }
    return json::respond(bj::object{{"area_id", n.area.id},
                                    {"area_name", n.area.name},
                                    {"month", n.month},
                                    {"activities", n.activities},
                                    {"reported_members", reported},
                                    {"active_members", active},
                                    {"hours", round1(hours)},
                                    {"items", std::move(items)}});
  }
  io::Table table{{"排名", "单位", "报到党员", "参与党员", "参与率", "服务时长（小时）", "参与人次"}};
  std::int64_t rank = 0;
  for (const auto& r : n.rows) {
    table.push_back({std::to_string(++rank), r.unit_name, std::to_string(r.reported), std::to_string(r.active),
                     fixed1(r.share() * 100) + "%", fixed1(r.hours), std::to_string(r.activities)});
  }
  http::Response resp;
  resp.status = 200;
  if (format == "xlsx") {
    resp.body = io::write_xlsx(table, "每月通报");
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.set_header("Content-Disposition", "attachment; filename=\"dual-report-notice-" + n.month + ".xlsx\"");
    return resp;
  }
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + http::escape_html(title) +
      "</title><style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px;color:#222}"
      "h1{font-size:20px;text-align:center}p{text-align:center;color:#555}"
      "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #999;padding:4px 8px}"
      "th{background:#f2f2f2}td.n{text-align:right}@media print{body{margin:0}}</style></head><body>"
      "<h1>" +
      http::escape_html(title) + "</h1><p>本月活动 " + std::to_string(n.activities) + " 场，报到党员 " +
      std::to_string(reported) + " 名，参与 " + std::to_string(active) + " 名，服务 " + fixed1(hours) +
      " 小时</p><table><thead><tr>";
  for (const auto& h : table[0]) html += "<th>" + http::escape_html(h) + "</th>";
  html += "</tr></thead><tbody>";
  for (std::size_t i = 1; i < table.size(); ++i) {
    html += "<tr>";
    for (std::size_t j = 0; j < table[i].size(); ++j)
      html += std::string(j == 1 ? "<td>" : "<td class=\"n\">") + http::escape_html(table[i][j]) + "</td>";
    html += "</tr>";
  }
  html += "</tbody></table></body></html>";
  resp.body = std::move(html);
  resp.content_type = "text/html; charset=utf-8";
  return resp;
}

http::Response list_inactive(Ctx& ctx) {
  if (!ctx.who().can(Register::dual_report, Action::read)) forbidden();
  InactiveFilter f;
  f.months = http::int_param(ctx.req, "months", 1, kMaxInactiveMonths).value_or(kDefaultInactiveMonths);
  f.org_id = http::int_param(ctx.req, "org_id", 1, INT64_MAX / 2);
  f.area_id = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2);
  return json::respond(bj::object{{"months", f.months}, {"items", inactive(ctx.app, ctx.who(), f)}});
}

http::Response get_mine(Ctx& ctx) { return json::respond(mine(ctx.app, self_member(ctx))); }

}  // namespace

void register_routes(Router& r) {
  const auto tag = "dual_report";
  // Before the register's own routes, so /dual-reports/notice is not taken for a record id.
  r.add("POST", "/api/v1/dual-reports", Access::authenticated, tag, "组织或党员到社区报到", create_report);
  r.add("GET", "/api/v1/dual-reports/notice", Access::authenticated, tag, "每月通报（json、xlsx 或可打印 html）",
        get_notice);
  r.add("GET", "/api/v1/dual-reports/inactive", Access::authenticated, tag, "长期未参与活动的报到党员", list_inactive);
  registry::register_spec_routes(r, {"dual-reports", "activities"});
  r.add("POST", "/api/v1/dual-reports/{id}/end", Access::authenticated, tag, "结束报到", end);
  r.add("GET", "/api/v1/my/dual-report", Access::authenticated, tag, "我的双报到（党员本人）", get_mine);
  r.add("POST", "/api/v1/activities/{id}/signup", Access::authenticated, tag, "报名活动（党员本人）", signup);
  r.add("POST", "/api/v1/activities/{id}/checkin", Access::authenticated, tag, "活动签到（扫码，党员本人）", checkin);
  r.add("GET", "/api/v1/activities/{id}/signups", Access::authenticated, tag, "活动报名与签到名单", get_signups);
  r.add("GET", "/api/v1/activities/{id}/checkin-code", Access::authenticated, tag, "活动签到码", checkin_code);
  r.add("POST", "/api/v1/activities/{id}/cancel", Access::authenticated, tag, "取消活动（须填原因）", cancel);
  r.add("GET", "/api/v1/activities/{id}/qr.svg", Access::authenticated, tag, "活动签到二维码（SVG）", qr);
}

}  // namespace jiceng::dual_report
