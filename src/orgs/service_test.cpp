// The area tree as the county's staff see it: moving a community takes its grids along and is
// written into the tree's history; a binding reaches its own subtree and no further; a community
// seats its own people on its committee.
#include "orgs/service.hpp"

#include <gtest/gtest.h>

#include "core/dates.hpp"

#include <string>
#include <vector>

#include "testing/test_county.hpp"

namespace jiceng::orgs {
namespace {

using core::Action;
using core::Register;
using core::Role;

class OrgsService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    admin = org_dept();
    street_officer = staff(Role::street_officer, kStreet, "城关街道干部");
    secretary = staff(Role::community_secretary, kCommunity, "幸福社区书记");
    east = area(kCounty, "河东街道", "street");
  }

  // The tree's history of an area, newest first: change, effective date, before, after.
  std::vector<std::vector<std::string>> history(std::int64_t area_id) {
    std::vector<std::vector<std::string>> out;
    db().read([&](store::Conn& c) {
      for (const auto& r :
           c.query("SELECT change, effective_on, before_value, after_value FROM tree_change WHERE tree = 'area' AND "
                   "node_id = ? ORDER BY id DESC",
                   {area_id})) {
        out.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
      }
    });
    return out;
  }
  template <class F>
  auto reading(F&& f) {
    return db().read([&](store::Conn& c) { return f(c); });
  }
  void move(const core::Principal& who, std::int64_t id, std::int64_t parent, const std::string& on = "") {
    move_node(app(), who, Tree::areas, id, parent, on, kIp);
  }

  core::Principal admin, street_officer, secretary;
  std::int64_t east = 0;
};

TEST_F(OrgsService, MovingACommunityUnderAnotherStreetMovesItsGridsAndTheHistoryRecordsTheMove) {
  const auto before = reading([](store::Conn& c) { return *area_by_id(c, kCommunity); });
  move(admin, kCommunity, east, "2026-12-01");

  const auto east_path = reading([&](store::Conn& c) { return area_by_id(c, east)->path; });
  const auto community = reading([](store::Conn& c) { return *area_by_id(c, kCommunity); });
  EXPECT_EQ(community.path, east_path + "3/");
  EXPECT_EQ(community.parent_id, east);
  EXPECT_EQ(community.depth, before.depth);
  const auto grid = reading([](store::Conn& c) { return *area_by_id(c, kGrid); });
  EXPECT_EQ(grid.path, east_path + "3/5/");
  // The grid now sits under the new street, the county above both.
  std::vector<std::string> above;
  for (const auto& a : reading([&](store::Conn& c) { return ancestors(c, grid.path); })) above.push_back(a.name);
  EXPECT_EQ(above, (std::vector<std::string>{"示范县", "河东街道", "幸福社区", "幸福一网格"}));
  // The community it used to share a street with stayed where it was.
  EXPECT_EQ(reading([](store::Conn& c) { return area_by_id(c, kOtherCommunity)->path; }), "/1/2/4/");

  EXPECT_EQ(history(kCommunity),
            (std::vector<std::vector<std::string>>{{"move", "2026-12-01", before.path, community.path}}));
}

TEST_F(OrgsService, AMoveGivenNoDateIsDatedTheDayItIsMade) {
  pass_time(3 * kDay);  // Thursday 2026-11-26
  move(admin, kOtherCommunity, east);
  ASSERT_EQ(history(kOtherCommunity).size(), 1u);
  EXPECT_EQ(history(kOtherCommunity)[0][1], "2026-11-26");
}

TEST_F(OrgsService, AMoveJustAfterMidnightInBeijingIsDatedThatDayNotTheDayBeforeInUtc) {
  set_now(core::day_start(core::parse_day("2026-11-27")) + kHour);  // 01:00 on Friday, 17:00 Thursday in UTC
  move(admin, kOtherCommunity, east);
  ASSERT_EQ(history(kOtherCommunity).size(), 1u);
  EXPECT_EQ(history(kOtherCommunity)[0][1], "2026-11-27");
}

TEST_F(OrgsService, TheOldStreetNoLongerReachesACommunityMovedAway) {
  ASSERT_TRUE(reading([&](store::Conn& c) {
    return area_in_scope(c, street_officer, Register::areas, Action::read, kGrid).has_value();
  }));
  move(admin, kCommunity, east);
  EXPECT_FALSE(reading([&](store::Conn& c) {
    return area_in_scope(c, street_officer, Register::areas, Action::read, kGrid).has_value();
  }));
  EXPECT_TRUE(reading([&](store::Conn& c) {
    return area_in_scope(c, street_officer, Register::areas, Action::read, kOtherCommunity).has_value();
  }));
}

