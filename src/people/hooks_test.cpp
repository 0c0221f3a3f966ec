// The orgs module sits below people and never names it: when an area moves, its members and people
// follow through the hooks the app installs, and orgs' pages read people through them too.
#include "people/hooks.hpp"

#include <gtest/gtest.h>

#include "orgs/hooks.hpp"
#include "orgs/service.hpp"
#include "testing/test_county.hpp"

namespace jiceng::people {
namespace {

class PeopleHooks : public test::County {
 protected:
  std::int64_t person(const std::string& name, const std::string& kind, std::int64_t area_id,
                      const std::string& below = "") {
    return insert(
        "INSERT INTO person (name, kind, area_id, area_path, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0) "
        "RETURNING id",
        {name, kind, area_id, path(area_id) + below});
  }
  std::string person_path(std::int64_t id) { return text("SELECT area_path FROM person WHERE id = ?", {id}); }
  std::string member_path(std::int64_t id, const char* column) {
    return text(std::string("SELECT ") + column + " FROM member WHERE id = ?", {id});
  }
};

TEST_F(PeopleHooks, MovingAnAreaTakesItsPeopleAndMembersAlongAndLeavesTheRest) {
  const auto on_grid = person("张网格", "grid_staff", kGrid);
  const auto in_building = person("李楼长", "resident", kGrid, "99/");
  const auto next_door = person("王居民", "resident", kOtherCommunity);
  const auto member_on_grid = member("赵党员", kCommunityBranch);
  db().write([&](store::Conn& c) {
    c.execute("UPDATE member SET area_path = ? WHERE id = ?", {path(kGrid), member_on_grid});
  });
  core::Principal county;
  county.bindings.push_back({core::Role::org_dept, core::ScopeType::area, kCounty, path(kCounty), ""});

  orgs::move_node(app(), county, orgs::Tree::areas, kGrid, kOtherCommunity, "", "127.0.0.1");

  const auto moved = path(kOtherCommunity) + std::to_string(kGrid) + "/";
  EXPECT_EQ(path(kGrid), moved);
  EXPECT_EQ(person_path(on_grid), moved);
  EXPECT_EQ(person_path(in_building), moved + "99/");
  EXPECT_EQ(person_path(next_door), path(kOtherCommunity));
  EXPECT_EQ(member_path(member_on_grid, "area_path"), moved);
}

TEST_F(PeopleHooks, MembersFollowTheirOrganisationsPathAndArea) {
  const auto li = member("李梅", kCommunityBranch);
  const auto branch_path = org_path(kCommunityBranch);
  db().write([&](store::Conn& c) {
    orgs::hooks::org_paths_moved(c, {branch_path, "/9/" + std::to_string(kCommunityBranch) + "/"});
    orgs::hooks::org_area_changed(c, kCommunityBranch, path(kCommunity));
  });
  EXPECT_EQ(member_path(li, "org_path"), "/9/" + std::to_string(kCommunityBranch) + "/");
  EXPECT_EQ(member_path(li, "area_path"), path(kCommunity));
}

TEST_F(PeopleHooks, OrgsReadsPeopleByIdAndCountsGridStaffUnderEachGrid) {
  const auto chief = person("张网格", "grid_staff", kGrid);
  person("李协管", "grid_staff", kGrid, "7/");
  person("王居民", "resident", kGrid);
  person("赵网格", "grid_staff", kOtherCommunity);
  db().read([&](store::Conn& c) {
    const std::array<std::int64_t, 3> ids = {chief, chief, 999999};
    const auto found = orgs::hooks::people_by_ids(c, ids);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found.at(chief).name, "张网格");
    EXPECT_EQ(found.at(chief).area_path, path(kGrid));
    const std::array<std::string, 2> grids = {path(kGrid), path(kCommunity) + "12345/"};
    EXPECT_EQ(orgs::hooks::grid_staff_counts(c, grids), (std::vector<std::int64_t>{2, 0}));
  });
}

}  // namespace
}  // namespace jiceng::people
