// 结对 and volunteer teams as a community sees them: who may join a pairing, help recorded by
// those helping, and volunteers' hours adding up, within the limits a record may claim.
#include "pairing/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_county.hpp"

namespace jiceng::pairing {
namespace {

using core::Role;

class PairingService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = staff(Role::community_secretary, kCommunity);
    li = member("李梅", kCommunityBranch);
    li_account = member_account(li, "李梅");
    wang = member("王强", kCommunityBranch);
    wang_account = member_account(wang, "王强");
    zhang_home = household("张大爷", kCommunity);
  }

  std::int64_t pairing(const std::string& kind) {
    return insert(
        "INSERT INTO pairing (kind, title, area_id, area_path, created_at, updated_at) VALUES (?, '结对帮扶', ?, ?, ?, "
        "?) RETURNING id",
        {kind, kCommunity, path(kCommunity), now(), now()});
  }
  std::int64_t team() {
    return insert(
        "INSERT INTO volunteer_team (name, area_id, area_path, created_at, updated_at) VALUES ('红马甲服务队', ?, ?, "
        "?, ?) RETURNING id",
        {kCommunity, path(kCommunity), now(), now()});
  }
  std::int64_t volunteer(std::int64_t team_id, std::int64_t member_id) {
    Volunteer v;
    v.member_id = member_id;
    add_volunteer(app(), as(secretary), team_id, v);
    return scalar("SELECT id FROM volunteer WHERE team_id = ? AND member_id = ?", {team_id, member_id});
  }
  void hours(const core::Principal& who, std::int64_t team_id, std::int64_t volunteer_id, double h,
             const std::string& on_date = "2026-11-20") {
    add_hours(app(), as(who), team_id, Hours{volunteer_id, h, on_date, "巡逻"});
  }
  Help help(const std::string& content, std::optional<double> h, const std::string& on_date = "2026-11-22") {
    return Help{content, on_date, h};
  }

  core::Principal secretary, li_account, wang_account;
  std::int64_t li = 0, wang = 0, zhang_home = 0;
};

TEST_F(PairingService, AOneToOnePairingJoinsOneMemberWithOneHousehold) {
  const auto id = pairing("one_one");
  add_party(app(), as(secretary), id, {"helper", "member", li});
  add_party(app(), as(secretary), id, {"helped", "household", zhang_home});
  EXPECT_EQ(text("SELECT name FROM pairing_party WHERE pairing_id = ? AND side = 'helped'", {id}),
            "张大爷户（张大爷家）");
  EXPECT_EQ(refusal([&] { add_party(app(), as(secretary), id, {"helper", "member", wang}); }).field, "side");
  EXPECT_EQ(refusal([&] { add_party(app(), as(secretary), id, {"helper", "unit", 1}); }).field, "side");
  EXPECT_EQ(scalar("SELECT parties_count FROM pairing WHERE id = ?", {id}), 2);
}

TEST_F(PairingService, AHelperRecordsTheirVisitsAndThePairingAddsThemUp) {
  const auto id = pairing("n_one");
  add_party(app(), as(secretary), id, {"helper", "member", li});
  add_party(app(), as(secretary), id, {"helped", "household", zhang_home});
  const auto record = add_help(app(), as(li_account), id, help("上门送米面油", 2));
  EXPECT_EQ(record.at("recorded_by").as_string(), "李梅");
  add_help(app(), as(secretary), id, help("代办医保报销", std::nullopt));
  EXPECT_EQ(scalar("SELECT helps FROM pairing WHERE id = ?", {id}), 2);
  EXPECT_EQ(real("SELECT help_hours FROM pairing WHERE id = ?", {id}), 2.0);
  // A member who is not helping in this pairing records nothing in it.
  EXPECT_EQ(refusal([&] { add_help(app(), as(wang_account), id, help("路过看看", 1)); }).status, 404);
}

TEST_F(PairingService, HelpTakesHalfAnHourToADayAndIsNotDatedAfterToday) {
  const auto id = pairing("n_one");
  EXPECT_EQ(refusal([&] { add_help(app(), as(secretary), id, help("太短", 0.25)); }).field, "hours");
  EXPECT_EQ(refusal([&] { add_help(app(), as(secretary), id, help("太长", 25)); }).field, "hours");
  EXPECT_EQ(refusal([&] { add_help(app(), as(secretary), id, help("明天的事", 1, "2026-11-24")); }).field, "on_date");
  EXPECT_EQ(refusal([&] { add_help(app(), as(secretary), id, help("没有这天", 1, "2026-02-30")); }).field, "on_date");
  EXPECT_EQ(add_help(app(), as(secretary), id, help("今天的事", 24, "2026-11-23")).at("hours").as_double(), 24.0);
  EXPECT_EQ(scalar("SELECT helps FROM pairing WHERE id = ?", {id}), 1);
}

TEST_F(PairingService, VolunteersHoursAddUpForThemAndForTheirTeam) {
  const auto id = team();
  const auto li_volunteer = volunteer(id, li);
  const auto wang_volunteer = volunteer(id, wang);
  hours(secretary, id, li_volunteer, 3);
  hours(secretary, id, li_volunteer, 1.5);
  hours(secretary, id, wang_volunteer, 2);
  EXPECT_EQ(real("SELECT hours FROM volunteer WHERE id = ?", {li_volunteer}), 4.5);
  EXPECT_EQ(real("SELECT hours FROM volunteer_team WHERE id = ?", {id}), 6.5);
  EXPECT_EQ(scalar("SELECT volunteers FROM volunteer_team WHERE id = ?", {id}), 2);
}

TEST_F(PairingService, AnHoursRecordOfNothingOrOverADayOrDatedAfterTodayIsRefusedAndNothingIsCounted) {
  const auto id = team();
  const auto v = volunteer(id, li);
  EXPECT_EQ(refusal([&] { hours(secretary, id, v, 30); }).field, "hours");
  EXPECT_EQ(refusal([&] { hours(secretary, id, v, 0); }).field, "hours");
  EXPECT_EQ(refusal([&] { hours(secretary, id, v, 2, "2026-12-01"); }).field, "on_date");
  EXPECT_EQ(real("SELECT hours FROM volunteer_team WHERE id = ?", {id}), 0.0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM volunteer_hours"), 0);
}

TEST_F(PairingService, AVolunteerJoinsATeamOnceAndHoursGoOnlyToATeamsOwnVolunteers) {
  const auto first = team();
  const auto second = team();
  const auto v = volunteer(first, li);
  Volunteer again;
  again.member_id = li;
  EXPECT_EQ(refusal([&] { add_volunteer(app(), as(secretary), first, again); }).status, 409);
  EXPECT_EQ(refusal([&] { hours(secretary, second, v, 2); }).field, "volunteer_id");
  EXPECT_EQ(refusal([&] { add_volunteer(app(), as(secretary), first, Volunteer{}); }).field, "name");
}

TEST_F(PairingService, OnlyStaffOverTheCommunityKeepItsTeams) {
  const auto id = team();
  const auto v = volunteer(id, li);
  const auto elsewhere = staff(Role::community_secretary, kOtherCommunity, "和平社区书记");
  EXPECT_EQ(refusal([&] { hours(elsewhere, id, v, 2); }).status, 404);
  EXPECT_EQ(refusal([&] { hours(li_account, id, v, 2); }).status, 404);
  pass_time(kDay);
  hours(secretary, id, v, 2, "2026-11-24");
  EXPECT_EQ(real("SELECT hours FROM volunteer WHERE id = ?", {v}), 2.0);
}

}  // namespace
}  // namespace jiceng::pairing
