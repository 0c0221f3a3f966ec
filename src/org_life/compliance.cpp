// The compliance matrix, read from the monthly tally (an index range over organisation or area
// paths) and the dated duty rules; and the branch structure checks beside it.
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "notify/outbox.hpp"
#include "org_life/internal.hpp"
#include "org_life/queries.hpp"
#include "org_life/rules.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"

namespace jiceng::org_life {

// Shared with settings.cpp.
std::vector<Duty> load_duties(store::Conn& c);

namespace {

namespace bj = boost::json;
constexpr std::int64_t kMaxOrgs = 2000;  // organisations one area's matrix lists
constexpr int kMonths = 12;
constexpr std::int64_t kSweepOrgs = 1000000;  // every organisation under a county, for the sweep
constexpr char kWarningEvent[] = "org_life.warning";

// Valid meetings per organisation, kind and month.
using Held = std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t>;

Held held_of(const store::ResultSet& rows) {
  Held h;
  for (const auto& r : rows) h[{r.integer(0), r.text(1), r.text(2)}] += r.integer(3);
  return h;
}

std::int64_t held_in(const Held& h, std::int64_t org_id, const std::string& kind, const PeriodKey& k) {
  std::int64_t n = 0;
  for (const auto& month : months_of(k)) {
    auto it = h.find({org_id, kind, month});
    if (it != h.end()) n += it->second;
  }
  return n;
}

std::pair<std::string, std::string> year_months(int year) {
  return {period_code({Period::month, year, 1}), period_code({Period::month, year + 1, 1})};
}

struct Labels final {
  std::map<std::string, std::string> by_kind;
  const std::string& of(const std::string& kind) const {
    auto it = by_kind.find(kind);
    return it == by_kind.end() ? kind : it->second;
  }
};
Labels labels(store::Conn& c) {
  Labels l;
  for (const auto& r : c.query(sql::kKinds)) l.by_kind[r.text(0)] = r.text(1);
  return l;
}

bool applies(const Duty& d, const orgs::OrgInfo& org, std::int64_t committee) {
  if (d.count == 0 || !applies_to_level(d, org.level)) return false;
  // A branch without a committee (fewer than 7 full members) holds no committee meetings.
  return d.kind != kCommitteeMeeting || committee > 0;
}

// The version of a duty an organisation is held to in a period, if any applies to it.
std::optional<Duty> applicable(const std::vector<Duty>& duties, const std::string& key, const PeriodKey& k,
                               const orgs::OrgInfo& org, std::int64_t committee) {
  auto d = in_force(duties, key, k);
  if (!d || !applies(*d, org, committee)) return std::nullopt;
  return d;
}

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

// A duty whose period ends with a month, with the period's months: the same for every
// organisation, so worked out once a month rather than once an organisation.
struct Ending final {
  Duty duty;
  std::vector<std::string> months;
};
std::vector<Ending> ending_in(const std::vector<Duty>& duties, const std::vector<std::string>& keys,
                              const PeriodKey& month) {
  std::vector<Ending> out;
  const auto code = period_code(month);
  for (const auto p : {Period::month, Period::quarter, Period::year}) {
    const auto k = period_of(p, first_day(month));
    auto months = months_of(k);
    if (months.back() != code) continue;
    for (const auto& key : keys) {
      auto d = in_force(duties, key, k);
      if (d && d->period == p) out.push_back({*d, months});
    }
  }
  return out;
}

// Every duty whose period ends with the month was met (the current month as it stands).
bool compliant_in(const std::vector<Ending>& ending, const Held& h, const orgs::OrgInfo& org, std::int64_t committee) {
  for (const auto& e : ending) {
    if (!applies(e.duty, org, committee)) continue;
    std::int64_t n = 0;
    for (const auto& m : e.months) {
      auto it = h.find({org.id, e.duty.kind, m});
      if (it != h.end()) n += it->second;
    }
    if (n < e.duty.count) return false;
  }
  return true;
}

std::map<std::int64_t, std::int64_t> committees(store::Conn& c, const char* query, const std::string& path) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& r : c.query(query, {path, core::path_end(path)})) out[r.integer(0)] = r.integer(1);
  return out;
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

bool has_duties(const std::vector<Duty>& duties, const std::string& level) {
  return std::any_of(duties.begin(), duties.end(), [&](const Duty& d) { return applies_to_level(d, level); });
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
    const auto l = labels(c);
    const auto [from, to] = year_months(year);
    const auto h = held_of(c.query(sql::kTallyByOrgPath, {org.path, core::path_end(org.path), from, to}));
    const auto term = c.one(sql::kTerm, {org_id});
    const std::int64_t committee = term ? term->integer(2) : 0;
    bj::array rows;
    for (const auto& key : duty_keys(duties)) {
      bj::array cells;
      for (const auto p : {Period::month, Period::quarter, Period::year}) {
        for (PeriodKey k{p, year, 1}; k.year == year; k = next(k)) {
          if (first_day(k) > today) break;
          const auto d = applicable(duties, key, k, org, committee);
          if (d && d->period == p) cells.push_back(cell_json(*d, l, k, held_in(h, org.id, d->kind, k), today));
        }
      }
      if (!cells.empty()) rows.push_back(bj::object{{"duty", key}, {"cells", std::move(cells)}});
    }
    return bj::object{{"org_id", org.id}, {"org_name", org.name},      {"level", org.level},
                      {"year", year},     {"duties", std::move(rows)}, {"structure", structure_json(c, org, today)}};
  });
}

