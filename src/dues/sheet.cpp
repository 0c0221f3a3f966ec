// Reading dues: a member's page, the member's own, the monthly collection sheet (党费收缴登记表) of
// a subtree, the totals and remittances by subtree from the tally, and the members behind.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "dues/internal.hpp"
#include "dues/queries.hpp"
#include "dues/render.hpp"
#include "people/service.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;
using detail::Account;

constexpr std::int64_t kMaxSheetMembers = 200000;
constexpr std::int64_t kMaxOrgs = 100000;
constexpr std::int64_t kMaxArrears = 500;

int sheet_month(const std::string& month) {
  const auto m = month_number(month);
  if (!m) bad_request("month", "月份格式应为 YYYY-MM");
  return *m;
}

struct Settled final {
  Fen due = 0, paid = 0;
  bool reduced = false;
  std::string paid_on, method, first_month;
  std::optional<std::string> proxy;
  std::int64_t months = 1;
};

std::string category_label(const std::string& c) {
  static const std::map<std::string, std::string> k = {
      {"in_service", "在职"}, {"retired", "离退休"}, {"rural", "农村"}, {"mobile", "流动"}, {"student", "学生"}};
  const auto it = k.find(c);
  return it == k.end() ? c : it->second;
}

bj::object sheet_row(std::size_t no, const people::RollMember& m, const std::string& org_name, const Account* a,
                     const detail::Schedule* s, const Settled* paid, int month, int current) {
  bj::object o{{"no", static_cast<std::int64_t>(no)},
               {"member_id", m.id},
               {"name", m.name},
               {"org_id", m.org_id},
               {"org_name", org_name},
               {"category", category_label(m.category)}};
  if (!a) {
    o["assessed"] = false;
    o["note"] = "未核定党费";
    return o;
  }
  const auto kind = parse_kind(a->kind);
  o["assessed"] = true;
  o["kind_label"] = kind ? std::string(kind_label(*kind)) : a->kind;
  o["base_fen"] = a->base_fen ? bj::value(*a->base_fen) : bj::value(nullptr);
  o["rate"] = a->rate_bp ? bj::value(yuan(a->rate_bp) + "%") : bj::value(nullptr);
  const Fen due = paid ? paid->due : (s ? s->due(month).value_or(a->monthly) : a->monthly);
  o["due_fen"] = month < a->start_month ? bj::value(nullptr) : bj::value(due);
  const auto st = standing(a->next_due, current, 0);
  o["owed_months"] = st.owed;
  std::string note;
  if (paid) {
    o["paid_fen"] = paid->paid;
    o["paid_on"] = paid->paid_on;
    o["method"] = paid->method;
    o["method_label"] = std::string(method_label(paid->method));
    o["proxy_name"] = paid->proxy ? bj::value(*paid->proxy) : bj::value(nullptr);
    o["months_paid"] = paid->months;
    if (paid->months > 1) note = "自" + paid->first_month + "起一并交纳" + std::to_string(paid->months) + "个月";
    if (paid->paid_on.substr(0, 7) > month_code(month)) note += note.empty() ? "补交" : "（补交）";
    if (paid->paid_on.substr(0, 7) < month_code(month)) note += note.empty() ? "预交" : "（预交）";
    if (paid->reduced) note += note.empty() ? "经批准减免" : "，经批准减免";
  } else {
    o["paid_fen"] = nullptr;
    if (month >= a->start_month && month < current) note = "欠交";
    if (s && s->reduced(month)) note += note.empty() ? "经批准减免" : "，经批准减免";
  }
  o["note"] = note;
  return o;
}

}  // namespace

bj::object member_dues(App& app, const core::Principal& who, std::int64_t member_id) {
  return app.db.read([&](store::Conn& c) {
    detail::readable_account(c, who, member_id);
    auto out = render_member(c, app, member_id);
    const auto a = detail::account(c, member_id);
    out["can_write"] = detail::writes_over(who, a->org_path, a->area_path);
    return out;
  });
}

bj::object my_dues(App& app, const core::Principal& who) {
  const auto me = cogov::acting_member(who, core::Register::dues, core::Action::read);
  if (!me) forbidden("请使用党员账号查看本人党费");
  return app.db.read([&](store::Conn& c) {
    if (!detail::account(c, *me)) {
      return bj::object{{"member_id", *me}, {"assessed", false}, {"reason", "党支部尚未核定您的党费"}};
    }
    auto out = render_member(c, app, *me);
    out["assessed"] = true;
    return out;
  });
}

