// The sweep: every organisation's duties in their last days or missed are written once to the
// secretary's warnings and the outbox, and every standing (standing.hpp) is worked out again, so
// the rollup follows what the meeting writes cannot see (a rule changed, a branch's level). It
// walks the organisations in batches, one short write transaction each, so a province of 100,000
// never holds the writer for long.
#include <algorithm>
#include <boost/json.hpp>
#include <span>

#include "core/dates.hpp"
#include "core/principal.hpp"
#include "notify/outbox.hpp"
#include "org_life/matrix.hpp"
#include "org_life/queries.hpp"
#include "org_life/service.hpp"
#include "org_life/standing.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
using detail::Held;

// Organisations per write transaction: their tally (~70 rows each over two years), their warnings
// and standings take the writer a few milliseconds, so a meeting written meanwhile waits no longer.
constexpr std::size_t kBatchOrgs = 250;
constexpr std::int64_t kSweepOrgs = 1000000;  // every organisation under a root area
constexpr char kWarningEvent[] = "org_life.warning";

// A cell the sweep may warn about: each duty's current period of its length and the one before,
// with the version in force and its months; the same for every organisation.
struct Slot final {
  Duty duty;
  PeriodKey k;
  bool current = false;
  std::vector<std::string> months;
};

// What a pass works with, read and worked out once before its batches.
struct Pass final {
  std::vector<Duty> duties;
  detail::Labels labels;
  std::int64_t now = 0, today = 0;
  int year = 0;
  std::vector<Slot> slots;
  detail::YearEndings last_year, this_year;
  bool warn = true;
};

Pass pass_of(store::Conn& c, std::int64_t now, bool warn) {
  Pass p;
  p.duties = load_duties(c);
  p.labels = detail::labels(c);
  p.now = now;
  p.today = core::local_day(now);
  p.year = period_of(Period::year, p.today).year;
  for (const auto& key : duty_keys(p.duties)) {
    for (const auto period : {Period::month, Period::quarter, Period::year}) {
      const auto current = period_of(period, p.today);
      for (const auto& k : {current, previous(current)}) {
        const auto d = in_force(p.duties, key, k);
        if (d && d->period == period) p.slots.push_back({*d, k, k == current, months_of(k)});
      }
    }
  }
  p.last_year = detail::endings_of(p.duties, p.year - 1);
  p.this_year = detail::endings_of(p.duties, p.year);
  p.warn = warn;
  return p;
}

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
std::int64_t warn_org(store::Conn& c, const Pass& p, const Held& h, const orgs::OrgInfo& org, std::int64_t committee) {
  std::int64_t warned = 0;
  for (const auto& s : p.slots) {
    if (!detail::applies(s.duty, org, committee)) continue;
    std::int64_t held = 0;
    for (const auto& month : s.months) {
      if (auto it = h.find({org.id, s.duty.kind, month}); it != h.end()) held += it->second;
    }
    const auto cl = cell(s.duty, p.labels.of(s.duty.kind), s.k, held, p.today);
    const bool due = s.current && cl.warn;
    const bool missed = !s.current && cl.state == CellState::missing;
    if (!due && !missed) continue;
    const auto message =
        std::string(due ? "【即将到期】" : "【未完成】") + org.name + "，" + lasting_reason(cl, s.k, p.today);
    if (record_warning(c, org, s.duty, s.k, due ? "due" : "missing", message, p.now)) ++warned;
  }
  return warned;
}

// One batch: the organisations `orgs`, whose paths lie in [from, to) with nothing of the pass's
// between them. Returns the warnings it wrote.
std::int64_t batch(store::Conn& c, const Pass& p, std::span<const orgs::OrgInfo> orgs, const std::string& from,
                   const std::string& to) {
  // Last year's months too: a yearly duty missed is warned about in January.
  const auto h = detail::held_of(c.query(
      sql::kTallyByOrgPath, {from, to, detail::year_months(p.year - 1).first, detail::year_months(p.year).second}));
  const auto committee = detail::committees(c, sql::kCommitteesByOrgPath, from, to);
  const auto standing = detail::standings_in(c, from, to, p.year - 1);
  detail::RollupDelta delta;
  std::int64_t warned = 0;
  for (const auto& org : orgs) {
    const bool owes = detail::has_duties(p.duties, org.level);
    const auto it = committee.find(org.id);
    const std::int64_t size = it == committee.end() ? 0 : it->second;
    if (owes && p.warn) warned += warn_org(c, p, h, org, size);
    for (const int year : {p.year - 1, p.year}) {
      const auto& endings = year == p.year ? p.this_year : p.last_year;
      std::optional<detail::Standing> was;
      if (auto s = standing.find({org.id, year}); s != standing.end()) was = s->second;
      std::optional<std::uint32_t> months;
      if (owes) months = detail::compliant_months(endings, h, org, size);
      detail::settle(c, delta, org, year, months, was);
    }
  }
  delta.flush(c);
  return warned;
}

// Calls `each(orgs, from, to)` for the organisations under every root area, kBatchOrgs at a time
// in path order; the batches' path ranges follow one another, so every tally row and standing of
// an organisation falls in its own batch's range.
template <typename Each>
void each_batch(const std::vector<orgs::OrgInfo>& all, Each each) {
  const auto last = core::path_end("/");
  for (std::size_t i = 0; i < all.size(); i += kBatchOrgs) {
    const auto n = std::min(kBatchOrgs, all.size() - i);
    const auto& to = i + n < all.size() ? all[i + n].path : last;
    each(std::span<const orgs::OrgInfo>(all).subspan(i, n), all[i].path, to);
  }
}

}  // namespace

std::int64_t warn_due(App& app) {
  const auto now = app.now();
  const auto p = app.db.read([&](store::Conn& c) { return pass_of(c, now, true); });
  const auto roots = app.db.read([](store::Conn& c) { return orgs::root_areas(c); });
  std::int64_t warned = 0;
  for (const auto& root : roots) {
    const auto all = app.db.read([&](store::Conn& c) { return orgs::orgs_under(c, "", root.path, kSweepOrgs); });
    each_batch(all, [&](std::span<const orgs::OrgInfo> orgs, const std::string& from, const std::string& to) {
      warned += app.db.write([&](store::Conn& c) { return batch(c, p, orgs, from, to); });
    });
  }
  return warned;
}

void restand_all(store::Conn& c, std::int64_t now) {
  const auto p = pass_of(c, now, false);
  for (const auto& root : orgs::root_areas(c)) {
    each_batch(orgs::orgs_under(c, "", root.path, kSweepOrgs),
               [&](std::span<const orgs::OrgInfo> orgs, const std::string& from, const std::string& to) {
                 batch(c, p, orgs, from, to);
               });
  }
}

void restand_all(store::Database& db, std::int64_t now) {
  const auto p = db.read([&](store::Conn& c) { return pass_of(c, now, false); });
  const auto roots = db.read([](store::Conn& c) { return orgs::root_areas(c); });
  for (const auto& root : roots) {
    const auto all = db.read([&](store::Conn& c) { return orgs::orgs_under(c, "", root.path, kSweepOrgs); });
    each_batch(all, [&](std::span<const orgs::OrgInfo> orgs, const std::string& from, const std::string& to) {
      db.write([&](store::Conn& c) { batch(c, p, orgs, from, to); });
    });
  }
}

}  // namespace jiceng::org_life
