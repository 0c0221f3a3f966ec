// The checks the sweep keeps (流而失管, 空挂, 失联, 停止党籍满2年, transfers due or unconfirmed): at most
// once an hour it walks active flows, pending transfers, stopped members and — when a module keeps
// dues — every member in good standing, a page at a time with batch lookups, and keeps one open row
// per check and subject. The county lists them with drill-through by area.
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/module.hpp"
#include "notify/outbox.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"
#include "relations/internal.hpp"
#include "relations/queries.hpp"
#include "relations/rules.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kBatch = 1000;
constexpr std::int64_t kMaxPage = 200;
constexpr char kCheckEvent[] = "relations.check";

struct Found final {
  Check check;
  std::int64_t subject_id = 0, member_id = 0, org_id = 0;
  std::string member_name, org_path, area_path, detail;
};

using Key = std::pair<std::string, std::int64_t>;

// The dues module's answer, when one is installed (issue 16's dues helper fills the hook).
using DuesFn = std::map<std::int64_t, std::int64_t> (*)(store::Conn&, std::span<const std::int64_t>, std::int64_t);
DuesFn dues_source() {
  for (const auto* m : installed_modules()) {
    if (m->months_since_dues_paid) return m->months_since_dues_paid;
  }
  return nullptr;
}

std::optional<std::int64_t> day_or_none(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return core::parse_day(r.text(i));
}

// One page of active flows: 流而失管, 失联, transfers due and the first half of 空挂.
std::int64_t flow_page(store::Conn& c, std::int64_t after, std::int64_t today, std::vector<Found>& out) {
  const auto rows = c.query(sql::kActiveFlowsPage, {after, kBatch});
  std::vector<std::int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.integer(1));
  const auto life = org_life::last_attended(c, ids);
  std::map<std::int64_t, std::int64_t> transferred;
  for (const auto& r : store::query_ids(c, sql::kTransferSinceIn, ids, sql::kTransferSinceTail)) {
    transferred.emplace(r.integer(0), core::local_day(r.integer(1)));
  }
  std::int64_t last = 0;
  for (const auto& r : rows) {
    last = r.integer(0);
    const auto member = r.integer(1);
    FlowFacts f;
    f.since = core::parse_day(r.text(6));
    f.last_contact = day_or_none(r, 7);
    f.untraceable = day_or_none(r, 8);
    f.fixed_place = r.integer(9) == 1;
    if (auto it = life.find(member); it != life.end()) f.last_life = it->second;
    if (auto it = transferred.find(member); it != transferred.end()) f.transfer_started = it->second >= f.since;
    const auto due = transfer_due(f, today);
    HangingFacts h;
    // Nobody where they live manages them (no host here) and the relation stays behind.
    h.lives_elsewhere = due.has_value() && r.is_null(10);
    for (const auto& finding : {lost_flow(f, today), untraceable(f, today), due, hanging(h, today)}) {
      if (!finding) continue;
      out.push_back(
          Found{finding->check, member, member, r.integer(3), r.text(2), r.text(4), r.text(5), finding->detail});
    }
  }
  return rows.empty() ? -1 : last;
}

// Every member in good standing with no life and no dues for 6 months (only with a dues module).
void dues_pass(App& app, DuesFn dues, std::int64_t today, std::vector<Found>& out) {
  std::set<std::int64_t> flagged;
  for (const auto& f : out) {
    if (f.check == Check::hanging) flagged.insert(f.member_id);
  }
  std::int64_t after = 0;
  while (true) {
    const bool more = app.db.read([&](store::Conn& c) {
      const auto page = people::standing_members_after(c, after, kBatch);
      if (page.empty()) return false;
      std::vector<std::int64_t> ids;
      for (const auto& m : page) ids.push_back(m.id);
      const auto life = org_life::last_attended(c, ids);
      const auto months = dues(c, ids, today);
      for (const auto& m : page) {
        after = m.id;
        if (flagged.count(m.id)) continue;
        HangingFacts h;
        if (auto it = months.find(m.id); it != months.end()) h.dues_months = it->second;
        if (auto it = life.find(m.id); it != life.end()) h.last_life = it->second;
        if (auto finding = hanging(h, today)) {
          out.push_back(Found{Check::hanging, m.id, m.id, m.org_id, m.name, m.org_path, m.area_path, finding->detail});
        }
      }
      return true;
    });
    if (!more) break;
  }
}

std::vector<Found> find_all(App& app, std::int64_t now) {
  const auto today = core::local_day(now);
  std::vector<Found> out;
  for (std::int64_t after = 0; after >= 0;) {
    after = app.db.read([&](store::Conn& c) { return flow_page(c, after, today, out); });
  }
  app.db.read([&](store::Conn& c) {
    const auto days = detail::setting_in_force(c, "transfer_confirm_days", today).value;
    for (const auto& r : c.query(sql::kPendingBefore, {core::day_start(today - days + 1)})) {
      if (auto f = transfer_unconfirmed(core::local_day(r.integer(6)), today, days)) {
        out.push_back(
            Found{f->check, r.integer(0), r.integer(1), r.integer(3), r.text(2), r.text(4), r.text(5), f->detail});
      }
    }
    for (const auto& r : c.query(sql::kStoppedMembers)) {
      if (r.is_null(5)) continue;
      if (auto f = removal_due(core::parse_day(r.text(5)), today)) {
        out.push_back(
            Found{f->check, r.integer(0), r.integer(0), r.integer(2), r.text(1), r.text(3), r.text(4), f->detail});
      }
    }
  });
  if (const auto dues = dues_source()) dues_pass(app, dues, today, out);
  return out;
}

