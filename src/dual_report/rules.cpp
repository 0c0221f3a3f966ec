#include "dual_report/rules.hpp"

#include <algorithm>
#include <cmath>

namespace jiceng::dual_report {
namespace {
constexpr double kHalfHour = 1800.0;
constexpr std::int64_t kMonthSeconds = 30 * 24 * 3600;
}  // namespace

bool may_check_in(std::int64_t now, std::int64_t starts_at, std::int64_t ends_at) {
  return now >= starts_at - kEarlyCheckInSeconds && now < ends_at;
}

double service_hours(std::int64_t checked_in_at, std::int64_t starts_at, std::int64_t ends_at, double max_hours) {
  if (ends_at <= starts_at || !may_check_in(checked_in_at, starts_at, ends_at)) return 0.0;
  const double halves = std::floor(static_cast<double>(ends_at - starts_at) / kHalfHour);
  return std::min(halves / 2.0, max_hours);
}

std::int64_t inactive_before(std::int64_t now, int months) {
  return now - static_cast<std::int64_t>(months) * kMonthSeconds;
}

bool inactive(std::int64_t last_participation, std::int64_t now, int months) {
  return last_participation <= 0 || last_participation <= inactive_before(now, months);
}

}  // namespace jiceng::dual_report
