#pragma once
// The rollup the county's and the province's matrix read: each organisation's standing (the months
// of a year it was compliant in), and per area and month how many organisations at or under the
// area were compliant, one row for the area itself and one for every area above it. Both move in
// the transaction that changes a standing (a meeting held, a committee registered), so the matrix
// for any subtree is a few rows whatever its size.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "orgs/service.hpp"
#include "store/db.hpp"

namespace jiceng::org_life::detail {

// Changes to the area rollup, summed before they are written: one statement per area and month
// however many organisations below it moved.
class RollupDelta final {
 public:
  // `sign` for each month of `year` set in `months`, at the area and every area above it.
  void add(const std::string& area_path, int year, std::uint32_t months, std::int64_t sign);
  // `n` for `month` at every area strictly above `area_path`.
  void add_above(const std::string& area_path, const std::string& month, std::int64_t n);
  void flush(store::Conn& c);

 private:
  std::map<std::pair<std::string, std::string>, std::int64_t> by_area_month_;
};

// An organisation's standing in a year as last recorded.
struct Standing final {
  std::uint32_t months = 0;  // bit m-1: compliant in month m
  std::string area_path;
};
// By (organisation id, year): the standings recorded for organisation paths in [from, to), from
// `from_year` on.
using Standings = std::map<std::pair<std::int64_t, int>, Standing>;
Standings standings_in(store::Conn& c, const std::string& from, const std::string& to, int from_year);

// Records the organisation's standing in `year` as `months` (nullopt: it owes no duties, so it
// has none), moving the rollup by the difference from what was recorded (`was`).
void settle(store::Conn& c, RollupDelta& delta, const orgs::OrgInfo& org, int year, std::optional<std::uint32_t> months,
            const std::optional<Standing>& was);

// In the caller's write: the organisation's standing in `year` worked out again from its tally, its
// committee and the duties, and the rollup moved by the difference.
void restand(store::Conn& c, const orgs::OrgInfo& org, int year);
// The years the organisation has a standing in.
std::vector<int> standing_years(store::Conn& c, std::int64_t org_id);

// Following orgs' trees (hooks.cpp), before the paths themselves are rebased: a moved area's
// totals leave the areas above its old place and join those above its new one; an organisation
// moved to another area takes its standing with it.
void rollup_area_moved(store::Conn& c, const std::string& old_prefix, const std::string& new_prefix);
void rollup_org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path);

}  // namespace jiceng::org_life::detail
