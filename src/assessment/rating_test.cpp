// A branch's star rating read as it goes up the line: the branch rates itself, the street reviews,
// the county confirms; each change of stars says why, and a level may send the rating back.
#include "assessment/rating.hpp"

#include <gtest/gtest.h>

namespace jiceng::assessment {
namespace {

RatingStep step(RatingAction a, int stars, std::string reason = {}) { return RatingStep{a, stars, std::move(reason)}; }

Rating scored(double whole) {
  Rating r;
  r.points = static_cast<Tenths>(whole * kTenthsPerPoint + 0.5);
  return r;
}

TEST(StarRating, GoesFromTheBranchThroughTheStreetToTheCounty) {
  const StarLines lines;
  auto r = scored(86);
  ASSERT_FALSE(rating_refusal(r, step(RatingAction::self_rate, 4), lines));
  r = apply(r, step(RatingAction::self_rate, 4));
  EXPECT_EQ(r.stage, RatingStage::self_rated);
  ASSERT_FALSE(rating_refusal(r, step(RatingAction::review, 4), lines)) << "agreeing needs no reason";
  r = apply(r, step(RatingAction::review, 4));
  ASSERT_FALSE(rating_refusal(r, step(RatingAction::confirm, 4), lines));
  r = apply(r, step(RatingAction::confirm, 4));
  EXPECT_EQ(r.stage, RatingStage::confirmed);
  EXPECT_EQ(current_stars(r), 4);
  EXPECT_EQ(rating_refusal(r, step(RatingAction::self_rate, 4), lines), "当前为“县委组织部已确认”，不能自评");
}

TEST(StarRating, ABranchMayNotClaimMoreStarsThanItsPointsReach) {
  const auto r = scored(86);
  EXPECT_EQ(rating_refusal(r, step(RatingAction::self_rate, 5), StarLines{}), "自评五星级高于考核得分86分对应的四星级");
  EXPECT_FALSE(rating_refusal(r, step(RatingAction::self_rate, 3), StarLines{})) << "modesty is allowed";
  EXPECT_EQ(rating_refusal(r, step(RatingAction::self_rate, 0), StarLines{}), "星级应为一星级至五星级");
}

TEST(StarRating, TheStreetAndTheCountyChangeTheStarsOnlyWithAReason) {
  const StarLines lines;
  auto r = apply(scored(86), step(RatingAction::self_rate, 4));
  EXPECT_EQ(rating_refusal(r, step(RatingAction::review, 3), lines), "街道（乡镇）将四星级调整为三星级，应说明理由");
  r = apply(r, step(RatingAction::review, 3, "党员活动室未达标"));
  EXPECT_EQ(current_stars(r), 3);
  EXPECT_EQ(rating_refusal(r, step(RatingAction::confirm, 4), lines), "县委组织部将三星级调整为四星级，应说明理由");
  EXPECT_FALSE(rating_refusal(r, step(RatingAction::confirm, 4, "复核已整改"), lines));
  EXPECT_EQ(rating_refusal(scored(86), step(RatingAction::confirm, 4), lines), "当前为“待自评”，不能确认");
}

TEST(StarRating, ARatingSentBackIsRatedAgainFromTheBranch) {
  const StarLines lines;
  auto r = apply(scored(72), step(RatingAction::self_rate, 3));
  EXPECT_EQ(rating_refusal(r, step(RatingAction::send_back, 0), lines), "退回应说明理由");
  r = apply(r, step(RatingAction::send_back, 0, "佐证材料不全"));
  EXPECT_EQ(r.stage, RatingStage::returned);
  EXPECT_EQ(r.returned_because, "佐证材料不全");
  EXPECT_TRUE(rating_refusal(r, step(RatingAction::review, 3), lines)) << "nothing to review until rated again";
  r = apply(r, step(RatingAction::self_rate, 3));
  EXPECT_EQ(r.stage, RatingStage::self_rated);
  EXPECT_TRUE(r.returned_because.empty());
  EXPECT_EQ(parse_rating_stage(rating_stage_name(RatingStage::reviewed)), RatingStage::reviewed);
  EXPECT_EQ(parse_rating_action("send_back"), RatingAction::send_back);
}

}  // namespace
}  // namespace jiceng::assessment
