// Reports, sign-ups and check-ins each touch the report, the activity and the notice's rollups in
// one transaction, so the notice always sums what the rows say.
#include "dual_report/service.hpp"

#include <sodium.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/errors.hpp"
#include "core/json.hpp"
#include "dual_report/queries.hpp"
#include "dual_report/registers.hpp"
#include "dual_report/rules.hpp"
#include "dual_report/tally.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/lookups.hpp"
#include "people/service.hpp"

namespace jiceng::dual_report {
namespace {

namespace bj = boost::json;
using core::Action;
using core::Register;

constexpr std::int64_t kMaxInactiveRows = 500;
constexpr double kDefaultMaxHours = 4.0;

// The community a report lands in: given by id, else named in the address.
cogov::Area community_for(store::Conn& c, std::optional<std::int64_t> area_id, const std::string& address) {
  if (area_id) {
    auto area = orgs::area_by_id(c, *area_id);
    if (!area || !cogov::is_community(area->kind)) bad_request("area_id", "请选择报到的社区或村");
    return *area;
  }
  if (address.empty()) bad_request("address", "请填写居住地址或选择社区", "required");
  auto area = orgs::community_named_in(c, address);
  if (!area) bad_request("address", "未能从地址中找到所在社区，请选择社区");
  return *area;
}

struct Reporter final {
  std::optional<std::int64_t> party_org, unit, member;
  std::string org_path;
};

Reporter org_reporter(store::Conn& c, const cogov::Actor& by, const ReportInput& in, bool staff) {
  Reporter r;
  const auto own = cogov::acting_unit(by.who, Register::dual_report, Action::write);
  r.unit = own ? own : in.unit_id;
  if (!r.unit) bad_request("unit_id", "请选择报到的单位", "required");
  if (!own && !staff) forbidden("您只能为本单位或本人报到");
  auto u = orgs::unit_org(c, *r.unit);
  if (!u) bad_request("unit_id", "所选单位不存在");
  if (!u->party_org_id) bad_request("unit_id", "该单位尚未建立或纳入党组织，无法组织报到");
  r.party_org = u->party_org_id;
  r.org_path = u->org_path;
  if (c.one(sql::kActiveOrgReport, {*r.party_org})) conflict("该单位党组织已在社区报到");
  return r;
}

Reporter member_reporter(store::Conn& c, const cogov::Actor& by, const ReportInput& in, bool staff) {
  Reporter r;
  const auto own = cogov::acting_member(by.who, Register::dual_report, Action::write);
  r.member = own ? own : in.member_id;
  if (!r.member) bad_request("member_id", "请选择报到的党员", "required");
  if (!own && !staff) forbidden("您只能为本单位或本人报到");
  const std::int64_t id = *r.member;
  const auto members = people::members_by_ids(c, {&id, 1});
  if (members.empty()) bad_request("member_id", "所选党员不存在");
  const auto& m = members.begin()->second;
  if (m.category != "in_service") bad_request("member_id", "到居住地社区报到的是在职党员");
  r.org_path = m.org_path;
  r.unit = orgs::unit_on_org_path(c, r.org_path);
  if (c.one(sql::kActiveMemberReport, {*r.member})) conflict("该党员已在社区报到");
  return r;
}

std::optional<Activity> activity(store::Conn& c, std::int64_t id) {
  auto r = c.one(sql::kActivity, {id});
  if (!r) return std::nullopt;
  return Activity{r->integer(0), r->integer(1), r->integer(2),
                  r->integer(3), r->integer(4), r->text(5),
                  r->text(6),    r->text(7),    r->is_null(8) ? kDefaultMaxHours : r->real(8)};
}

// The member's active report to the community an activity belongs to (the activity may sit below it).
std::optional<store::Row> report_for(store::Conn& c, std::int64_t member, const std::string& activity_path) {
  for (const auto& r : c.query(sql::kMemberReports, {member})) {
    if (core::path_within(activity_path, r.text(1))) return r;
  }
  return std::nullopt;
}

std::int64_t take_place(store::Conn& c, const Activity& a, std::int64_t member, std::int64_t now) {
  auto report = report_for(c, member, a.area_path);
  if (!report) conflict("您尚未向该社区报到，请先报到");
  if (a.status != "open") conflict("该活动已取消");
  if (now >= a.ends_at) conflict("该活动已结束");
  if (c.one(sql::kSignedUp, {a.id, member})) conflict("您已报名该活动");
  if (c.execute(sql::kTakePlace, {a.id}) == 0) conflict("该活动名额已满");
  c.execute(sql::kInsertSignup, {a.id, member, report->integer(0), now});
  return report->integer(0);
}

Activity staff_activity_in(store::Conn& c, const core::Principal& who, std::int64_t id, Action a) {
  auto row = activity(c, id);
  if (!row || !cogov::staff_over(who, Register::dual_report, Action::read, row->area_path)) not_found();
  if (!cogov::staff_over(who, Register::dual_report, a, row->area_path)) forbidden();
  return *row;
}

// The ids in column `i` of every row that has one.
std::vector<std::int64_t> ids_in(const store::ResultSet& rs, std::size_t i) {
  std::vector<std::int64_t> ids;
  for (const auto& r : rs) {
    if (!r.is_null(i)) ids.push_back(r.integer(i));
  }
  return ids;
}

// The name of `id` among `names`, if it has an id and a name.
bj::value name_or_null(const std::map<std::int64_t, std::string>& names, std::optional<std::int64_t> id) {
  const auto it = id ? names.find(*id) : names.end();
  return it != names.end() ? bj::value(it->second) : bj::value(nullptr);
}

}  // namespace

std::int64_t report(App& app, const cogov::Actor& by, const ReportInput& in) {
  return app.db.write([&](store::Conn& c) {
    const auto area = community_for(c, in.area_id, in.address);
    const bool staff = cogov::staff_over(by.who, Register::dual_report, Action::write, area.path);
    const auto r = in.kind == "org" ? org_reporter(c, by, in, staff) : member_reporter(c, by, in, staff);
    const auto now = app.now();
    auto row =
        c.one(sql::kInsertReport,
              {in.kind, store::opt(r.party_org), store::opt(r.unit), store::opt(r.member), r.org_path, area.id,
               area.path, in.commitments.empty() ? store::null() : store::Value(in.commitments),
               in.address.empty() ? store::null() : store::Value(in.address), core::day_of(app.now()), now, now});
    if (in.kind == "member") count_report(c, area.path, r.unit, core::month_of(now), false);
    cogov::audit(c, app, by, "create", "dual_report", row->integer(0), in.kind + "→" + area.name);
    return row->integer(0);
  });
}

void end_report(App& app, const cogov::Actor& by, std::int64_t id) {
  app.db.write([&](store::Conn& c) {
    auto row = c.one(sql::kReportForEnd, {id});
    if (!row) not_found();
    if (!cogov::filer_or_staff(by.who, Register::dual_report, row->opt_integer(2), row->opt_integer(3), row->text(1)))
      not_found();
    if (row->text(0) != "active") conflict("该报到已结束");
    c.execute(sql::kEndReport, {app.now(), id});
    if (row->text(4) == "member") count_report(c, row->text(1), row->opt_integer(2), core::month_of(app.now()), true);
    cogov::audit(c, app, by, "end", "dual_report", id, "");
  });
}

std::int64_t sign_up(App& app, const cogov::Actor& by, std::int64_t id, std::int64_t member) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    auto a = activity(c, id);
    if (!a) not_found();
    take_place(c, *a, member, now);
    cogov::audit(c, app, by, "signup", "activity", id, "member=" + std::to_string(member));
  });
  return now;
}

