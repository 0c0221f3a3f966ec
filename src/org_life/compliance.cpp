// The compliance matrix: an organisation's year and an area's cells read from the monthly tally (an
// index range over organisation or area paths) and the dated duty rules, an area's shares from the
// rollup over the organisations' standings; and the branch structure checks beside it.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "org_life/matrix.hpp"
#include "org_life/queries.hpp"
#include "org_life/rules.hpp"
#include "org_life/service.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"

namespace jiceng::org_life {

namespace {

namespace bj = boost::json;
using detail::held_in;
using detail::Labels;
constexpr std::int64_t kMaxOrgs = 2000;  // organisations one area's cells list
constexpr int kMonths = 12;

bj::object cell_json(const Duty& d, const Labels& l, const PeriodKey& k, std::int64_t held, std::int64_t today) {
  const auto c = cell(d, l.of(d.kind), k, held, today);
  return bj::object{{"duty", d.key},
                    {"kind", d.kind},
                    {"kind_label", l.of(d.kind)},
                    {"period", period_code(k)},
                    {"state", state_name(c.state)},
                    {"held", c.held},
                    {"required", c.required},
                    {"warn", c.warn},
                    {"reason", c.reason},
                    {"source", d.source}};
}

// The area asked for, within the caller's reach, or the caller's own area.
orgs::Area area_for(store::Conn& c, const core::Principal& who, std::optional<std::int64_t> area_id) {
  if (area_id) {
    auto a = orgs::area_in_scope(c, who, core::Register::org_life, core::Action::read, *area_id);
    if (!a) not_found("区域不存在或不在您的管辖范围内");
    return *a;
  }
  for (const auto& b : who.bindings) {
    if (b.scope_type != core::ScopeType::area || !core::allowed(b.role, core::Register::org_life, core::Action::read))
      continue;
    if (auto a = orgs::area_by_id(c, b.scope_id)) return *a;
  }
  forbidden("按区域查看组织生活情况需要县、街道或社区的账号");
}

bj::array structure_json(store::Conn& c, const orgs::OrgInfo& org, std::int64_t today) {
  Structure s{org.level, org.kind, 0, 0, 0, {}, {}};
  const auto heads = people::headcounts_under(c, org.path);
  if (auto it = heads.find(org.id); it != heads.end()) {
    s.members = it->second.members;
    s.full_members = it->second.full;
  }
  if (auto t = c.one(sql::kTerm, {org.id})) {
    if (!t->is_null(0)) s.elected_on = core::parse_day(t->text(0));
    s.term_years = t->opt_integer(1);
    s.committee_size = t->integer(2);
  }
  bj::array out;
  for (const auto& f : structure_findings(s, today)) out.push_back(bj::object{{"code", f.code}, {"reason", f.reason}});
  return out;
}

}  // namespace

bj::object org_year(App& app, const core::Principal& who, std::int64_t org_id, int year) {
  return app.db.read([&](store::Conn& c) {
    if (!orgs::org_paths_in_scope(c, who, core::Register::org_life, core::Action::read, org_id)) {
      not_found("党组织不存在或不在您的管辖范围内");
    }
    const auto org = *orgs::org_info(c, org_id);
    const auto today = core::local_day(app.now());
    const auto duties = load_duties(c);
    const auto l = detail::labels(c);
    const auto [from, to] = detail::year_months(year);
    const auto h = detail::held_of(c.query(sql::kTallyByOrgPath, {org.path, core::path_end(org.path), from, to}));
    const auto term = c.one(sql::kTerm, {org_id});
    const std::int64_t committee = term ? term->integer(2) : 0;
    bj::array rows;
    for (const auto& key : duty_keys(duties)) {
      bj::array cells;
      for (const auto p : {Period::month, Period::quarter, Period::year}) {
        for (PeriodKey k{p, year, 1}; k.year == year; k = next(k)) {
          if (first_day(k) > today) break;
          const auto d = detail::applicable(duties, key, k, org, committee);
          if (d && d->period == p) cells.push_back(cell_json(*d, l, k, held_in(h, org.id, d->kind, k), today));
        }
      }
      if (!cells.empty()) rows.push_back(bj::object{{"duty", key}, {"cells", std::move(cells)}});
    }
    return bj::object{{"org_id", org.id}, {"org_name", org.name},      {"level", org.level},
                      {"year", year},     {"duties", std::move(rows)}, {"structure", structure_json(c, org, today)}};
  });
}

// Read from the rollup (standing.hpp): per child area, the organisations owing duties under it
// (orgs' count) and the compliant ones per month (one rollup row each), whatever the subtree's size.
bj::object area_months(App& app, const core::Principal& who, std::optional<std::int64_t> area_id, int year) {
  return app.db.read([&](store::Conn& c) {
    const auto area = area_for(c, who, area_id);
    auto children = orgs::child_areas(c, area.id);
    if (children.empty()) children.push_back(area);
    const auto levels = detail::duty_levels(load_duties(c));
    const auto [from, to] = detail::year_months(year);
    const auto today = core::local_day(app.now());
    bj::array rows;
    for (const auto& child : children) {
      const auto counted = orgs::count_orgs_under(c, child.path, levels);
      std::map<std::string, std::int64_t> compliant;
      for (const auto& r : c.query(sql::kRollupOfYear, {child.path, from, to})) compliant[r.text(0)] = r.integer(1);
      bj::array months;
      for (int m = 1; m <= kMonths; ++m) {
        const PeriodKey month{Period::month, year, m};
        if (first_day(month) > today || counted == 0) {
          months.push_back(nullptr);
          continue;
        }
        // An organisation whose level lost its duties leaves the rollup at the sweep's next pass.
        const auto n = std::min(compliant[period_code(month)], counted);
        months.push_back(bj::object{{"month", period_code(month)},
                                    {"compliant", n},
                                    {"share", static_cast<double>(n) / static_cast<double>(counted)}});
      }
      rows.push_back(bj::object{
          {"area_id", child.id}, {"area_name", child.name}, {"orgs", counted}, {"months", std::move(months)}});
    }
    return bj::object{{"area_id", area.id}, {"area_name", area.name}, {"year", year}, {"rows", std::move(rows)}};
  });
}

bj::object area_cells(App& app, const core::Principal& who, std::optional<std::int64_t> area_id,
                      const std::string& month_code) {
  const auto month = parse_period_code(month_code);
  if (!month || month->period != Period::month) bad_request("month", "月份格式应为 YYYY-MM");
  return app.db.read([&](store::Conn& c) {
    const auto area = area_for(c, who, area_id);
    const auto duties = load_duties(c);
    const auto l = detail::labels(c);
    const auto [from, to] = detail::year_months(month->year);
    const auto h = detail::held_of(c.query(sql::kTallyByAreaPath, {area.path, core::path_end(area.path), from, to}));
    const auto committee = detail::committees(c, sql::kCommitteesByAreaPath, area.path, core::path_end(area.path));
    const auto today = core::local_day(app.now());
    bj::array rows;
    for (const auto& org : orgs::orgs_under(c, "", area.path, kMaxOrgs)) {
      if (!detail::has_duties(duties, org.level)) continue;
      const auto it = committee.find(org.id);
      bj::array cells;
      for (const auto& key : duty_keys(duties)) {
        for (const auto p : {Period::month, Period::quarter, Period::year}) {
          const auto k = period_of(p, first_day(*month));
          const auto d = detail::applicable(duties, key, k, org, it == committee.end() ? 0 : it->second);
          if (d && d->period == p) cells.push_back(cell_json(*d, l, k, held_in(h, org.id, d->kind, k), today));
        }
      }
      rows.push_back(bj::object{{"org_id", org.id}, {"org_name", org.name}, {"cells", std::move(cells)}});
    }
    return bj::object{{"area_id", area.id}, {"area_name", area.name}, {"month", month_code}, {"orgs", std::move(rows)}};
  });
}

}  // namespace jiceng::org_life
