// The sweep's warnings about members behind with their dues, and the county's dated settings
// (the province's amount for farmers, the months after which a member is warned).
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "dues/internal.hpp"
#include "dues/queries.hpp"
#include "notify/outbox.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kBatch = 500;  // accounts per transaction: the writer is not held long
constexpr char kWarningEvent[] = "dues.warning";
constexpr std::int64_t kMaxWarnings = 200;
constexpr std::int64_t kMaxWarnMonths = 5;

struct Cursor final {
  std::string next_due;
  std::int64_t member_id = 0;
};

// One batch: each account behind gets its warning once per episode; one outbox event per
// organisation lists the batch's new warnings there.
std::int64_t warn_batch(store::Conn& c, const App& app, Cursor& cur, const std::string& upto, int current,
                        const detail::Setting& warn, bool& more) {
  const auto now = app.now();
  std::map<std::int64_t, std::pair<std::string, bj::array>> by_org;
  std::int64_t warned = 0, seen = 0;
  for (const auto& r : c.query(sql::kSweepBatch, {upto, cur.next_due, cur.next_due, cur.member_id, kBatch})) {
    ++seen;
    cur = {r.text(5), r.integer(0)};
    const auto st = standing(month_number(r.text(5)).value_or(current), current, static_cast<int>(warn.value));
    if (!st.warn && !st.lapse) continue;
    const std::string rule = st.lapse ? "lapse" : "arrears";
    const auto source = st.lapse ? st.source : warn.source;
    const auto message =
        std::string(st.lapse ? "【连续6个月未交党费】" : "【党费欠交】") + r.text(4) + "：" + st.reason;
    const auto row = c.one(sql::kInsertWarning, {r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), rule,
                                                 r.text(5), std::int64_t{st.owed}, message, source, now});
    if (!row) continue;
    ++warned;
    auto& [area, items] = by_org[r.integer(1)];
    area = r.text(3);
    items.push_back(bj::object{{"warning_id", row->integer(0)},
                               {"member_id", r.integer(0)},
                               {"name", r.text(4)},
                               {"rule", rule},
                               {"months", st.owed},
                               {"message", message},
                               {"source", source}});
  }
  for (auto& [org_id, entry] : by_org) {
    notify::enqueue_event(c, kWarningEvent, entry.first,
                          bj::object{{"org_id", org_id}, {"warnings", std::move(entry.second)}}, now);
  }
  more = seen == kBatch;
  return warned;
}

}  // namespace

std::int64_t warn_arrears(App& app) {
  const int current = detail::current_month(app);
  const auto warn =
      app.db.read([&](store::Conn& c) { return detail::setting(c, detail::kWarnKey, detail::today(app)); });
  const int threshold = static_cast<int>(std::min<std::int64_t>(warn.value, kLapseMonths));
  const auto upto = month_code(current - std::max(threshold, 1));
  Cursor cur{"", 0};
  std::int64_t warned = 0;
  for (bool more = true; more;) {
    warned += app.db.write([&](store::Conn& c) { return warn_batch(c, app, cur, upto, current, warn, more); });
  }
  return warned;
}

bj::object warnings(App& app, const core::Principal& who, std::int64_t org_id, std::int64_t limit,
                    std::int64_t offset) {
  return app.db.read([&](store::Conn& c) {
    const auto org = detail::readable_org(c, who, org_id);
    bj::array items;
    for (const auto& r :
         c.query(sql::kWarnings, {org.path, core::path_end(org.path), std::min(limit, kMaxWarnings), offset})) {
      items.push_back(json::row_object(r, {"id", "member_id", "org_id", "name", "rule", "since_month", "months",
                                           "message", "source", "created_at"}));
    }
    return bj::object{{"items", std::move(items)}};
  });
}

std::int64_t apply_bases(App& app) {
  return app.db.write([&](store::Conn& c) { return detail::apply_bases(c, app); });
}

bj::object settings(App& app) {
  return app.db.read([&](store::Conn& c) { return core::dated::listing(c, detail::kSettingsTable); });
}

bj::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                          const std::string& source, const std::string& effective_from) {
  if (key == detail::kFarmerKey) {
    if (value < kFarmerMinFen || value > kFarmerMaxFen) {
      bad_request("value", std::string("农民党员每月交纳0.2元至1元（20至100分）；依据：") + kRegulation);
    }
  } else if (key == detail::kWarnKey) {
    if (value < 1 || value > kMaxWarnMonths) bad_request("value", "提醒月数应为 1 到 5（满6个月按自行脱党规定处理）");
  } else {
    bad_request("key", "可设置的项目：farmer_monthly_fen（农民党员每月党费，分）、arrears_warn_months（欠交提醒月数）");
  }
  app.db.write([&](store::Conn& c) {
    if (!orgs::county_department(c, by.who)) forbidden("党费标准由县委组织部设置");
    core::dated::change(c, detail::kSettingsTable, key, value, source, effective_from, detail::today(app), by.name(),
                        app.now());
    // Farmers pay the new amount from the month it takes effect, without each branch re-assessing.
    if (key == detail::kFarmerKey) {
      detail::rebase_farmers(c, app, by, *month_number(effective_from.substr(0, 7)), value);
    }
    detail::audit(c, app, by, "setting", "dues_setting", 0, key + "=" + std::to_string(value));
  });
  return settings(app);
}

}  // namespace jiceng::dues