CheckIn check_in(App& app, const cogov::Actor& by, std::int64_t id, std::int64_t member, const std::string& code) {
  const auto now = app.now();
  CheckIn out{now, 0};
  app.db.write([&](store::Conn& c) {
    auto a = activity(c, id);
    if (!a) not_found();
    if (a->status != "open") conflict("该活动已取消");
    if (code.size() != a->code.size() || sodium_memcmp(code.data(), a->code.data(), code.size()) != 0)
      bad_request("code", "签到码不正确，请重新扫描活动现场的二维码");
    if (!may_check_in(now, a->starts_at, a->ends_at)) {
      conflict(now < a->starts_at ? "活动尚未开始，开始前 30 分钟可签到" : "活动已结束，不能签到");
    }
    auto s = c.one(sql::kSignupCheckedIn, {id, member});
    if (s && !s->is_null(0)) conflict("您已签到");
    if (!s) take_place(c, *a, member, now);  // walk-ins sign up at the door while places remain
    auto report = report_for(c, member, a->area_path);
    out.hours = service_hours(now, a->starts_at, a->ends_at, a->max_hours);
    c.execute(sql::kCheckIn, {now, out.hours, id, member});
    c.execute(sql::kCountCheckIn, {id});
    c.execute(sql::kReportActive, {now, now, report->integer(0)});
    count_participation(c, member, core::month_of(a->starts_at), report->opt_integer(2), report->text(1), out.hours);
    cogov::audit(c, app, by, "checkin", "activity", id, "member=" + std::to_string(member));
  });
  return out;
}

