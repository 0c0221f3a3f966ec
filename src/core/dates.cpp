#include "core/dates.hpp"

#include <cstdio>

namespace jiceng::core {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;
constexpr std::int64_t kMonthsPerYear = 12;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Howard Hinnant's days_from_civil and civil_from_days.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::int64_t local_day(std::int64_t t) { return floor_div(t + kUtcOffsetSeconds, kDaySeconds); }
std::int64_t day_start(std::int64_t day) { return day * kDaySeconds - kUtcOffsetSeconds; }

std::int64_t parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return kBadDay;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = 0; k < lens[i]; ++k) {
      const char c = s[starts[i] + k];
      if (c < '0' || c > '9') return kBadDay;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1) return kBadDay;
  const auto day = days_from_civil(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
  return format_day(day) == s ? day : kBadDay;  // rejects 2026-02-30
}

std::string format_day(std::int64_t day) {
  std::int64_t y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

Ymd ymd_of(std::int64_t day) {
  std::int64_t y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::int64_t day_from(int y, int m, int d) {
  // Through the text form, so that parse_day's checks (month 1-12, the month's own length) apply.
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return parse_day(buf);
}

std::int64_t add_months(std::int64_t day, std::int64_t months) {
  const auto x = ymd_of(day);
  const auto total = x.y * kMonthsPerYear + (x.m - 1) + months;
  const auto y = static_cast<int>(floor_div(total, kMonthsPerYear));
  const auto m = static_cast<int>(total - floor_div(total, kMonthsPerYear) * kMonthsPerYear) + 1;
  for (int d = x.d; d >= 28; --d) {
    if (const auto out = day_from(y, m, d); out != kBadDay) return out;
  }
  return day_from(y, m, x.d);
}

std::string day_of(std::int64_t unix_seconds) { return format_day(local_day(unix_seconds)); }

std::string month_of(std::int64_t unix_seconds) { return day_of(unix_seconds).substr(0, 7); }

bool is_month(const std::string& s) { return s.size() == 7 && parse_day(s + "-01") != kBadDay; }

std::pair<std::int64_t, std::int64_t> month_range(const std::string& month) {
  const auto first = parse_day(month + "-01");
  int y = std::stoi(month.substr(0, 4));
  int m = std::stoi(month.substr(5, 2)) + 1;
  if (m == 13) {
    m = 1;
    ++y;
  }
  char next[32];
  std::snprintf(next, sizeof next, "%04d-%02d-01", y, m);
  return {day_start(first), day_start(parse_day(next))};
}

bool is_valid_date(std::string_view ymd) {
  if (parse_day(ymd) == kBadDay) return false;
  const int year = std::stoi(std::string(ymd.substr(0, 4)));
  return year >= kMinYear && year <= kMaxYear;
}

}  // namespace jiceng::core
