// People as the county's staff handle them: a member transferred to another branch comes into that
// community's view, an ID number is shown in full only within scope and always leaves a trace, and
// a street names its own cadres as its grids' contacts (包联).
#include "people/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "orgs/service.hpp"
#include "testing/test_county.hpp"

namespace jiceng::people {
namespace {

namespace bj = boost::json;
using core::Role;

constexpr char kLiIdNumber[] = "110101199001010001";  // the first member the county registers

class PeopleService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    admin = org_dept();
    street_officer = staff(Role::street_officer, kStreet, "城关街道干部");
    secretary = staff(Role::community_secretary, kCommunity, "幸福社区书记");
    li = member("李梅", kUnitBranch);
  }

  std::optional<std::string> id_number_of(const core::Principal& who, std::int64_t member_id) {
    return reveal(app(), who, Holder::member, member_id, "id_number", kIp);
  }
  std::int64_t reveals() { return scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'reveal'"); }
  // The grid's contact as the grid list shows it to the county.
  std::optional<std::int64_t> contact_of_grid() {
    return db().read([&](store::Conn& c) {
      return orgs::grids_in_scope(c, admin, core::Register::people, core::Action::read, kGrid, std::nullopt)
          .at(0)
          .contact_person_id;
    });
  }
  http::Response transfer(const core::Principal& who, std::int64_t member_id, std::int64_t org_id) {
    return call("PATCH", "/api/v1/members/" + std::to_string(member_id), bj::serialize(bj::object{{"org_id", org_id}}),
                &who);
  }

  core::Principal admin, street_officer, secretary;
  std::int64_t li = 0;
};

TEST_F(PeopleService, AMemberTransferredToTheCommunitysBranchComesIntoItsSecretarysView) {
  const auto path = "/api/v1/members/" + std::to_string(li);
  EXPECT_EQ(call("GET", path, "", &secretary).status, 404);
  EXPECT_FALSE(id_number_of(secretary, li));

  // The way relations' confirmed transfer moves a member (the register refuses it, below).
  app().db.write([&](store::Conn& c) { move_member(c, li, kCommunityBranch, "admin", now()); });

  const auto seen = call("GET", path, "", &secretary);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(bj::parse(seen.body).at("org_name").as_string(), "幸福社区党支部");
  EXPECT_EQ(id_number_of(secretary, li), kLiIdNumber);
}

TEST_F(PeopleService, TheRegisterRefusesToMoveAMemberAndNamesTheTransferAsTheWay) {
  const auto ours = member("王强", kCommunityBranch);
  for (const auto* who : {&secretary, &admin}) {
    const auto away = transfer(*who, ours, kUnitBranch);
    EXPECT_EQ(away.status, 400);
    EXPECT_EQ(bj::parse(away.body).at("error").at("field").as_string(), "org_id");
    EXPECT_NE(away.body.find("组织关系转接"), std::string::npos);
  }
  // Still theirs.
  EXPECT_EQ(call("GET", "/api/v1/members/" + std::to_string(ours), "", &secretary).status, 200);
}

TEST_F(PeopleService, AMemberWhoseMembershipWasStoppedIsKeptButOnNoRollOrHeadcount) {
  const auto wang = member("王强", kUnitBranch);
  const auto roll = [&] { return db().read([&](store::Conn& c) { return members_of_org(c, kUnitBranch).size(); }); };
  const auto before = roll();
  app().db.write([&](store::Conn& c) { set_member_status(c, wang, "stopped", "admin", now()); });
  EXPECT_EQ(roll(), before - 1) << "no meeting roll or vote counts a stopped member";
  const auto path = db().read([&](store::Conn& c) { return orgs::org_info(c, kUnitBranch)->path; });
  const auto counts = db().read([&](store::Conn& c) { return headcounts_under(c, path); });
  EXPECT_EQ(counts.at(kUnitBranch).members, static_cast<std::int64_t>(before - 1));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM member WHERE id = ?", {wang}), 1) << "kept on the register";
}

TEST_F(PeopleService, AnIdNumberIsShownInFullOnlyWithinScopeAndEveryShowingIsAudited) {
  EXPECT_EQ(id_number_of(admin, li), kLiIdNumber);
  EXPECT_EQ(reveals(), 1);
  // Outside the secretary's community, and a grid worker may not reveal members at all.
  EXPECT_FALSE(id_number_of(secretary, li));
  EXPECT_FALSE(id_number_of(staff(Role::grid_staff, kCounty, "网格员"), li));
  EXPECT_EQ(reveals(), 1);
  // A member's name is not a masked field.
  EXPECT_EQ(refusal([&] { reveal(app(), admin, Holder::member, li, "name", kIp); }).field, "field");
}

TEST_F(PeopleService, AStreetNamesOneOfItsCadresAsAGridsContactAndCanTakeItBack) {
  const auto cadre = person("赵镇长", "cadre", kStreet);
  set_grid_contact(app(), street_officer, kGrid, cadre, kIp);
  EXPECT_EQ(contact_of_grid(), cadre);
  // A county cadre may be a contact too.
  const auto county_cadre = person("钱主任", "cadre", kCounty);
  set_grid_contact(app(), admin, kGrid, county_cadre, kIp);
  EXPECT_EQ(contact_of_grid(), county_cadre);
  set_grid_contact(app(), street_officer, kGrid, std::nullopt, kIp);
  EXPECT_FALSE(contact_of_grid());
}

TEST_F(PeopleService, AGridsContactIsAStreetsOwnCadreNamedByTheStreet) {
  const auto cadre = person("赵镇长", "cadre", kStreet);
  // The community does not name its own contact.
  EXPECT_EQ(refusal([&] { set_grid_contact(app(), secretary, kGrid, cadre, kIp); }).status, 403);
  // A cadre of another street, or someone who is not a cadre, is refused.
  const auto east = area(kCounty, "河东街道", "street");
  const auto stranger = person("孙书记", "cadre", east);
  const auto worker = person("周网格", "grid_staff", kGrid);
  for (const auto id : {stranger, worker}) {
    const auto r = refusal([&] { set_grid_contact(app(), street_officer, kGrid, id, kIp); });
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.field, "person_id");
  }
  // A grid the street does not reach is not there for it.
  const auto east_grid = area(area(east, "河东社区", "community"), "河东一网格", "grid");
  EXPECT_EQ(refusal([&] { set_grid_contact(app(), street_officer, east_grid, cadre, kIp); }).status, 404);
  EXPECT_FALSE(contact_of_grid());
}

}  // namespace
}  // namespace jiceng::people
