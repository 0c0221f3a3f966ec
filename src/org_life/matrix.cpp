// The pieces of the compliance matrix that the matrix, the sweep and the standing rollup share.
#include "org_life/matrix.hpp"

#include <algorithm>

#include "org_life/queries.hpp"

namespace jiceng::org_life::detail {

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

const std::string& Labels::of(const std::string& kind) const {
  auto it = by_kind.find(kind);
  return it == by_kind.end() ? kind : it->second;
}

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

std::optional<Duty> applicable(const std::vector<Duty>& duties, const std::string& key, const PeriodKey& k,
                               const orgs::OrgInfo& org, std::int64_t committee) {
  auto d = in_force(duties, key, k);
  if (!d || !applies(*d, org, committee)) return std::nullopt;
  return d;
}

bool has_duties(const std::vector<Duty>& duties, const std::string& level) {
  return std::any_of(duties.begin(), duties.end(), [&](const Duty& d) { return applies_to_level(d, level); });
}

std::vector<std::string> duty_levels(const std::vector<Duty>& duties) {
  std::vector<std::string> out;
  for (const auto& d : duties) {
    for (const auto& l : d.applies_to) {
      if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
    }
  }
  return out;
}

YearEndings endings_of(const std::vector<Duty>& duties, int year) {
  const auto keys = duty_keys(duties);
  YearEndings out;
  for (int m = 1; m <= 12; ++m) {
    const PeriodKey month{Period::month, year, m};
    const auto code = period_code(month);
    std::vector<Ending> ending;
    for (const auto p : {Period::month, Period::quarter, Period::year}) {
      const auto k = period_of(p, first_day(month));
      auto months = months_of(k);
      if (months.back() != code) continue;
      for (const auto& key : keys) {
        auto d = in_force(duties, key, k);
        if (d && d->period == p) ending.push_back({*d, months});
      }
    }
    out.push_back(std::move(ending));
  }
  return out;
}

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

std::uint32_t compliant_months(const YearEndings& year, const Held& h, const orgs::OrgInfo& org,
                               std::int64_t committee) {
  std::uint32_t bits = 0;
  for (std::size_t m = 0; m < year.size(); ++m) {
    if (compliant_in(year[m], h, org, committee)) bits |= 1u << m;
  }
  return bits;
}

std::map<std::int64_t, std::int64_t> committees(store::Conn& c, const char* query, const std::string& from,
                                                const std::string& to) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& r : c.query(query, {from, to})) out[r.integer(0)] = r.integer(1);
  return out;
}

std::pair<std::string, std::string> year_months(int year) {
  return {period_code({Period::month, year, 1}), period_code({Period::month, year + 1, 1})};
}

}  // namespace jiceng::org_life::detail
