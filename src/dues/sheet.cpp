// Reading dues: a member's page, the member's own, the totals and remittances by subtree from the
// tally, and the members behind. The collection sheet is collection.cpp.
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

constexpr std::int64_t kMaxOrgs = 100000;
constexpr std::int64_t kMaxArrears = 500;

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

bj::object totals(App& app, const core::Principal& who, std::int64_t org_id, const std::string& month_in) {
  const int month = detail::month_field(month_in, "month");
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
  const int month = detail::month_field(month_in, "month");
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
