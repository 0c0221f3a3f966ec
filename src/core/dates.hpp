#pragma once
// Days, months and dates in local time: China Standard Time (UTC+8, no daylight saving). The one
// home of the calendar arithmetic every module shares; working days and holidays stay in appeals.
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace jiceng::core {

constexpr std::int64_t kUtcOffsetSeconds = 8 * 3600;
constexpr std::int64_t kDaySeconds = 24 * 3600;

// Days since 1970-01-01 in local time, and back.
std::int64_t local_day(std::int64_t unix_seconds);
std::int64_t day_start(std::int64_t day);  // unix seconds at local midnight
// "2026-10-01" ↔ day number; kBadDay for a malformed or impossible date (days before 1970 are negative).
constexpr std::int64_t kBadDay = INT64_MIN;
std::int64_t parse_day(std::string_view ymd);
std::string format_day(std::int64_t day);

// A day's year, month and day, and the day of a year, month and day (kBadDay when there is no such
// day, as 29 February in most years).
struct Ymd final {
  int y = 0, m = 0, d = 0;
};
Ymd ymd_of(std::int64_t day);
std::int64_t day_from(int y, int m, int d);
// The same day `months` later (or earlier); a day the month lacks becomes its last (31 Jan + 1 → 28 Feb).
std::int64_t add_months(std::int64_t day, std::int64_t months);

// "2026-11-23" for a moment: today's date, when given now.
std::string day_of(std::int64_t unix_seconds);
// "2026-11" for a moment.
std::string month_of(std::int64_t unix_seconds);
bool is_month(const std::string& s);  // "YYYY-MM", a real month
// Unix seconds at the start of a month ("2026-11") and of the next one.
std::pair<std::int64_t, std::int64_t> month_range(const std::string& month);

// YYYY-MM-DD, a real calendar day of a year from 1900 to 2100: what a register's date field accepts.
bool is_valid_date(std::string_view ymd);

}  // namespace jiceng::core
