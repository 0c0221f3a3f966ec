// 双报到: units' party organisations and in-service members report to communities, sign up for
// and check in to activities, and the monthly notice ranks units by their members' part in them.
#include <sodium.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "crypto/crypto.hpp"
#include "dual_report/qr.hpp"
#include "dual_report/registers.hpp"
#include "dual_report/rules.hpp"
#include "dual_report/tally.hpp"
#include "io/table.hpp"
#include "registry/spec.hpp"

namespace jiceng::dual_report {
namespace {

namespace bj = boost::json;
using auth::Action;
using auth::Register;

constexpr std::size_t kMaxCommitments = 500;
constexpr std::size_t kMaxAddress = 120;
constexpr std::int64_t kDefaultInactiveMonths = 3;
constexpr std::int64_t kMaxInactiveMonths = 24;
constexpr std::int64_t kMaxInactiveRows = 500;
constexpr std::size_t kIdBatch = 500;
constexpr std::size_t kMaxReasonChars = 200;

// The community a report lands in: given by id (staff must cover it), else named in the address.
cogov::Area community_for(store::Conn& c, const Ctx& ctx, std::optional<std::int64_t> area_id,
                          const std::string& address) {
  std::optional<cogov::Area> area;
  if (area_id) {
    area = cogov::area_by_id(c, *area_id);
    if (!area || !cogov::is_community(area->kind)) bad_request("area_id", "请选择报到的社区或村");
  } else {
    if (address.empty()) bad_request("address", "请填写居住地址或选择社区", "required");
    auto row = c.one(
        "SELECT id, path, kind, name FROM area WHERE kind IN ('community', 'village') AND ? LIKE '%' || name || '%' "
        "ORDER BY length(name) DESC, id LIMIT 1",
        {address});
    if (!row) bad_request("address", "未能从地址中找到所在社区，请选择社区");
    area = cogov::Area{row->integer(0), row->text(1), row->text(2), row->text(3)};
  }
  return *area;
}

http::Response create_report(Ctx& ctx) {
  if (!ctx.who().can(Register::dual_report, Action::write)) forbidden();
  const auto body = json::parse_object(ctx.req.body);
  const auto kind = json::req_string(body, "kind", 10);
  if (kind != "org" && kind != "member") bad_request("kind", "报到类型应为 org（组织报到）或 member（党员报到）");
  const auto commitments = json::opt_string(body, "commitments", kMaxCommitments).value_or("");
  const auto address = json::opt_string(body, "address", kMaxAddress).value_or("");
  const auto area_id = json::opt_int(body, "area_id");
  const auto own_unit = cogov::acting_unit(ctx.who(), Register::dual_report, Action::write);
  const auto own_member = cogov::acting_member(ctx.who(), Register::dual_report, Action::write);
  const auto id = ctx.app.db.write([&](store::Conn& c) {
    const auto area = community_for(c, ctx, area_id, address);
    const bool staff = cogov::staff_over(ctx.who(), Register::dual_report, Action::write, area.path);
    std::optional<std::int64_t> party_org, unit, member;
    std::string org_path;
    if (kind == "org") {
      unit = own_unit ? own_unit : json::opt_int(body, "unit_id");
      if (!unit) bad_request("unit_id", "请选择报到的单位", "required");
      if (!own_unit && !staff) forbidden("您只能为本单位或本人报到");
      auto u = c.one(
          "SELECT u.party_org_id, o.path FROM unit u LEFT JOIN party_org o ON o.id = u.party_org_id WHERE u.id = ?",
          {*unit});
      if (!u) bad_request("unit_id", "所选单位不存在");
      if (u->is_null(0)) bad_request("unit_id", "该单位尚未建立或纳入党组织，无法组织报到");
      party_org = u->integer(0);
      org_path = u->text(1);
      if (c.one("SELECT 1 FROM dual_report WHERE kind = 'org' AND party_org_id = ? AND status = 'active'",
                {*party_org})) {
        conflict("该单位党组织已在社区报到");
      }
    } else {
      member = own_member ? own_member : json::opt_int(body, "member_id");
      if (!member) bad_request("member_id", "请选择报到的党员", "required");
      if (!own_member && !staff) forbidden("您只能为本单位或本人报到");
      auto m = c.one("SELECT category, org_path FROM member WHERE id = ?", {*member});
      if (!m) bad_request("member_id", "所选党员不存在");
      if (m->text(0) != "in_service") bad_request("member_id", "到居住地社区报到的是在职党员");
      org_path = m->text(1);
      unit = unit_of_member(c, org_path);
      if (c.one("SELECT 1 FROM dual_report WHERE kind = 'member' AND member_id = ? AND status = 'active'", {*member})) {
        conflict("该党员已在社区报到");
      }
    }
    const auto now = ctx.app.now();
    auto row = c.one(
        "INSERT INTO dual_report (kind, party_org_id, unit_id, member_id, org_path, area_id, area_path, "
        "commitments, address, reported_on, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id",
        {kind, store::opt(party_org), store::opt(unit), store::opt(member), org_path, area.id, area.path,
         commitments.empty() ? store::null() : store::Value(commitments),
         address.empty() ? store::null() : store::Value(address), cogov::day_of(ctx.app.now()), now, now});
    if (kind == "member") count_report(c, area.path, unit, cogov::month_of(now), false);
    cogov::audit(c, ctx, "create", "dual_report", row->integer(0), kind + "→" + area.name);
    return row->integer(0);
  });
  ctx.params["id"] = std::to_string(id);
  auto resp = registry::detail_response(*registry::find_spec("dual-reports"), ctx);
  resp.status = 201;
  return resp;
}

http::Response end_report(Ctx& ctx) {
  const auto id = ctx.id();
  ctx.app.db.write([&](store::Conn& c) {
    auto row = c.one("SELECT status, area_path, unit_id, member_id, kind FROM dual_report WHERE id = ?", {id});
    if (!row) not_found();
    const auto u = cogov::acting_unit(ctx.who(), Register::dual_report, Action::write);
    const auto m = cogov::acting_member(ctx.who(), Register::dual_report, Action::write);
    const bool own =
        (u && !row->is_null(2) && row->integer(2) == *u) || (m && !row->is_null(3) && row->integer(3) == *m);
    if (!own && !cogov::staff_over(ctx.who(), Register::dual_report, Action::write, row->text(1))) not_found();
    if (row->text(0) != "active") conflict("该报到已结束");
    c.execute("UPDATE dual_report SET status = 'ended', updated_at = ? WHERE id = ?", {ctx.app.now(), id});
    if (row->text(4) == "member") {
      count_report(c, row->text(1), row->opt_integer(2), cogov::month_of(ctx.app.now()), true);
    }
    cogov::audit(c, ctx, "end", "dual_report", id, "");
  });
  return registry::detail_response(*registry::find_spec("dual-reports"), ctx);
}

struct ActivityRow final {
  std::int64_t id, starts_at, ends_at, places, signed_up;
  std::string area_path, code, status;
  double max_hours;
};

std::optional<ActivityRow> activity(store::Conn& c, std::int64_t id) {
  auto r = c.one(
      "SELECT id, starts_at, ends_at, places, signed_up, area_path, checkin_code, status, max_hours "
      "FROM activity WHERE id = ?",
      {id});
  if (!r) return std::nullopt;
  return ActivityRow{r->integer(0), r->integer(1), r->integer(2),
                     r->integer(3), r->integer(4), r->text(5),
                     r->text(6),    r->text(7),    r->is_null(8) ? 4.0 : r->real(8)};
}

std::int64_t self_member(const Ctx& ctx) {
  auto m = cogov::acting_member(ctx.who(), Register::dual_report, Action::write);
  if (!m) forbidden("只有报到的党员本人可以报名和签到");
  return *m;
}

// The member's active report to the community an activity belongs to (the activity may sit below it).
std::optional<store::Row> report_for(store::Conn& c, std::int64_t member, const std::string& activity_path) {
  for (const auto& r :
       c.query("SELECT id, area_path, unit_id FROM dual_report WHERE member_id = ? AND status = 'active'", {member})) {
    if (auth::path_within(activity_path, r.text(1))) return r;
  }
  return std::nullopt;
}

std::int64_t sign_up(store::Conn& c, const ActivityRow& a, std::int64_t member, std::int64_t now) {
  auto report = report_for(c, member, a.area_path);
  if (!report) conflict("您尚未向该社区报到，请先报到");
  if (a.status != "open") conflict("该活动已取消");
  if (now >= a.ends_at) conflict("该活动已结束");
  if (c.one("SELECT 1 FROM activity_signup WHERE activity_id = ? AND member_id = ?", {a.id, member})) {
    conflict("您已报名该活动");
  }
  // Guarded in the UPDATE itself, so two last-place sign-ups cannot both get in.
  if (c.execute("UPDATE activity SET signed_up = signed_up + 1 WHERE id = ? AND signed_up < places", {a.id}) == 0) {
    conflict("该活动名额已满");
  }
  c.execute("INSERT INTO activity_signup (activity_id, member_id, report_id, signed_at) VALUES (?, ?, ?, ?)",
            {a.id, member, report->integer(0), now});
  return report->integer(0);
}

http::Response signup(Ctx& ctx) {
  const auto id = ctx.id();
  const auto member = self_member(ctx);
  const auto now = ctx.app.now();
  ctx.app.db.write([&](store::Conn& c) {
    auto a = activity(c, id);
    if (!a) not_found();
    sign_up(c, *a, member, now);
    cogov::audit(c, ctx, "signup", "activity", id, "member=" + std::to_string(member));
  });
  return json::respond(bj::object{{"activity_id", id}, {"member_id", member}, {"signed_at", now}}, 201);
}

http::Response checkin(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto code = json::req_string(body, "code", 64);
  const auto member = self_member(ctx);
  const auto now = ctx.app.now();
  double hours = 0;
  ctx.app.db.write([&](store::Conn& c) {
    auto a = activity(c, id);
    if (!a) not_found();
    if (a->status != "open") conflict("该活动已取消");
    if (code.size() != a->code.size() || sodium_memcmp(code.data(), a->code.data(), code.size()) != 0)
      bad_request("code", "签到码不正确，请重新扫描活动现场的二维码");
    if (!may_check_in(now, a->starts_at, a->ends_at)) {
      conflict(now < a->starts_at ? "活动尚未开始，开始前 30 分钟可签到" : "活动已结束，不能签到");
    }
    auto s = c.one("SELECT checked_in_at FROM activity_signup WHERE activity_id = ? AND member_id = ?", {id, member});
    if (s && !s->is_null(0)) conflict("您已签到");
    if (!s) sign_up(c, *a, member, now);  // walk-ins sign up at the door while places remain
    auto report = report_for(c, member, a->area_path);
    hours = service_hours(now, a->starts_at, a->ends_at, a->max_hours);
    c.execute("UPDATE activity_signup SET checked_in_at = ?, hours = ? WHERE activity_id = ? AND member_id = ?",
              {now, hours, id, member});
    c.execute("UPDATE activity SET checked_in = checked_in + 1 WHERE id = ?", {id});
    c.execute("UPDATE dual_report SET last_active_at = ?, updated_at = ? WHERE id = ?", {now, now, report->integer(0)});
    count_participation(c, member, cogov::month_of(a->starts_at), report->opt_integer(2), report->text(1), hours);
    cogov::audit(c, ctx, "checkin", "activity", id, "member=" + std::to_string(member));
  });
  return json::respond(bj::object{{"activity_id", id}, {"checked_in_at", now}, {"hours", hours}});
}

// Staff over the activity's community, for sign-up lists and the check-in code.
ActivityRow staff_activity(store::Conn& c, const Ctx& ctx, Action a) {
  auto row = activity(c, ctx.id());
  if (!row || !cogov::staff_over(ctx.who(), Register::dual_report, Action::read, row->area_path)) not_found();
  if (!cogov::staff_over(ctx.who(), Register::dual_report, a, row->area_path)) forbidden();
  return *row;
}

http::Response signups(Ctx& ctx) {
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    const auto a = staff_activity(c, ctx, Action::read);
    return c.query(
        "SELECT s.member_id, m.name, u.name, s.signed_at, s.checked_in_at, s.hours FROM activity_signup s "
        "JOIN member m ON m.id = s.member_id JOIN dual_report r ON r.id = s.report_id "
        "LEFT JOIN unit u ON u.id = r.unit_id WHERE s.activity_id = ? ORDER BY s.id",
        {a.id});
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"member_id", r.integer(0)},
                               {"member_name", r.text(1)},
                               {"unit_name", r.is_null(2) ? bj::value(nullptr) : bj::value(r.text(2))},
                               {"signed_at", r.integer(3)},
                               {"checked_in_at", r.is_null(4) ? bj::value(nullptr) : bj::value(r.integer(4))},
                               {"hours", r.real(5)}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

std::string checkin_url(const ActivityRow& a) { return "/m/#/checkin/" + std::to_string(a.id) + "?code=" + a.code; }

http::Response checkin_code(Ctx& ctx) {
  const auto a = ctx.app.db.read([&](store::Conn& c) { return staff_activity(c, ctx, Action::write); });
  return json::respond(bj::object{{"code", a.code}, {"url", checkin_url(a)}});
}

http::Response qr(Ctx& ctx) {
  const auto a = ctx.app.db.read([&](store::Conn& c) { return staff_activity(c, ctx, Action::write); });
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

http::Response cancel_activity(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto reason = json::req_string(body, "reason", kMaxReasonChars);
  if (reason.empty()) bad_request("reason", "请填写取消原因", "required");
  const auto now = ctx.app.now();
  ctx.app.db.write([&](store::Conn& c) {
    const auto a = staff_activity(c, ctx, Action::write);
    if (a.status != "open") conflict("该活动已取消");
    if (a.ends_at <= now) conflict("活动已结束，不能取消");
    if (c.scalar("SELECT checked_in FROM activity WHERE id = ?", {a.id}) > 0) conflict("已有党员签到，不能取消");
    c.execute("UPDATE activity SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ?",
              {reason, now, a.id});
    cogov::audit(c, ctx, "cancel", "activity", a.id, reason);
  });
  return registry::detail_response(*registry::find_spec("activities"), ctx);
}

struct NoticeRow final {
  std::optional<std::int64_t> unit_id;
  std::string unit_name;
  std::int64_t reported = 0;
  std::int64_t active = 0;
  double hours = 0;
  std::int64_t activities = 0;
  double share() const { return reported > 0 ? static_cast<double>(active) / static_cast<double>(reported) : 0.0; }
};

struct Notice final {
  cogov::Area area;
  std::string month;
  std::int64_t activities = 0;
  std::vector<NoticeRow> rows;
};

Notice build_notice(store::Conn& c, const Ctx& ctx) {
  Notice n;
  n.area = cogov::report_area(c, ctx);
  if (!cogov::staff_over(ctx.who(), Register::dual_report, Action::read, n.area.path)) {
    forbidden("每月通报只对所辖区域的工作人员开放");
  }
  n.month = ctx.req.param("month").value_or("");
  if (n.month.empty()) n.month = cogov::month_of(ctx.app.now());
  if (!cogov::is_month(n.month)) bad_request("month", "月份应为 2026-11 这样的格式");
  const auto end = auth::path_end(n.area.path);
  std::map<std::int64_t, NoticeRow> by_unit;  // 0: members with no unit found
  // A member counts as reported in every month from the one they reported in to the one they ended in.
  for (const auto& r :
       c.query("SELECT unit_id, SUM(reported_in) - SUM(CASE WHEN month < ? THEN ended_in ELSE 0 END), "
               "SUM(CASE WHEN month = ? THEN active ELSE 0 END), SUM(CASE WHEN month = ? THEN hours ELSE 0 END), "
               "SUM(CASE WHEN month = ? THEN activities ELSE 0 END) FROM dual_report_unit_month "
               "WHERE area_path = ? AND month <= ? GROUP BY unit_id",
               {n.month, n.month, n.month, n.month, n.area.path, n.month})) {
    NoticeRow row;
    row.reported = r.integer(1);
    row.active = r.integer(2);
    row.hours = r.real(3);
    row.activities = r.integer(4);
    if (row.reported > 0 || row.active > 0) by_unit[r.integer(0)] = row;
  }
  const auto [from, to] = cogov::month_range(n.month);
  n.activities = c.scalar(
      "SELECT COUNT(*) FROM activity WHERE status = 'open' AND area_path >= ? AND area_path < ? "
      "AND starts_at >= ? AND starts_at < ?",
      {n.area.path, end, from, to});
  std::vector<std::int64_t> ids;
  for (const auto& [id, row] : by_unit) {
    if (id) ids.push_back(id);
  }
  std::map<std::int64_t, std::string> names;
  for (std::size_t i = 0; i < ids.size(); i += kIdBatch) {
    std::string marks;
    store::Params params;
    for (std::size_t j = i; j < std::min(ids.size(), i + kIdBatch); ++j) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(ids[j]);
    }
    for (const auto& r : c.query("SELECT id, name FROM unit WHERE id IN (" + marks + ")", params)) {
      names[r.integer(0)] = r.text(1);
    }
  }
  for (auto& [id, row] : by_unit) {
    row.unit_id = id ? std::optional<std::int64_t>(id) : std::nullopt;
    row.unit_name = id ? names[id] : "未关联单位";
    n.rows.push_back(row);
  }
  std::sort(n.rows.begin(), n.rows.end(), [](const NoticeRow& a, const NoticeRow& b) {
    if (a.share() != b.share()) return a.share() > b.share();
    if (a.hours != b.hours) return a.hours > b.hours;
    return a.unit_name < b.unit_name;
  });
  return n;
}

double round1(double v) { return std::round(v * 10) / 10; }

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string escape_html(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

http::Response notice(Ctx& ctx) {
  if (!ctx.who().can(Register::dual_report, Action::read)) forbidden();
  const auto format = ctx.req.param("format").value_or("json");
  if (format != "json" && format != "xlsx" && format != "html") bad_request("format", "格式应为 json、xlsx 或 html");
  const auto n = ctx.app.db.read([&](store::Conn& c) { return build_notice(c, ctx); });
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
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + escape_html(title) +
      "</title><style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px;color:#222}"
      "h1{font-size:20px;text-align:center}p{text-align:center;color:#555}"
      "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #999;padding:4px 8px}"
      "th{background:#f2f2f2}td.n{text-align:right}@media print{body{margin:0}}</style></head><body>"
      "<h1>" +
      escape_html(title) + "</h1><p>本月活动 " + std::to_string(n.activities) + " 场，报到党员 " +
      std::to_string(reported) + " 名，参与 " + std::to_string(active) + " 名，服务 " + fixed1(hours) +
      " 小时</p><table><thead><tr>";
  for (const auto& h : table[0]) html += "<th>" + escape_html(h) + "</th>";
  html += "</tr></thead><tbody>";
  for (std::size_t i = 1; i < table.size(); ++i) {
    html += "<tr>";
    for (std::size_t j = 0; j < table[i].size(); ++j)
      html += std::string(j == 1 ? "<td>" : "<td class=\"n\">") + escape_html(table[i][j]) + "</td>";
    html += "</tr>";
  }
  html += "</tbody></table></body></html>";
  resp.body = std::move(html);
  resp.content_type = "text/html; charset=utf-8";
  return resp;
}

http::Response list_inactive(Ctx& ctx) {
  if (!ctx.who().can(Register::dual_report, Action::read)) forbidden();
  const auto months = http::int_param(ctx.req, "months", 1, kMaxInactiveMonths).value_or(kDefaultInactiveMonths);
  const auto cutoff = inactive_before(ctx.app.now(), static_cast<int>(months));
  auth::ScopeColumns cols;
  cols.area_path = "r.area_path";
  cols.org_path = "r.org_path";
  cols.unit_id = "r.unit_id";
  cols.member_id = "r.member_id";
  auto scope = auth::scope_clause(ctx.who(), Register::dual_report, Action::read, cols);
  std::string where =
      "r.kind = 'member' AND r.status = 'active' AND (r.last_active_at IS NULL OR r.last_active_at <= ?) AND " +
      scope.sql;
  store::Params params{cutoff};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    auto subtree = [&](const char* param, const char* table, const char* column) {
      if (auto id = http::int_param(ctx.req, param, 1, INT64_MAX / 2)) {
        auto row = c.one(std::string("SELECT path FROM ") + table + " WHERE id = ?", {*id});
        const std::string path = row ? row->text(0) : "/none/";
        where += std::string(" AND ") + column + " >= ? AND " + column + " < ?";
        params.emplace_back(path);
        params.emplace_back(auth::path_end(path));
      }
    };
    subtree("org_id", "party_org", "r.org_path");
    subtree("area_id", "area", "r.area_path");
    params.emplace_back(kMaxInactiveRows);
    return c.query(
        "SELECT r.member_id, m.name, m.org_id, o.name, a.name, r.last_active_at FROM dual_report r "
        "JOIN member m ON m.id = r.member_id LEFT JOIN party_org o ON o.id = m.org_id "
        "LEFT JOIN area a ON a.id = r.area_id WHERE " +
            where + " ORDER BY r.org_path, r.id LIMIT ?",
        params);
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"member_id", r.integer(0)},
                               {"member_name", r.text(1)},
                               {"org_id", r.integer(2)},
                               {"org_name", r.text(3)},
                               {"area_name", r.text(4)},
                               {"last_active_at", r.is_null(5) ? bj::value(nullptr) : bj::value(r.integer(5))}});
  }
  return json::respond(bj::object{{"months", months}, {"items", std::move(items)}});
}

