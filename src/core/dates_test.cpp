#include "core/dates.hpp"

#include <gtest/gtest.h>

namespace jiceng::core {
namespace {

// 2026-11-20 16:00 UTC is midnight of the 21st in Beijing.
constexpr std::int64_t kBeijingMidnight = 1795190400;

TEST(Dates, LocalDayTurnsAtBeijingMidnight) {
  EXPECT_EQ(format_day(local_day(kBeijingMidnight - 1)), "2026-11-20");
  EXPECT_EQ(format_day(local_day(kBeijingMidnight)), "2026-11-21");
  EXPECT_EQ(day_start(parse_day("2026-11-21")), kBeijingMidnight);
  // A moment before the local epoch rounds down, not toward zero.
  EXPECT_EQ(local_day(-kUtcOffsetSeconds - 1), -1);
}

TEST(Dates, ParsesOnlyRealDays) {
  EXPECT_EQ(parse_day("1970-01-01"), 0);
  EXPECT_EQ(parse_day("1969-12-31"), -1);
  EXPECT_EQ(parse_day("2024-02-29"), parse_day("2024-02-28") + 1);
  EXPECT_EQ(parse_day("2023-02-29"), kBadDay);
  EXPECT_EQ(parse_day("2026-13-01"), kBadDay);
  EXPECT_EQ(parse_day("2026/11/20"), kBadDay);
  EXPECT_EQ(parse_day("2026-1-20"), kBadDay);
}

TEST(Dates, DayAndMonthOfAMomentAreLocal) {
  EXPECT_EQ(day_of(kBeijingMidnight), "2026-11-21");
  EXPECT_EQ(day_of(kBeijingMidnight - 1), "2026-11-20");
  EXPECT_EQ(month_of(day_start(parse_day("2026-12-01"))), "2026-12");
  EXPECT_EQ(month_of(day_start(parse_day("2026-12-01")) - 1), "2026-11");
}

TEST(Dates, MonthsAndTheirRanges) {
  EXPECT_TRUE(is_month("2026-11"));
  EXPECT_FALSE(is_month("2026-13"));
  EXPECT_FALSE(is_month("2026-1"));
  const auto [from, to] = month_range("2026-12");
  EXPECT_EQ(from, day_start(parse_day("2026-12-01")));
  EXPECT_EQ(to, day_start(parse_day("2027-01-01")));  // December runs into the next year
}

TEST(Dates, ValidDatesAreRealDaysOfPlausibleYears) {
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2023-02-29"));
  EXPECT_FALSE(is_valid_date("2023-13-01"));
  EXPECT_FALSE(is_valid_date("2023/01/01"));
  EXPECT_TRUE(is_valid_date("1900-01-01"));
  EXPECT_FALSE(is_valid_date("1899-12-31"));
  EXPECT_FALSE(is_valid_date("2101-01-01"));
}

TEST(Dates, AddingMonthsKeepsTheDayOrTakesTheMonthsLast) {
  EXPECT_EQ(format_day(add_months(parse_day("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(format_day(add_months(parse_day("2024-02-29"), 12)), "2025-02-28");
  EXPECT_EQ(format_day(add_months(parse_day("2021-12-06"), 60)), "2026-12-06");
  EXPECT_EQ(format_day(add_months(parse_day("2027-01-15"), -1)), "2026-12-15");
  EXPECT_EQ(format_day(add_months(parse_day("2026-03-31"), -13)), "2025-02-28");
}

}  // namespace
}  // namespace jiceng::core
