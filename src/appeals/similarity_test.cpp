#include "appeals/similarity.hpp"
#include "core/geo.hpp"

#include <gtest/gtest.h>

namespace jiceng::appeals {
namespace {

TEST(Similarity, SameComplaintInOtherWordsScoresHigherThanAnotherComplaint) {
  const double same = trigram_similarity("3号楼楼道里堆满了杂物，影响通行", "3号楼楼道堆满杂物，影响通行！");
  const double other = trigram_similarity("3号楼楼道里堆满了杂物，影响通行", "小区路灯不亮，晚上看不见路");
  EXPECT_GT(same, 0.4);
  EXPECT_LT(other, 0.05);
  EXPECT_DOUBLE_EQ(trigram_similarity("一样的文字内容", "一样的文字内容"), 1.0);
  EXPECT_DOUBLE_EQ(trigram_similarity("", "任何"), 0.0);
  EXPECT_DOUBLE_EQ(trigram_similarity("Water LEAK", "water leak"), 1.0);
}

TEST(Distance, KnowsAKilometre) {
  // 0.009° of latitude is about a kilometre anywhere.
  EXPECT_NEAR(geo::distance_m(99.5, 39.2, 99.5, 39.209), 1000.0, 5.0);
  EXPECT_NEAR(geo::distance_m(99.5, 39.2, 99.5, 39.2), 0.0, 1e-9);
}

}  // namespace
}  // namespace jiceng::appeals
