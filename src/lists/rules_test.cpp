#include "lists/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::lists {
namespace {

TEST(Orders, ClaimOrDispatchThenTheLoopToConfirmation) {
  auto s = *next_order_status(OrderStatus::published, OrderAction::claim);
  EXPECT_EQ(s, OrderStatus::claimed);
  EXPECT_FALSE(next_order_status(s, OrderAction::claim));  // claimed once
  s = *next_order_status(s, OrderAction::accept);
  s = *next_order_status(s, OrderAction::start);
  s = *next_order_status(s, OrderAction::complete);
  EXPECT_FALSE(next_order_status(s, OrderAction::cancel));  // done work is not cancelled
  EXPECT_EQ(next_order_status(s, OrderAction::confirm), OrderStatus::confirmed);
  EXPECT_EQ(next_order_status(OrderStatus::published, OrderAction::dispatch), OrderStatus::dispatched);
  EXPECT_EQ(next_order_status(OrderStatus::dispatched, OrderAction::accept), OrderStatus::accepted);
  EXPECT_FALSE(next_order_status(OrderStatus::published, OrderAction::complete));
  EXPECT_EQ(order_status_name(*parse_order_status("in_progress")), "in_progress");
}

TEST(Suggestions, RankTypeThenNearnessThenRatingThenLoad) {
  const NeedFacts need{"volunteers", "/1/2/7/9/", 99.5301, 39.2301};
  ResourceFacts best{"volunteers", {"/1/2/7/9/"}, 99.5302, 39.2302, 4.8, 12, 0, 3};
  ResourceFacts far_kind{"goods", {}, 99.60, 39.30, 5.0, 3, 0, 1};
  ResourceFacts busy{"volunteers", {"/1/2/"}, 99.5302, 39.2302, 4.0, 2, 2, 2};
  const auto a = suggest(need, best);
  const auto b = suggest(need, far_kind);
  const auto c = suggest(need, busy);
  EXPECT_TRUE(a.eligible);
  EXPECT_GT(a.score, b.score);
  EXPECT_FALSE(c.eligible);  // no room left
  EXPECT_NE(std::find(a.reasons.begin(), a.reasons.end(), "同一网格"), a.reasons.end());
  EXPECT_NE(std::find(a.reasons.begin(), a.reasons.end(), "类型相符"), a.reasons.end());
  ResourceFacts elsewhere{"volunteers", {"/1/3/"}, std::nullopt, std::nullopt, 0, 0, 0, 1};
  const auto d = suggest(need, elsewhere);
  EXPECT_FALSE(d.eligible);
  EXPECT_NE(std::find(d.reasons.begin(), d.reasons.end(), "不在服务范围内"), d.reasons.end());
  EXPECT_LE(a.score, 100.0);
}

}  // namespace
}  // namespace jiceng::lists