Activity staff_activity(App& app, const core::Principal& who, std::int64_t id, Action a) {
  return app.db.read([&](store::Conn& c) { return staff_activity_in(c, who, id, a); });
}

void cancel_activity(App& app, const cogov::Actor& by, std::int64_t id, const std::string& reason) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto a = staff_activity_in(c, by.who, id, Action::write);
    if (a.status != "open") conflict("该活动已取消");
    if (a.ends_at <= now) conflict("活动已结束，不能取消");
    if (c.scalar(sql::kCheckedIn, {a.id}) > 0) conflict("已有党员签到，不能取消");
    c.execute(sql::kCancelActivity, {reason, now, a.id});
    cogov::audit(c, app, by, "cancel", "activity", a.id, reason);
  });
}

bj::array signups(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    const auto a = staff_activity_in(c, who, id, Action::read);
    const auto rs = c.query(sql::kSignups, {a.id});
    const auto members = people::member_names(c, ids_in(rs, 0));
    const auto units = orgs::unit_names(c, ids_in(rs, 1));
    bj::array items;
    for (const auto& r : rs) {
      const auto member = members.find(r.integer(0));
      if (member == members.end()) continue;  // as the join to the member did
      items.push_back(bj::object{{"member_id", r.integer(0)},
                                 {"member_name", member->second},
                                 {"unit_name", name_or_null(units, r.opt_integer(1))},
                                 {"signed_at", r.integer(2)},
                                 {"checked_in_at", r.is_null(3) ? bj::value(nullptr) : bj::value(r.integer(3))},
                                 {"hours", r.real(4)}});
    }
    return items;
  });
}

Notice notice(App& app, const core::Principal& who, std::optional<std::int64_t> area_id, std::string month) {
  return app.db.read([&](store::Conn& c) {
    Notice n;
    n.area = cogov::report_area(c, area_id, &who);
    if (!cogov::staff_over(who, Register::dual_report, Action::read, n.area.path)) {
      forbidden("每月通报只对所辖区域的工作人员开放");
    }
    n.month = month.empty() ? core::month_of(app.now()) : std::move(month);
    if (!core::is_month(n.month)) bad_request("month", "月份应为 2026-11 这样的格式");
    std::map<std::int64_t, NoticeRow> by_unit;  // 0: members with no unit found
    for (const auto& r : c.query(sql::kNoticeByUnit, {n.month, n.month, n.month, n.month, n.area.path, n.month})) {
      NoticeRow row;
      row.reported = r.integer(1);
      row.active = r.integer(2);
      row.hours = r.real(3);
      row.activities = r.integer(4);
      if (row.reported > 0 || row.active > 0) by_unit[r.integer(0)] = row;
    }
    const auto [from, to] = core::month_range(n.month);
    n.activities = c.scalar(sql::kActivitiesInMonth, {n.area.path, core::path_end(n.area.path), from, to});
    std::vector<std::int64_t> ids;
    for (const auto& [id, row] : by_unit) {
      if (id) ids.push_back(id);
    }
    auto names = orgs::unit_names(c, ids);
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
  });
}

