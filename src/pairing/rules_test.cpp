#include "pairing/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::pairing {
namespace {

TEST(PairingRules, OneOneTakesOneMemberAndOneHousehold) {
  EXPECT_FALSE(party_problem("one_one", "helper", "member", 0));
  EXPECT_TRUE(party_problem("one_one", "helper", "member", 1));  // a second member makes it N+1
  EXPECT_FALSE(party_problem("one_one", "helped", "household", 0));
  EXPECT_TRUE(party_problem("one_one", "helped", "household", 1));
  EXPECT_TRUE(party_problem("one_one", "helper", "unit", 0));
}

TEST(PairingRules, NOneTakesManyMembersForOneHousehold) {
  EXPECT_FALSE(party_problem("n_one", "helper", "member", 7));
  EXPECT_TRUE(party_problem("n_one", "helped", "household", 1));
}

TEST(PairingRules, OneNIsACommunityWithManyUnits) {
  EXPECT_FALSE(party_problem("one_n", "helper", "area", 0));
  EXPECT_TRUE(party_problem("one_n", "helper", "area", 1));
  EXPECT_FALSE(party_problem("one_n", "helped", "unit", 30));
  EXPECT_TRUE(party_problem("one_n", "helped", "household", 0));
}

TEST(PairingRules, EnterpriseVillageIsOneToOne) {
  EXPECT_FALSE(party_problem("enterprise_village", "helper", "unit", 0));
  EXPECT_FALSE(party_problem("enterprise_village", "helped", "area", 0));
  EXPECT_TRUE(party_problem("enterprise_village", "helped", "area", 1));
}

TEST(PairingRules, UnknownKindsAndSidesAreRefused) {
  EXPECT_TRUE(party_problem("two_two", "helper", "member", 0));
  EXPECT_TRUE(party_problem("one_one", "both", "member", 0));
  EXPECT_FALSE(is_kind("two_two"));
  EXPECT_TRUE(is_kind("n_one"));
}

}  // namespace
}  // namespace jiceng::pairing