TEST_F(OrgsService, AnAreaCannotMoveUnderItselfOrUnderOneOfItsOwnGrids) {
  const auto under_own_grid = refusal([&] { move(admin, kCommunity, kGrid); });
  EXPECT_EQ(under_own_grid.status, 400);
  EXPECT_EQ(under_own_grid.field, "parent_id");
  EXPECT_EQ(under_own_grid.message, "不能移到自己或自己的下级之下");
  EXPECT_EQ(refusal([&] { move(admin, kCommunity, kCommunity); }).message, "不能移到自己或自己的下级之下");
  EXPECT_EQ(reading([](store::Conn& c) { return area_by_id(c, kGrid)->path; }), "/1/2/3/5/");
  EXPECT_TRUE(history(kCommunity).empty());
}

TEST_F(OrgsService, ACommunityCannotHangStraightUnderTheCounty) {
  const auto r = refusal([&] { move(admin, kOtherCommunity, kCounty); });
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.message, "此节点不能设在所选上级之下");
  EXPECT_EQ(reading([](store::Conn& c) { return area_by_id(c, kOtherCommunity)->path; }), "/1/2/4/");
}

TEST_F(OrgsService, AStreetOfficerMovesNothingOutOfOrIntoAnotherStreet) {
  const auto out = refusal([&] { move(street_officer, kCommunity, east); });
  EXPECT_EQ(out.status, 400);
  EXPECT_EQ(out.field, "parent_id");
  const auto east_grid = area(east, "河东一网格", "grid");
  EXPECT_EQ(refusal([&] { move(street_officer, east_grid, kCommunity); }).status, 404);
  // Within its own street it may.
  const auto other_grid = area(kOtherCommunity, "和平一网格", "grid");
  move(street_officer, other_grid, kCommunity);
  EXPECT_EQ(reading([&](store::Conn& c) { return area_by_id(c, other_grid)->parent_id; }), kCommunity);
}

TEST_F(OrgsService, ASecretaryReachesTheirCommunityAndItsGridButNotTheNextCommunity) {
  const auto reaches = [&](std::int64_t id) {
    return reading(
        [&](store::Conn& c) { return area_in_scope(c, secretary, Register::areas, Action::write, id).has_value(); });
  };
  EXPECT_TRUE(reaches(kCommunity));
  EXPECT_TRUE(reaches(kGrid));
  EXPECT_FALSE(reaches(kOtherCommunity));
  EXPECT_FALSE(reaches(kStreet));
  const auto grids = reading([&](store::Conn& c) {
    return grids_in_scope(c, secretary, Register::areas, Action::read, std::nullopt, std::nullopt);
  });
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].name, "幸福一网格");
}

TEST_F(OrgsService, AnAddressThatNamesACommunityIsPlacedThere) {
  const auto found = reading([](store::Conn& c) { return community_named_in(c, "城关街道幸福社区 5 号楼 2 单元"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kCommunity);
  EXPECT_FALSE(reading([](store::Conn& c) { return community_named_in(c, "人民路 1 号"); }));
  EXPECT_EQ(level(found->path), 3u);
  EXPECT_EQ(level(reading([](store::Conn& c) { return area_by_id(c, kGrid)->path; })), 4u);
}

TEST_F(OrgsService, ACommunitySeatsEachOfItsOwnPeopleOnItsCommitteeOnce) {
  const auto police = person("刘所长", "cadre", kCommunity);
  const auto seat = add_seat(app(), secretary, kCommunity, Seat{police, std::nullopt, "兼职委员"}, kIp);
  EXPECT_GT(seat, 0);
  const auto twice = refusal([&] { add_seat(app(), secretary, kCommunity, Seat{police, std::nullopt, "委员"}, kIp); });
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.field, "person_id");

  const auto neighbour = person("陈老师", "cadre", kOtherCommunity);
  const auto elsewhere = refusal([&] {
    add_seat(app(), secretary, kCommunity, Seat{neighbour, std::nullopt, "委员"}, kIp);
  });
  EXPECT_EQ(elsewhere.status, 400);
  EXPECT_EQ(elsewhere.field, "person_id");
  // Only a community or village has a committee.
  EXPECT_EQ(refusal([&] { add_seat(app(), admin, kStreet, Seat{police, std::nullopt, "委员"}, kIp); }).status, 400);

  // Once the seat is given up, the person may be seated again.
  remove_seat(app(), secretary, kCommunity, seat, kIp);
  EXPECT_EQ(refusal([&] { remove_seat(app(), secretary, kCommunity, seat, kIp); }).status, 404);
  add_seat(app(), secretary, kCommunity, Seat{police, std::nullopt, "兼职委员"}, kIp);
  EXPECT_EQ(refusal([&] {
              add_seat(app(), secretary, kCommunity, Seat{police, std::nullopt, "委员"}, kIp);
            }).status,
            409);
}

}  // namespace
}  // namespace jiceng::orgs