http::Response mine(Ctx& ctx) {
  const auto member = self_member(ctx);
  const auto now = ctx.app.now();
  auto out = ctx.app.db.read([&](store::Conn& c) {
    bj::object o;
    auto r = c.one(
        "SELECT r.id, r.area_id, a.name, r.commitments, r.address, r.reported_on, r.area_path FROM dual_report r "
        "JOIN area a ON a.id = r.area_id WHERE r.member_id = ? AND r.status = 'active' ORDER BY r.id DESC LIMIT 1",
        {member});
    bj::array activities;
    if (r) {
      o["report"] = bj::object{{"id", r->integer(0)},
                               {"area_id", r->integer(1)},
                               {"area_name", r->text(2)},
                               {"commitments", r->is_null(3) ? bj::value(nullptr) : bj::value(r->text(3))},
                               {"address", r->is_null(4) ? bj::value(nullptr) : bj::value(r->text(4))},
                               {"reported_on", r->text(5)}};
      const auto path = r->text(6);
      for (const auto& a :
           c.query("SELECT t.id, t.title, t.place, t.starts_at, t.ends_at, t.places, t.signed_up, t.needs, "
                   "s.signed_at, s.checked_in_at, s.hours, t.status, t.cancel_reason FROM activity t LEFT JOIN "
                   "activity_signup s "
                   "ON s.activity_id = t.id AND s.member_id = ? WHERE t.area_path >= ? AND t.area_path < ? "
                   "AND (t.status = 'open' OR s.signed_at IS NOT NULL) AND t.ends_at > ? "
                   "ORDER BY t.starts_at LIMIT 50",
                   {member, path, auth::path_end(path), now})) {
        activities.push_back(bj::object{{"id", a.integer(0)},
                                        {"title", a.text(1)},
                                        {"place", a.text(2)},
                                        {"starts_at", a.integer(3)},
                                        {"ends_at", a.integer(4)},
                                        {"places", a.integer(5)},
                                        {"signed_up_count", a.integer(6)},
                                        {"needs", a.is_null(7) ? bj::value(nullptr) : bj::value(a.text(7))},
                                        {"signed_up", !a.is_null(8)},
                                        {"checked_in", !a.is_null(9)},
                                        {"hours", a.is_null(10) ? 0.0 : a.real(10)},
                                        {"status", a.text(11)},
                                        {"cancel_reason", a.is_null(12) ? bj::value(nullptr) : bj::value(a.text(12))}});
      }
    } else {
      o["report"] = nullptr;
    }
    o["activities"] = std::move(activities);
    const auto year = cogov::month_of(now).substr(0, 4);
    auto h =
        c.one("SELECT COALESCE(SUM(hours), 0) FROM dual_report_month WHERE member_id = ? AND month >= ? AND month <= ?",
              {member, year + "-01", year + "-12"});
    o["hours_this_year"] = round1(h->real(0));
    return o;
  });
  return json::respond(out);
}

}  // namespace

