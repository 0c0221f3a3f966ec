#include "orgs/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::orgs {
namespace {

TEST(AreaTree, FollowsTheAdministrativeLevels) {
  EXPECT_TRUE(area_child_allowed("county", "street"));
  EXPECT_TRUE(area_child_allowed("town", "village"));
  EXPECT_TRUE(area_child_allowed("community", "grid"));
  EXPECT_TRUE(area_child_allowed("grid", "building"));
  EXPECT_FALSE(area_child_allowed("county", "grid"));
  EXPECT_FALSE(area_child_allowed("grid", "street"));
  EXPECT_FALSE(area_child_allowed("street", "planet"));
}

TEST(AreaTree, AProvinceHoldsCitiesAndCitiesHoldCounties) {
  EXPECT_TRUE(area_child_allowed("province", "city"));
  EXPECT_TRUE(area_child_allowed("city", "county"));
  EXPECT_FALSE(area_child_allowed("province", "street"));
  EXPECT_FALSE(area_child_allowed("county", "city"));
}

TEST(OrgTree, BranchesHoldGroupsOnly) {
  EXPECT_TRUE(org_child_allowed("committee", "branch"));
  EXPECT_TRUE(org_child_allowed("general_branch", "branch"));
  EXPECT_TRUE(org_child_allowed("branch", "group"));
  EXPECT_FALSE(org_child_allowed("branch", "committee"));
  EXPECT_FALSE(org_child_allowed("group", "group"));
}

TEST(Geometry, AcceptsAClosedPolygonAndExplainsBadOnes) {
  EXPECT_EQ(geometry_problem(R"({"type":"Polygon","coordinates":[[[99,39],[99.1,39],[99.1,39.1],[99,39]]]})"),
            std::nullopt);
  EXPECT_TRUE(geometry_problem(R"({"type":"Polygon","coordinates":[[[99,39],[99.1,39],[99.1,39.1],[99,39.2]]]})"));
  EXPECT_TRUE(geometry_problem(R"({"type":"Point","coordinates":[99,39]})"));
  EXPECT_TRUE(geometry_problem(R"({"type":"Polygon","coordinates":[[[999,39],[99.1,39],[99.1,39.1],[999,39]]]})"));
  EXPECT_TRUE(geometry_problem("not json"));
}

TEST(CreditCode, ChecksTheDigit) {
  EXPECT_EQ(credit_code_problem("91350100M000100Y43"), std::nullopt);
  EXPECT_TRUE(credit_code_problem("91350100M000100Y44"));
  EXPECT_TRUE(credit_code_problem("123"));
}

}  // namespace
}  // namespace jiceng::orgs