bj::object sheet(App& app, const core::Principal& who, std::int64_t org_id, const std::string& month_code_in) {
  const int month = sheet_month(month_code_in);
  return app.db.read([&](store::Conn& c) {
    const auto org = detail::readable_org(c, who, org_id);
    const int current = detail::current_month(app);
    const auto roll = people::roll_under(c, org.path, kMaxSheetMembers);
    std::vector<std::int64_t> ids;
    ids.reserve(roll.size());
    for (const auto& m : roll) ids.push_back(m.id);
    std::map<std::int64_t, Account> accounts;
    for (const auto& r : store::query_ids(c, std::string(sql::kAccountColumns) + sql::kAccountsIn, ids)) {
      accounts.emplace(r.integer(0), detail::account_of(r));
    }
    const auto scheds = schedules(c, ids);
    std::map<std::int64_t, Settled> settled;
    for (const auto& r : c.query(sql::kSheetMonths, {month_code(month), org.path, core::path_end(org.path)})) {
      settled[r.integer(0)] = Settled{r.integer(1), r.integer(2), r.integer(3) == 1, r.text(4),
                                      r.text(5),    r.text(8),    r.opt_text(6),     r.integer(7)};
    }
    std::map<std::int64_t, std::string> org_names;
    for (const auto& o : orgs::orgs_under(c, org.path, "", kMaxOrgs)) org_names[o.id] = o.name;
    bj::array rows;
    Fen due = 0, paid = 0;
    std::int64_t assessed = 0, paid_members = 0, owing = 0;
    for (const auto& m : roll) {
      const auto a = accounts.find(m.id);
      const auto s = scheds.find(m.id);
      const auto p = settled.find(m.id);
      auto row = sheet_row(rows.size() + 1, m, org_names[m.org_id], a == accounts.end() ? nullptr : &a->second,
                           s == scheds.end() ? nullptr : &s->second, p == settled.end() ? nullptr : &p->second, month,
                           current);
      if (a != accounts.end()) ++assessed;
      if (const auto* d = row.if_contains("due_fen"); d && d->is_int64()) due += d->as_int64();
      if (p != settled.end()) paid += p->second.paid, ++paid_members;
      if (const auto* o = row.if_contains("owed_months"); o && o->as_int64() > 0) ++owing;
      rows.push_back(std::move(row));
    }
    bj::array voluntary;
    Fen voluntary_fen = 0, centre_fen = 0;
    for (const auto& r : c.query(sql::kSheetVoluntary, {month_code(month), org.path, core::path_end(org.path)})) {
      voluntary_fen += r.integer(2);
      if (r.integer(6) == 1) centre_fen += r.integer(2);
      voluntary.push_back(bj::object{{"member_id", r.integer(0)},
                                     {"name", r.text(1)},
                                     {"amount_fen", r.integer(2)},
                                     {"paid_on", r.text(3)},
                                     {"method_label", std::string(method_label(r.text(4)))},
                                     {"proxy_name", r.is_null(5) ? bj::value(nullptr) : bj::value(r.text(5))},
                                     {"to_centre", r.integer(6) == 1},
                                     {"note", r.text(7)}});
    }
    Fen collected = 0;
    for (const auto& r : c.query(sql::kTallyOfMonth, {month_code(month), org.path, core::path_end(org.path)})) {
      collected += r.integer(2);
    }
    return bj::object{{"org_id", org.id},
                      {"org_name", org.name},
                      {"month", month_code(month)},
                      {"rows", std::move(rows)},
                      {"voluntary", std::move(voluntary)},
                      {"totals", bj::object{{"members", static_cast<std::int64_t>(roll.size())},
                                            {"assessed", assessed},
                                            {"due_fen", due},
                                            {"paid_fen", paid},
                                            {"paid_members", paid_members},
                                            {"owing_members", owing},
                                            {"voluntary_fen", voluntary_fen},
                                            {"centre_fen", centre_fen},
                                            {"collected_fen", collected}}}};
  });
}