void register_routes(Router& r) {
  const auto tag = "dual_report";
  // Before the register's own routes, so /dual-reports/notice is not taken for a record id.
  r.add("POST", "/api/v1/dual-reports", Access::authenticated, tag, "组织或党员到社区报到", create_report);
  r.add("GET", "/api/v1/dual-reports/notice", Access::authenticated, tag, "每月通报（json、xlsx 或可打印 html）",
        notice);
  r.add("GET", "/api/v1/dual-reports/inactive", Access::authenticated, tag, "长期未参与活动的报到党员", list_inactive);
  for (const char* name : {"dual-reports", "activities"}) registry::register_spec_routes(r, *registry::find_spec(name));
  r.add("POST", "/api/v1/dual-reports/{id}/end", Access::authenticated, tag, "结束报到", end_report);
  r.add("GET", "/api/v1/my/dual-report", Access::authenticated, tag, "我的双报到（党员本人）", mine);
  r.add("POST", "/api/v1/activities/{id}/signup", Access::authenticated, tag, "报名活动（党员本人）", signup);
  r.add("POST", "/api/v1/activities/{id}/checkin", Access::authenticated, tag, "活动签到（扫码，党员本人）", checkin);
  r.add("GET", "/api/v1/activities/{id}/signups", Access::authenticated, tag, "活动报名与签到名单", signups);
  r.add("GET", "/api/v1/activities/{id}/checkin-code", Access::authenticated, tag, "活动签到码", checkin_code);
  r.add("POST", "/api/v1/activities/{id}/cancel", Access::authenticated, tag, "取消活动（须填原因）", cancel_activity);
  r.add("GET", "/api/v1/activities/{id}/qr.svg", Access::authenticated, tag, "活动签到二维码（SVG）", qr);
}

}  // namespace jiceng::dual_report