bj::object area_months(App& app, const core::Principal& who, std::optional<std::int64_t> area_id, int year) {
  return app.db.read([&](store::Conn& c) {
    const auto area = area_for(c, who, area_id);
    auto children = orgs::child_areas(c, area.id);
    if (children.empty()) children.push_back(area);
    const auto duties = load_duties(c);
    const auto keys = duty_keys(duties);
    const auto [from, to] = year_months(year);
    const auto h = held_of(c.query(sql::kTallyByAreaPath, {area.path, core::path_end(area.path), from, to}));
    const auto committee = committees(c, sql::kCommitteesByAreaPath, area.path);
    const auto today = core::local_day(app.now());
    std::vector<std::vector<Ending>> ending;
    for (int m = 1; m <= kMonths; ++m) ending.push_back(ending_in(duties, keys, {Period::month, year, m}));
    // Per child area and month: organisations, compliant ones.
    std::vector<std::array<std::int64_t, kMonths>> compliant(children.size());
    std::vector<std::int64_t> counted(children.size(), 0);
    for (const auto& org : orgs::orgs_under(c, "", area.path, kMaxOrgs)) {
      if (!has_duties(duties, org.level)) continue;
      const auto child = std::find_if(children.begin(), children.end(),
                                      [&](const orgs::Area& a) { return core::path_within(org.area_path, a.path); });
      if (child == children.end()) continue;
      const auto i = static_cast<std::size_t>(child - children.begin());
      ++counted[i];
      const auto it = committee.find(org.id);
      for (int m = 1; m <= kMonths; ++m) {
        const PeriodKey month{Period::month, year, m};
        if (first_day(month) > today) break;
        const auto& e = ending[static_cast<std::size_t>(m - 1)];
        if (compliant_in(e, h, org, it == committee.end() ? 0 : it->second)) ++compliant[i][m - 1];
      }
    }
    bj::array rows;
    for (std::size_t i = 0; i < children.size(); ++i) {
      bj::array months;
      for (int m = 1; m <= kMonths; ++m) {
        const PeriodKey month{Period::month, year, m};
        if (first_day(month) > today || counted[i] == 0) {
          months.push_back(nullptr);
          continue;
        }
        const auto n = compliant[i][static_cast<std::size_t>(m - 1)];
        months.push_back(bj::object{{"month", period_code(month)},
                                    {"compliant", n},
                                    {"share", static_cast<double>(n) / static_cast<double>(counted[i])}});
      }
      rows.push_back(bj::object{{"area_id", children[i].id},
                                {"area_name", children[i].name},
                                {"orgs", counted[i]},
                                {"months", std::move(months)}});
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
    const auto l = labels(c);
    const auto [from, to] = year_months(month->year);
    const auto h = held_of(c.query(sql::kTallyByAreaPath, {area.path, core::path_end(area.path), from, to}));
    const auto committee = committees(c, sql::kCommitteesByAreaPath, area.path);
    const auto today = core::local_day(app.now());
    bj::array rows;
    for (const auto& org : orgs::orgs_under(c, "", area.path, kMaxOrgs)) {
      if (!has_duties(duties, org.level)) continue;
      const auto it = committee.find(org.id);
      bj::array cells;
      for (const auto& key : duty_keys(duties)) {
        for (const auto p : {Period::month, Period::quarter, Period::year}) {
          const auto k = period_of(p, first_day(*month));
          const auto d = applicable(duties, key, k, org, it == committee.end() ? 0 : it->second);
          if (d && d->period == p) cells.push_back(cell_json(*d, l, k, held_in(h, org.id, d->kind, k), today));
        }
      }
      rows.push_back(bj::object{{"org_id", org.id}, {"org_name", org.name}, {"cells", std::move(cells)}});
    }
    return bj::object{{"area_id", area.id}, {"area_name", area.name}, {"month", month_code}, {"orgs", std::move(rows)}};
  });
}

namespace {

// The cell's words with the period spelled out ("2026年11月", not "本月"): the message stays true.
std::string lasting_reason(const Cell& cl, const PeriodKey& k, std::int64_t today) {
  auto text = cl.reason;
  const auto relative = period_words(k, today);
  if (auto at = text.find(relative); at != std::string::npos) text.replace(at, relative.size(), period_words(k, -1));
  return text;
}

// Writes the warning once (the unique index); a new one also goes to the outbox.
bool record_warning(store::Conn& c, const orgs::OrgInfo& org, const Duty& d, const PeriodKey& k, std::string_view state,
                    const std::string& message, std::int64_t now) {
  const auto period = period_code(k);
  const auto row = c.one(sql::kInsertWarning, {org.id, org.path, org.area_path, org.name, d.key, d.kind, period,
                                               std::string(state), message, d.source, now});
  if (!row) return false;
  notify::enqueue_event(c, kWarningEvent, org.area_path,
                        bj::object{{"warning_id", row->integer(0)},
                                   {"org_id", org.id},
                                   {"org_name", org.name},
                                   {"duty", d.key},
                                   {"period", period},
                                   {"state", state},
                                   {"message", message},
                                   {"source", d.source}},
                        now);
  return true;
}

// One organisation: each duty's current period in its last days, and its previous one if missed.
std::int64_t warn_org(store::Conn& c, const std::vector<Duty>& duties, const Labels& l, const Held& h,
                      const orgs::OrgInfo& org, std::int64_t committee, std::int64_t now) {
  const auto today = core::local_day(now);
  std::int64_t warned = 0;
  for (const auto& key : duty_keys(duties)) {
    for (const auto p : {Period::month, Period::quarter, Period::year}) {
      const auto current = period_of(p, today);
      for (const auto& k : {current, previous(current)}) {
        const auto d = applicable(duties, key, k, org, committee);
        if (!d || d->period != p) continue;
        const auto cl = cell(*d, l.of(d->kind), k, held_in(h, org.id, d->kind, k), today);
        const bool due = k == current && cl.warn;
        const bool missed = k != current && cl.state == CellState::missing;
        if (!due && !missed) continue;
        const auto message =
            std::string(due ? "【即将到期】" : "【未完成】") + org.name + "，" + lasting_reason(cl, k, today);
        if (record_warning(c, org, *d, k, due ? "due" : "missing", message, now)) ++warned;
      }
    }
  }
  return warned;
}

}  // namespace

std::int64_t warn_due(App& app) {
  const auto now = app.now();
  const int year = period_of(Period::year, core::local_day(now)).year;
  // Last year's months too: a yearly duty missed is warned about in January.
  const auto from = period_code({Period::month, year - 1, 1});
  const auto to = period_code({Period::month, year + 1, 1});
  return app.db.write([&](store::Conn& c) {
    const auto duties = load_duties(c);
    const auto l = labels(c);
    std::int64_t warned = 0;
    for (const auto& root : orgs::root_areas(c)) {
      const auto h = held_of(c.query(sql::kTallyByAreaPath, {root.path, core::path_end(root.path), from, to}));
      const auto committee = committees(c, sql::kCommitteesByAreaPath, root.path);
      for (const auto& org : orgs::orgs_under(c, "", root.path, kSweepOrgs)) {
        if (!has_duties(duties, org.level)) continue;
        const auto it = committee.find(org.id);
        warned += warn_org(c, duties, l, h, org, it == committee.end() ? 0 : it->second, now);
      }
    }
    return warned;
  });
}

}  // namespace jiceng::org_life