bj::array inactive(App& app, const core::Principal& who, const InactiveFilter& f) {
  const auto cutoff = inactive_before(app.now(), static_cast<int>(f.months));
  core::ScopeColumns cols;
  cols.area_path = "r.area_path";
  cols.org_path = "r.org_path";
  cols.unit_id = "r.unit_id";
  cols.member_id = "r.member_id";
  auto scope = core::scope_clause(who, Register::dual_report, Action::read, cols);
  std::string where =
      "r.kind = 'member' AND r.status = 'active' AND (r.last_active_at IS NULL OR r.last_active_at <= ?) AND " +
      scope.sql;
  store::Params params{cutoff};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return app.db.read([&](store::Conn& c) {
    auto subtree = [&](const std::optional<std::string>& path, const char* column) {
      where += std::string(" AND ") + column + " >= ? AND " + column + " < ?";
      params.emplace_back(path.value_or("/none/"));
      params.emplace_back(core::path_end(path.value_or("/none/")));
    };
    if (f.org_id) {
      const auto org = orgs::org_paths_by_id(c, *f.org_id);
      subtree(org ? std::optional(org->path) : std::nullopt, "r.org_path");
    }
    if (f.area_id) {
      const auto area = orgs::area_by_id(c, *f.area_id);
      subtree(area ? std::optional(area->path) : std::nullopt, "r.area_path");
    }
    params.emplace_back(kMaxInactiveRows);
    const auto rs = c.query(sql::kInactive + where + " ORDER BY r.org_path, r.id LIMIT ?", params);
    const auto members = people::members_by_ids(c, ids_in(rs, 0));
    std::vector<std::int64_t> org_ids;
    for (const auto& [id, m] : members) org_ids.push_back(m.org_id);
    const auto party_orgs = orgs::org_names(c, org_ids);
    const auto areas = orgs::area_names(c, ids_in(rs, 1));
    auto name = [](const std::map<std::int64_t, std::string>& names, std::int64_t id) {
      const auto it = names.find(id);
      return it != names.end() ? it->second : std::string();
    };
    bj::array items;
    for (const auto& r : rs) {
      const auto member = members.find(r.integer(0));
      if (member == members.end()) continue;  // as the join to the member did
      items.push_back(bj::object{{"member_id", r.integer(0)},
                                 {"member_name", member->second.name},
                                 {"org_id", member->second.org_id},
                                 {"org_name", name(party_orgs, member->second.org_id)},
                                 {"area_name", name(areas, r.integer(1))},
                                 {"last_active_at", r.is_null(2) ? bj::value(nullptr) : bj::value(r.integer(2))}});
    }
    return items;
  });
}

bj::object mine(App& app, std::int64_t member) {
  const auto now = app.now();
  return app.db.read([&](store::Conn& c) {
    bj::object o;
    auto r = c.one(sql::kMyReport, {member});
    const auto area_id = r ? r->integer(1) : 0;
    const auto areas = r ? orgs::area_names(c, {&area_id, 1}) : std::map<std::int64_t, std::string>();
    bj::array activities;
    if (r && areas.count(area_id)) {  // as the join to the area did
      o["report"] = bj::object{{"id", r->integer(0)},
                               {"area_id", area_id},
                               {"area_name", areas.at(area_id)},
                               {"commitments", json::opt_text(*r, 2)},
                               {"address", json::opt_text(*r, 3)},
                               {"reported_on", r->text(4)}};
      const auto path = r->text(5);
      for (const auto& a : c.query(sql::kMyActivities, {member, path, core::path_end(path), now})) {
        activities.push_back(bj::object{{"id", a.integer(0)},
                                        {"title", a.text(1)},
                                        {"place", a.text(2)},
                                        {"starts_at", a.integer(3)},
                                        {"ends_at", a.integer(4)},
                                        {"places", a.integer(5)},
                                        {"signed_up_count", a.integer(6)},
                                        {"needs", json::opt_text(a, 7)},
                                        {"signed_up", !a.is_null(8)},
                                        {"checked_in", !a.is_null(9)},
                                        {"hours", a.is_null(10) ? 0.0 : a.real(10)},
                                        {"status", a.text(11)},
                                        {"cancel_reason", json::opt_text(a, 12)}});
      }
    } else {
      o["report"] = nullptr;
    }
    o["activities"] = std::move(activities);
    const auto year = core::month_of(now).substr(0, 4);
    auto h = c.one(sql::kHoursInYear, {member, year + "-01", year + "-12"});
    o["hours_this_year"] = std::round(h->real(0) * 10) / 10;
    return o;
  });
}

}  // namespace jiceng::dual_report
