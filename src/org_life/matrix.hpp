#pragma once
// What the compliance matrix, the sweep and the standing rollup share: valid meetings per
// organisation, kind and month as read from the tally, the duties whose periods end with a month,
// and whether an organisation met them.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "org_life/rules.hpp"
#include "orgs/service.hpp"
#include "store/db.hpp"

namespace jiceng::org_life {

// The duties with every version, as the county keeps them (settings.cpp).
std::vector<Duty> load_duties(store::Conn& c);

namespace detail {

// Valid meetings per organisation, kind and month.
using Held = std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t>;
// From rows of (org_id, kind, month, held).
Held held_of(const store::ResultSet& rows);
std::int64_t held_in(const Held& h, std::int64_t org_id, const std::string& kind, const PeriodKey& k);

// The kinds' labels, built-in or county-added.
struct Labels final {
  std::map<std::string, std::string> by_kind;
  const std::string& of(const std::string& kind) const;
};
Labels labels(store::Conn& c);

// A duty version applies to the organisation (its level; 支委会 only where a committee sits).
bool applies(const Duty& d, const orgs::OrgInfo& org, std::int64_t committee);
// The version of a duty an organisation is held to in a period, if any applies to it.
std::optional<Duty> applicable(const std::vector<Duty>& duties, const std::string& key, const PeriodKey& k,
                               const orgs::OrgInfo& org, std::int64_t committee);
// Some version of some duty applies to organisations of this level.
bool has_duties(const std::vector<Duty>& duties, const std::string& level);
// The levels some duty applies to: the organisations the matrix counts.
std::vector<std::string> duty_levels(const std::vector<Duty>& duties);

// A duty whose period ends with a month, with the period's months: the same for every
// organisation, so worked out once a month rather than once an organisation.
struct Ending final {
  Duty duty;
  std::vector<std::string> months;
};
// Per month of `year` (index 0 is January), the duties ending with it.
using YearEndings = std::vector<std::vector<Ending>>;
YearEndings endings_of(const std::vector<Duty>& duties, int year);

// Every duty whose period ends with the month was met (the current month as it stands).
bool compliant_in(const std::vector<Ending>& ending, const Held& h, const orgs::OrgInfo& org, std::int64_t committee);
// The months of the year (bit m-1 for month m) in which the organisation was compliant.
std::uint32_t compliant_months(const YearEndings& year, const Held& h, const orgs::OrgInfo& org,
                               std::int64_t committee);

// Committee sizes by organisation id, from a query taking a path range [from, to).
std::map<std::int64_t, std::int64_t> committees(store::Conn& c, const char* query, const std::string& from,
                                                const std::string& to);

// "2026-01" … "2027-01": the tally's months of a year are [first, second).
std::pair<std::string, std::string> year_months(int year);

}  // namespace detail
}  // namespace jiceng::org_life