bj::object totals(App& app, const core::Principal& who, std::int64_t org_id, const std::string& month_in) {
  const int month = sheet_month(month_in);
  return app.db.read([&](store::Conn& c) {
    const auto org = detail::readable_org(c, who, org_id);
    const auto end = core::path_end(org.path);
    const auto code = month_code(month);
    // The organisations directly under this one, each with its subtree's sums.
    std::vector<orgs::OrgInfo> children;
    const auto depth = core::path_and_ancestors(org.path).size() + 1;
    for (auto& o : orgs::orgs_under(c, org.path, "", kMaxOrgs)) {
      if (core::path_and_ancestors(o.path).size() == depth) children.push_back(std::move(o));
    }
    const char* kKeys[] = {"collected_fen", "voluntary_fen",   "centre_fen",
                           "payments",      "settled_members", "settled_fen"};
    const auto blank = [&] {
      bj::object o;
      for (const auto* k : kKeys) o[k] = std::int64_t{0};
      o["remitted_fen"] = std::int64_t{0};
      return o;
    };
    bj::object total = blank();
    std::vector<bj::object> per(children.size(), blank());
    const auto child_of = [&](const std::string& path) -> bj::object* {
      for (std::size_t i = 0; i < children.size(); ++i) {
        if (core::path_within(path, children[i].path)) return &per[i];
      }
      return nullptr;
    };
    const auto add = [](bj::object& o, const char* k, std::int64_t v) { o[k] = o[k].as_int64() + v; };
    for (const auto& r : c.query(sql::kTallyOfMonth, {code, org.path, end})) {
      auto* child = child_of(r.text(1));
      for (std::size_t k = 0; k < 6; ++k) {
        add(total, kKeys[k], r.integer(k + 2));
        if (child) add(*child, kKeys[k], r.integer(k + 2));
      }
    }
    for (const auto& r : c.query(sql::kRemittancesOfMonth, {code, org.path, end})) {
      add(total, "remitted_fen", r.integer(2));
      if (auto* child = child_of(r.text(1))) add(*child, "remitted_fen", r.integer(2));
    }
    const int current = detail::current_month(app);
    const auto warn = detail::setting(c, detail::kWarnKey, detail::today(app));
    const auto behind = [&](int months) {
      return store::count(c, sql::kCountBehind, {month_code(current - months), org.path, end});
    };
    bj::array rows;
    for (std::size_t i = 0; i < children.size(); ++i) {
      per[i]["org_id"] = children[i].id;
      per[i]["org_name"] = children[i].name;
      rows.push_back(std::move(per[i]));
    }
    return bj::object{{"org_id", org.id},
                      {"org_name", org.name},
                      {"month", code},
                      {"total", std::move(total)},
                      {"arrears", bj::object{{"warn_months", warn.value},
                                             {"warned", behind(static_cast<int>(warn.value))},
                                             {"lapse", behind(kLapseMonths)},
                                             {"source", warn.source}}},
                      {"children", std::move(rows)}};
  });
}

bj::object arrears(App& app, const core::Principal& who, std::int64_t org_id, int min_months) {
  return app.db.read([&](store::Conn& c) {
    const auto org = detail::readable_org(c, who, org_id);
    const int current = detail::current_month(app);
    const auto warn = detail::setting(c, detail::kWarnKey, detail::today(app));
    bj::array items;
    for (const auto& r :
         c.query(sql::kBehind, {month_code(current - min_months), org.path, core::path_end(org.path), kMaxArrears})) {
      const auto st = standing(month_number(r.text(3)).value_or(current), current, static_cast<int>(warn.value));
      items.push_back(bj::object{{"member_id", r.integer(0)},
                                 {"org_id", r.integer(1)},
                                 {"name", r.text(2)},
                                 {"next_due", r.text(3)},
                                 {"owed_months", st.owed},
                                 {"monthly_fen", r.integer(4)},
                                 {"warn", st.warn},
                                 {"lapse", st.lapse},
                                 {"reason", st.reason},
                                 {"source", st.warn ? warn.source : st.source}});
    }
    return bj::object{{"org_id", org.id}, {"min_months", min_months}, {"items", std::move(items)}};
  });
}

bj::object remit(App& app, const Actor& by, std::int64_t org_id, const std::string& month_in,
                 const std::string& remitted_on) {
  const int month = sheet_month(month_in);
  if (!core::is_valid_date(remitted_on)) bad_request("remitted_on", "上缴日期无效");
  if (core::parse_day(remitted_on) > detail::today(app)) bad_request("remitted_on", "上缴日期不能晚于今天");
  if (month > detail::current_month(app)) bad_request("month", "不能上缴以后月份的党费");
  return app.db.write([&](store::Conn& c) {
    const auto org = detail::writable_org(c, by.who, org_id);
    const auto t = c.one(sql::kTallyOfOrg, {org.path, month_code(month)});
    const Fen amount = t ? t->integer(0) : 0;
    if (amount == 0) conflict(org.name + month_code(month) + "没有收缴党费，无需上缴", "month");
    if (!c.one(sql::kInsertRemittance,
               {org.id, month_code(month), org.path, org.area_path, amount, remitted_on, by.name(), app.now()})) {
      conflict(month_code(month) + "的党费已登记上缴", "month");
    }
    detail::audit(c, app, by, "remit", "dues_remittance", org.id, month_code(month) + " " + yuan(amount));
    return bj::object{{"org_id", org.id},
                      {"month", month_code(month)},
                      {"amount_fen", amount},
                      {"amount", yuan(amount)},
                      {"remitted_on", remitted_on}};
  });
}

}  // namespace jiceng::dues
