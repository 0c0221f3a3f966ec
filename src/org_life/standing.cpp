// Each organisation's standing and the area rollup over it (standing.hpp).
#include "org_life/standing.hpp"

#include "core/principal.hpp"
#include "org_life/matrix.hpp"
#include "org_life/queries.hpp"
#include "org_life/rules.hpp"

namespace jiceng::org_life::detail {
namespace {

// The area and each area above it: "/1/5/9/" gives "/1/", "/1/5/" and "/1/5/9/".
template <typename Each>
void each_prefix(const std::string& path, bool self, Each each) {
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (path[i] != '/' || (!self && i + 1 == path.size())) continue;
    each(path.substr(0, i + 1));
  }
}

}  // namespace

void RollupDelta::add(const std::string& area_path, int year, std::uint32_t months, std::int64_t sign) {
  for (int m = 1; m <= 12; ++m) {
    if ((months & (1u << (m - 1))) == 0) continue;
    const auto month = period_code({Period::month, year, m});
    each_prefix(area_path, true, [&](std::string p) { by_area_month_[{std::move(p), month}] += sign; });
  }
}

void RollupDelta::add_above(const std::string& area_path, const std::string& month, std::int64_t n) {
  each_prefix(area_path, false, [&](std::string p) { by_area_month_[{std::move(p), month}] += n; });
}

void RollupDelta::flush(store::Conn& c) {
  for (const auto& [key, n] : by_area_month_) {
    if (n != 0) c.execute(sql::kRollupAdd, {key.first, key.second, n});
  }
  by_area_month_.clear();
}

Standings standings_in(store::Conn& c, const std::string& from, const std::string& to, int from_year) {
  Standings out;
  for (const auto& r : c.query(sql::kStandingsInRange, {from, to, std::int64_t{from_year}})) {
    out[{r.integer(0), static_cast<int>(r.integer(1))}] = {static_cast<std::uint32_t>(r.integer(2)), r.text(3)};
  }
  return out;
}

void settle(store::Conn& c, RollupDelta& delta, const orgs::OrgInfo& org, int year, std::optional<std::uint32_t> months,
            const std::optional<Standing>& was) {
  if (!months) {
    if (!was) return;
    delta.add(was->area_path, year, was->months, -1);
    c.execute(sql::kDeleteStanding, {org.id, std::int64_t{year}});
    return;
  }
  if (was && was->months == *months && was->area_path == org.area_path) return;
  if (was) delta.add(was->area_path, year, was->months, -1);
  delta.add(org.area_path, year, *months, 1);
  c.execute(sql::kUpsertStanding,
            {org.id, std::int64_t{year}, org.path, org.area_path, static_cast<std::int64_t>(*months)});
}

void restand(store::Conn& c, const orgs::OrgInfo& org, int year) {
  std::optional<Standing> was;
  if (auto r = c.one(sql::kStanding, {org.id, std::int64_t{year}})) {
    was = Standing{static_cast<std::uint32_t>(r->integer(0)), r->text(1)};
  }
  const auto duties = load_duties(c);
  std::optional<std::uint32_t> months;
  if (has_duties(duties, org.level)) {
    const auto [from, to] = year_months(year);
    const auto h = held_of(c.query(sql::kTallyByOrgPath, {org.path, core::path_end(org.path), from, to}));
    const auto term = c.one(sql::kTerm, {org.id});
    months = compliant_months(endings_of(duties, year), h, org, term ? term->integer(2) : 0);
  }
  RollupDelta delta;
  settle(c, delta, org, year, months, was);
  delta.flush(c);
}

std::vector<int> standing_years(store::Conn& c, std::int64_t org_id) {
  std::vector<int> out;
  for (const auto& r : c.query(sql::kStandingYears, {org_id})) out.push_back(static_cast<int>(r.integer(0)));
  return out;
}

void rollup_area_moved(store::Conn& c, const std::string& old_prefix, const std::string& new_prefix) {
  RollupDelta delta;
  for (const auto& r : c.query(sql::kRollupAt, {old_prefix})) {
    delta.add_above(old_prefix, r.text(0), -r.integer(1));
    delta.add_above(new_prefix, r.text(0), r.integer(1));
  }
  delta.flush(c);
}

void rollup_org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  RollupDelta delta;
  for (const auto& r : c.query(sql::kStandingsOfOrg, {org_id})) {
    const auto year = static_cast<int>(r.integer(0));
    const auto months = static_cast<std::uint32_t>(r.integer(1));
    delta.add(r.text(2), year, months, -1);
    delta.add(area_path, year, months, 1);
  }
  delta.flush(c);
}

}  // namespace jiceng::org_life::detail
