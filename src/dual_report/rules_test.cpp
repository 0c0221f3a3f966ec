#include "dual_report/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::dual_report {
namespace {

constexpr std::int64_t kStart = 1'000'000;
constexpr std::int64_t kEnd = kStart + 3 * 3600 + 20 * 60;  // 3 h 20 min

TEST(CheckIn, OpensHalfAnHourEarlyAndClosesAtTheEnd) {
  EXPECT_FALSE(may_check_in(kStart - 31 * 60, kStart, kEnd));
  EXPECT_TRUE(may_check_in(kStart - 30 * 60, kStart, kEnd));
  EXPECT_TRUE(may_check_in(kEnd - 1, kStart, kEnd));
  EXPECT_FALSE(may_check_in(kEnd, kStart, kEnd));
}

TEST(Hours, CountTheActivityInHalfHoursCapped) {
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart, kEnd, 8), 3.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart + 3600, kStart, kEnd, 8), 3.0);  // late arrivals are not docked
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart, kEnd, 2), 2.0);
  EXPECT_DOUBLE_EQ(service_hours(kEnd + 10, kStart, kEnd, 8), 0.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart, kEnd, kStart, 8), 0.0);  // nonsense window
}

TEST(Inactive, ListsMembersSilentForTheSetMonths) {
  const std::int64_t now = 100 * 24 * 3600;
  EXPECT_TRUE(inactive(0, now, 3));  // never took part
  EXPECT_TRUE(inactive(now - 91 * 24 * 3600, now, 3));
  EXPECT_FALSE(inactive(now - 60 * 24 * 3600, now, 3));
}

}  // namespace
}  // namespace jiceng::dual_report
