#include "appeals/calendar.hpp"

namespace jiceng::appeals {
namespace {

constexpr int kMaxSearchDays = 3660;  // a limit never needs more than ten years of days

}  // namespace

bool Calendar::is_workday(std::int64_t day) const {
  if (workdays_.count(day)) return true;
  if (holidays_.count(day)) return false;
  const auto weekday = ((day % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

std::int64_t Calendar::add_working_days(std::int64_t from, int n) const {
  std::int64_t day = core::local_day(from);
  for (int counted = 0, guard = 0; counted < n && guard < kMaxSearchDays; ++guard) {
    ++day;
    if (is_workday(day)) ++counted;
  }
  return core::day_start(day + 1) - 1;
}

}  // namespace jiceng::appeals
