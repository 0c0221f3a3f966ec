#include "core/rate_limit.hpp"

#include <gtest/gtest.h>

namespace jiceng {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenAsksToWait) {
  RateLimiter r(6, 3);  // one token back every 10 s
  const auto t = RateLimiter::Clock::now();
  EXPECT_FALSE(r.take("a", t));
  EXPECT_FALSE(r.take("a", t));
  EXPECT_FALSE(r.take("a", t));
  EXPECT_EQ(r.take("a", t).value_or(0), 10);
  EXPECT_FALSE(r.take("b", t)) << "keys are separate";
  EXPECT_EQ(r.take("a", t + 5s).value_or(0), 5);
  EXPECT_FALSE(r.take("a", t + 10s));
  EXPECT_TRUE(r.take("a", t + 10s));
}

TEST(RateLimiter, RefillsNoFurtherThanTheBurst) {
  RateLimiter r(60, 2);
  const auto t = RateLimiter::Clock::now();
  EXPECT_FALSE(r.take("a", t));
  EXPECT_FALSE(r.take("a", t + 1h));
  EXPECT_FALSE(r.take("a", t + 1h));
  EXPECT_TRUE(r.take("a", t + 1h));
}

TEST(RateLimiter, ZeroIsOff) {
  RateLimiter r(0, 1);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(r.take("a"));
}

TEST(RateLimiter, StaysBoundedUnderAFloodOfKeys) {
  RateLimiter r(1, 1, 100);
  const auto t = RateLimiter::Clock::now();
  for (int i = 0; i < 10000; ++i) r.take(std::to_string(i), t);
  // Still answers, and a drained key may be forgotten (let in early) but never wrongly refused.
  EXPECT_FALSE(r.take("fresh", t));
}

}  // namespace
}  // namespace jiceng
