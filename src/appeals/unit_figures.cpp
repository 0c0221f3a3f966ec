#include "appeals/unit_figures.hpp"

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "appeals/calendar.hpp"
#include "appeals/queries.hpp"
#include "appeals/rules.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

// The appeals' subtree is ranked by street (town, park): "/county/street/".
constexpr std::size_t kStreetDepth = 2;

}  // namespace

std::optional<bj::object> unit_figures(store::Conn& c, const core::Principal& who, const FigureQuery& q,
                                       std::int64_t now) {
  store::Params units;
  for (const auto& b : who.bindings) {
    if (b.scope_type == core::ScopeType::unit && core::allowed(b.role, core::Register::appeals, core::Action::read)) {
      units.emplace_back(b.scope_id);
    }
  }
  if (units.empty()) return std::nullopt;
  const std::string whistled = sql::kWhistledOnto + store::placeholders(units.size()) + "))";
  // Received in the period: the day the appeal came in, as the area rollups count it. A day is
  // "YYYY-MM-DD", so the period is a range of its first and last seconds.
  const auto from = core::day_start(core::parse_day(q.from_day));
  const auto to = core::day_start(core::parse_day(q.to_day) + 1);
  std::string where = whistled + sql::kCreatedWithin;
  store::Params params = units;
  params.insert(params.end(), {from, to});
  if (q.category_id) {
    where += sql::kUnitCategorySubtree;
    params.insert(params.end(), {*q.category_id, *q.category_id, *q.category_id});
  }
  Counts total{};
  std::map<std::string, Counts> by_street;
  for (const auto& r : c.query(sql::kUnitAppeals + where, params)) {
    const auto k = contribution_of(r);
    const auto nodes = core::path_and_ancestors(k.area_path);
    auto& street = by_street[nodes.size() >= kStreetDepth ? nodes[kStreetDepth - 1] : k.area_path];
    for (std::size_t i = 0; i < total.size(); ++i) {
      total[i] += k.counts[i];
      street[i] += k.counts[i];
    }
  }
  std::vector<std::pair<bj::object, Counts>> children;
  for (const auto& [path, counts] : by_street) {
    auto node = orgs::area_by_path(c, path);
    if (!node) continue;
    children.push_back({bj::object{{"area_id", node->id}, {"name", node->name}}, counts});
  }
  bj::object out = summarise(total);
  // What is open right now, whenever it came in, as the area figures count it.
  store::Params live = {now, now, now};
  live.insert(live.end(), units.begin(), units.end());
  auto open = c.one(sql::kUnitLiveCounts + open_statuses_sql() + " AND " + whistled, live);
  out["open"] = open->integer(0);
  out["overdue_open"] = open->integer(1);
  out["due_soon_open"] = open->integer(2);
  out["live_as_of"] = now;
  // The whistles of the period: how many, checked in, and checked in after their time (or still
  // waiting past it).
  store::Params wp = units;
  wp.insert(wp.end(), {from, to});
  auto w = c.one(sql::kUnitWhistles + store::placeholders(units.size()) + ")" + sql::kWhistledWithin, wp);
  out["whistles"] = w->integer(0);
  out["checked_in"] = w->integer(1);
  out["late"] = w->integer(2);
  out["from"] = q.from_day;
  out["to"] = q.to_day;
  out["scope"] = "unit";
  const auto unit = std::get<std::int64_t>(units.front());
  auto u = orgs::unit_by_id(c, unit);
  out["unit_id"] = unit;
  out["unit_name"] = u ? u->name : "";
  out["children"] = ranked(std::move(children));
  return out;
}

}  // namespace jiceng::appeals
