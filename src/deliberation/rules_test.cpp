#include "deliberation/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::deliberation {
namespace {

TEST(Deliberation, FollowsProposeDiscussDecideEvaluate) {
  EXPECT_TRUE(may_advance(Stage::proposed, Stage::discussing));
  EXPECT_TRUE(may_advance(Stage::discussing, Stage::voting));
  EXPECT_FALSE(may_advance(Stage::proposed, Stage::voting));  // discussion comes first
  EXPECT_TRUE(may_advance(Stage::decided, Stage::carrying_out));
  EXPECT_FALSE(may_advance(Stage::rejected, Stage::carrying_out));
  EXPECT_FALSE(may_advance(Stage::evaluated, Stage::proposed));
  EXPECT_EQ(stage_label(*parse_stage("discussing")), "民议");
}

TEST(Votes, NeedQuorumAndAMajorityOfBallots) {
  const VoteRule rule{0.5, 0.5};
  // 100 households, 60 vote, 40 yes: quorum reached, 2/3 yes → passes.
  auto r = decide({100, 40, 15, 5}, rule);
  EXPECT_TRUE(r.quorum_reached);
  EXPECT_TRUE(r.passed);
  EXPECT_DOUBLE_EQ(r.turnout, 0.6);
  // Everyone who voted said yes, but too few voted.
  r = decide({100, 30, 0, 0}, rule);
  EXPECT_FALSE(r.quorum_reached);
  EXPECT_FALSE(r.passed);
  // Exactly half yes is not a majority.
  EXPECT_FALSE(decide({10, 5, 5, 0}, rule).passed);
  // A two-thirds rule.
  EXPECT_FALSE(decide({9, 6, 3, 0}, VoteRule{0.5, 2.0 / 3.0}).passed);
  EXPECT_TRUE(decide({9, 7, 2, 0}, VoteRule{0.5, 2.0 / 3.0}).passed);
  EXPECT_FALSE(decide({0, 0, 0, 0}, rule).quorum_reached);
}

TEST(Votes, AreSealedUntilClose) {
  EXPECT_FALSE(may_show_result(999, 1000));
  EXPECT_TRUE(may_show_result(1000, 1000));
  EXPECT_TRUE(voting_open(500, 100, 1000));
  EXPECT_FALSE(voting_open(1000, 100, 1000));
  EXPECT_FALSE(voting_open(50, 100, 1000));
}

}  // namespace
}  // namespace jiceng::deliberation
