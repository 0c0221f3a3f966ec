#include "dual_report/tally.hpp"

#include "auth/principal.hpp"

namespace jiceng::dual_report {
namespace {
// Members whose unit is not known are summed under unit 0 (the key cannot be NULL).
constexpr std::int64_t kNoUnit = 0;
}  // namespace

void count_report(store::Conn& c, const std::string& area_path, std::optional<std::int64_t> unit,
                  const std::string& month, bool ended) {
  // Counted at every area a notice may be asked for.
  for (const auto& area : auth::path_and_ancestors(area_path)) {
    c.execute(ended ? "INSERT INTO dual_report_unit_month (area_path, unit_id, month, ended_in) VALUES (?, ?, ?, 1) "
                      "ON CONFLICT (area_path, unit_id, month) DO UPDATE SET "
                      "ended_in = dual_report_unit_month.ended_in + 1"
                    : "INSERT INTO dual_report_unit_month (area_path, unit_id, month, reported_in) VALUES (?, ?, ?, 1) "
                      "ON CONFLICT (area_path, unit_id, month) DO UPDATE SET "
                      "reported_in = dual_report_unit_month.reported_in + 1",
              {area, unit.value_or(kNoUnit), month});
  }
}

void count_participation(store::Conn& c, std::int64_t member, const std::string& month,
                         std::optional<std::int64_t> unit, const std::string& area_path, double hours) {
  const bool first_this_month =
      !c.one("SELECT 1 FROM dual_report_month WHERE member_id = ? AND month = ?", {member, month});
  c.execute(
      "INSERT INTO dual_report_month (member_id, month, unit_id, area_path, activities, hours) "
      "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (member_id, month) DO UPDATE SET "
      "activities = dual_report_month.activities + 1, hours = dual_report_month.hours + excluded.hours",
      {member, month, store::opt(unit), area_path, hours});
  // Counted at every area a notice may be asked for.
  for (const auto& area : auth::path_and_ancestors(area_path)) {
    c.execute(
        "INSERT INTO dual_report_unit_month (area_path, unit_id, month, active, activities, hours) "
        "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (area_path, unit_id, month) DO UPDATE SET "
        "active = dual_report_unit_month.active + excluded.active, "
        "activities = dual_report_unit_month.activities + 1, hours = dual_report_unit_month.hours + excluded.hours",
        {area, unit.value_or(kNoUnit), month, std::int64_t{first_this_month ? 1 : 0}, hours});
  }
}

}  // namespace jiceng::dual_report
