#pragma once
// Working days for time limits: Monday to Friday, less public holidays, plus the weekend days
// the State Council moves work to (调休). Days are China Standard Time (UTC+8, no DST).
#include <climits>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace jiceng::appeals {

constexpr std::int64_t kUtcOffsetSeconds = 8 * 3600;
constexpr std::int64_t kDaySeconds = 24 * 3600;

// Days since 1970-01-01 in local time, and back.
std::int64_t local_day(std::int64_t unix_seconds);
std::int64_t day_start(std::int64_t day);  // unix seconds at local midnight
// "2026-10-01" ↔ day number; kBadDay for a malformed or impossible date (days before 1970 are negative).
constexpr std::int64_t kBadDay = INT64_MIN;
std::int64_t parse_day(std::string_view ymd);
std::string format_day(std::int64_t day);

class Calendar final {
 public:
  void add_holiday(std::int64_t day) { holidays_.insert(day); }
  void add_workday(std::int64_t day) { workdays_.insert(day); }
  bool is_workday(std::int64_t day) const;
  // The end (23:59:59 local) of the n-th working day after the local day of `from`.
  std::int64_t add_working_days(std::int64_t from, int n) const;

 private:
  std::set<std::int64_t> holidays_;
  std::set<std::int64_t> workdays_;
};

}  // namespace jiceng::appeals
