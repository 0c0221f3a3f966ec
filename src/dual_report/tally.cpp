#include "dual_report/tally.hpp"

#include "auth/principal.hpp"
#include "dual_report/queries.hpp"

namespace jiceng::dual_report {
namespace {
// Members whose unit is not known are summed under unit 0 (the key cannot be NULL).
constexpr std::int64_t kNoUnit = 0;
}  // namespace

void count_report(store::Conn& c, const std::string& area_path, std::optional<std::int64_t> unit,
                  const std::string& month, bool ended) {
  // Counted at every area a notice may be asked for.
  for (const auto& area : core::path_and_ancestors(area_path)) {
    c.execute(ended ? sql::kCountEnded : sql::kCountReported, {area, unit.value_or(kNoUnit), month});
  }
}

void count_participation(store::Conn& c, std::int64_t member, const std::string& month,
                         std::optional<std::int64_t> unit, const std::string& area_path, double hours) {
  const bool first_this_month = !c.one(sql::kMemberMonth, {member, month});
  c.execute(sql::kCountMemberMonth, {member, month, store::opt(unit), area_path, hours});
  // Counted at every area a notice may be asked for.
  for (const auto& area : core::path_and_ancestors(area_path)) {
    c.execute(sql::kCountUnitMonth,
              {area, unit.value_or(kNoUnit), month, std::int64_t{first_this_month ? 1 : 0}, hours});
  }
}

}  // namespace jiceng::dual_report