bj::object check_json(const store::Row& r) {
  const auto kind = parse_check(r.text(1));
  return bj::object{{"id", r.integer(0)},
                    {"kind", r.text(1)},
                    {"label", kind ? std::string(check_label(*kind)) : r.text(1)},
                    {"subject_id", r.integer(2)},
                    {"member_id", r.integer(3)},
                    {"member_name", r.text(4)},
                    {"org_id", r.integer(5)},
                    {"detail", r.text(8)},
                    {"source", r.text(9)},
                    {"state", r.text(10)},
                    {"found_at", r.integer(11)},
                    {"resolved_at", json::opt_int(r, 12)}};
}

}  // namespace

std::int64_t run_checks(App& app) {
  const auto now = app.now();
  const auto found = find_all(app, now);
  return app.db.write([&](store::Conn& c) {
    std::set<Key> live;
    std::int64_t added = 0;
    for (const auto& f : found) {
      const std::string code(check_code(f.check));
      live.insert({code, f.subject_id});
      const auto source = check_source(f.check);
      const auto row = c.one(sql::kInsertCheck, {code, f.subject_id, f.member_id, f.member_name, f.org_id, f.org_path,
                                                 f.area_path, f.detail, source, now});
      if (!row) continue;
      ++added;
      notify::enqueue_event(c, kCheckEvent, f.area_path,
                            bj::object{{"check_id", row->integer(0)},
                                       {"kind", code},
                                       {"member_id", f.member_id},
                                       {"member_name", f.member_name},
                                       {"org_id", f.org_id},
                                       {"detail", f.detail},
                                       {"source", source}},
                            now);
    }
    for (const auto& r : c.query(sql::kOpenChecks)) {
      if (!live.count({r.text(1), r.integer(2)})) c.execute(sql::kResolveCheck, {now, r.integer(0)});
    }
    return added;
  });
}

bj::object checks(App& app, const core::Principal& who, const CheckQuery& q) {
  return app.db.read([&](store::Conn& c) {
    auto [where, params] = orgs::rows_under_org(c, who, core::Register::relations, "c", q.org_id);
    where += " AND c.state = ?";
    params.emplace_back(q.state);
    store::and_if(where, params, "c.check_kind = ?", q.kind);
    if (q.area_id) {
      const auto area = orgs::area_by_id(c, *q.area_id);
      if (!area) not_found("区域不存在或不在您的管辖范围内");
      where += " AND c.area_path >= ? AND c.area_path < ?";
      params.insert(params.end(), {area->path, core::path_end(area->path)});
    }
    params.insert(params.end(), {std::min(q.limit, kMaxPage), q.offset});
    bj::array items;
    for (const auto& r : c.query(std::string(sql::kCheckColumns) + where + sql::kCheckTail, params)) {
      items.push_back(check_json(r));
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object check_summary(App& app, const core::Principal& who, std::optional<std::int64_t> area_id) {
  return app.db.read([&](store::Conn& c) {
    const auto area = cogov::report_area(c, area_id, &who);
    if (!detail::reaches(who, core::Action::read, "", area.path)) not_found("区域不存在或不在您的管辖范围内");
    const auto children = orgs::child_areas(c, area.id);
    std::map<std::string, std::map<std::string, std::int64_t>> by_child;
    for (const auto& r : c.query(sql::kCheckCounts, {area.path, core::path_end(area.path)})) {
      const auto path = r.text(0);
      for (const auto& ch : children) {
        if (core::path_within(path, ch.path)) by_child[ch.path][r.text(1)] += r.integer(2);
      }
      by_child[area.path][r.text(1)] += r.integer(2);
    }
    const auto counts = [&](const std::string& path) {
      bj::object o;
      for (const auto& code : {Check::lost_flow, Check::hanging, Check::untraceable, Check::removal_due,
                               Check::transfer_due, Check::transfer_unconfirmed}) {
        const std::string k(check_code(code));
        o[k] = by_child[path][k];
      }
      return o;
    };
    bj::array rows;
    for (const auto& ch : children) {
      rows.push_back(bj::object{{"area_id", ch.id}, {"area_name", ch.name}, {"counts", counts(ch.path)}});
    }
    bj::array kinds;
    for (const auto& code : {Check::lost_flow, Check::hanging, Check::untraceable, Check::removal_due,
                             Check::transfer_due, Check::transfer_unconfirmed}) {
      kinds.push_back(
          bj::object{{"kind", check_code(code)}, {"label", check_label(code)}, {"source", check_source(code)}});
    }
    return bj::object{{"area_id", area.id},
                      {"area_name", area.name},
                      {"total", counts(area.path)},
                      {"children", std::move(rows)},
                      {"kinds", std::move(kinds)}};
  });
}

}  // namespace jiceng::relations
