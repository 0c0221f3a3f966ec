// 民主评议党员 as a branch runs it: the campaign opened, members' self and peer assessments from the
// phone, the rating within the county's cap on 优秀 with reasons where the rule asks for them, the
// results on a member's record, and a 不合格 rating opening a case for the member pipeline.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/dates.hpp"
#include "org_life/rules.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"
#include "testing/test_county.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
using core::Role;

class Evaluation : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = branch_secretary(kCommunityBranch);
    for (const char* name : {"张三", "李四", "王五", "赵六", "孙七"}) members.push_back(member(name, kCommunityBranch));
  }

  std::int64_t open() { return open_campaign(app(), as(secretary), kCommunityBranch, 2026).at("id").as_int64(); }

  bj::object row_of(const bj::object& campaign, std::int64_t member_id) {
    for (const auto& m : campaign.at("members").as_array()) {
      if (m.at("member_id").as_int64() == member_id) return m.as_object();
    }
    return {};
  }

  core::Principal secretary;
  std::vector<std::int64_t> members;
};

TEST_F(Evaluation, MembersAssessThemselvesAndEachOtherFromThePhone) {
  const auto id = open();
  EXPECT_EQ(refusal([&] { open(); }).status, 409);  // once a year
  const auto zhang = member_account(members[0], "张三");
  self_assess(app(), as(zhang), id, "认真学习，按时参加组织生活，带头参与社区志愿服务。");
  peer_assess(app(), as(zhang), id, members[1], "excellent", "热心群众工作");
  EXPECT_EQ(refusal([&] { peer_assess(app(), as(zhang), id, members[0], "excellent", ""); }).field, "member_id");
  EXPECT_EQ(refusal([&] { peer_assess(app(), as(zhang), id, members[1], "best", ""); }).field, "grade");
  EXPECT_EQ(refusal([&] { self_assess(app(), as(secretary), id, "x"); }).status, 403);
  const auto seen = campaign(app(), secretary, id);
  EXPECT_EQ(row_of(seen, members[0]).at("self_assessment").as_string(),
            "认真学习，按时参加组织生活，带头参与社区志愿服务。");
  EXPECT_EQ(row_of(seen, members[1]).at("peer_grades").at("excellent").as_int64(), 1);
  const auto mine = my_evaluations(app(), zhang).at("items").as_array();
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(mine[0].at("peers").as_array().size(), 4U);
}

TEST_F(Evaluation, TheRatingKeepsTheCountysCapOnExcellentAndAsksReasons) {
  const auto id = open();
  const auto c = campaign(app(), secretary, id);
  EXPECT_EQ(c.at("excellent_cap_pct").as_int64(), 20);  // the county default: one of five
  EXPECT_EQ(c.at("excellent_allowed").as_int64(), 1);
  rate(app(), as(secretary), id, members[0], "excellent", "");
  const auto over = refusal([&] { rate(app(), as(secretary), id, members[1], "excellent", ""); });
  EXPECT_EQ(over.status, 409);
  EXPECT_NE(over.message.find("依据：县委组织部设定"), std::string::npos) << over.message;
  rate(app(), as(secretary), id, members[0], "excellent", "");  // re-rating the same member stays within the cap
  const auto no_reason = refusal([&] { rate(app(), as(secretary), id, members[1], "basic", ""); });
  EXPECT_EQ(no_reason.field, "reason");
  EXPECT_NE(no_reason.message.find("不合格党员组织处置办法"), std::string::npos);
  EXPECT_EQ(refusal([&] { close_campaign(app(), as(secretary), id); }).status, 409);  // four still unrated
  rate(app(), as(secretary), id, members[1], "basic", "参加组织生活不够经常");
  for (std::size_t i = 2; i < members.size(); ++i) rate(app(), as(secretary), id, members[i], "qualified", "");
  EXPECT_EQ(close_campaign(app(), as(secretary), id).at("status").as_string(), "closed");
  EXPECT_EQ(refusal([&] { rate(app(), as(secretary), id, members[2], "excellent", ""); }).status, 409);
}

TEST_F(Evaluation, ACountyChangeOfTheCapAppliesToCampaignsOpenedAfterIt) {
  const auto county = org_dept();
  const auto tomorrow = core::format_day(core::local_day(now()) + 1);
  change_setting(app(), as(county), "excellent_cap_pct", 40, "县委组织部2026年第5号通知", tomorrow);
  EXPECT_EQ(refusal([&] { change_setting(app(), as(secretary), "excellent_cap_pct", 50, "x", tomorrow); }).status, 403);
  EXPECT_EQ(campaign(app(), secretary, open()).at("excellent_cap_pct").as_int64(), 20);  // opened today
  pass_time(2 * kDay);
  const auto items = settings(app()).at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].at("effective_to").as_string(), tomorrow);
}

TEST_F(Evaluation, AnUnqualifiedRatingOpensACaseAndTheResultGoesOnTheMembersRecord) {
  const auto id = open();
  rate(app(), as(secretary), id, members[4], "unqualified", "长期不参加组织生活，经教育仍不改正");
  db().read([&](store::Conn& c) {
    const auto cases = open_cases(c, org_path(kCommunityBranch));
    ASSERT_EQ(cases.size(), 1U);
    EXPECT_EQ(cases[0].member_id, members[4]);
    EXPECT_EQ(cases[0].state, "open");
    EXPECT_EQ(cases[0].reason, "长期不参加组织生活，经教育仍不改正");
  });
  rate(app(), as(secretary), id, members[4], "basic", "经谈话已有改进");  // changed before closing: no case
  db().read([&](store::Conn& c) { EXPECT_TRUE(open_cases(c, org_path(kCommunityBranch)).empty()); });
  const auto record = member_evaluations(app(), member_account(members[4], "孙七"), members[4]);
  EXPECT_EQ(record.at("items").as_array()[0].at("rating_label").as_string(), "基本合格");
  EXPECT_EQ(refusal([&] { member_evaluations(app(), member_account(members[3], "赵六"), members[4]); }).status, 404);
}

TEST_F(Evaluation, TheTalkPairsFollowFromTheCommitteeAndAreMarkedDoneWithTheirDate) {
  set_committee(app(), as(secretary), kCommunityBranch, {members[0], members[1]});
  auto year = talks(app(), secretary, kCommunityBranch, 2026);
  EXPECT_EQ(year.at("required").as_int64(), 7);  // the two with each other, each with the three others
  EXPECT_EQ(year.at("done").as_int64(), 0);
  record_talk(app(), as(secretary), kCommunityBranch, members[2], members[0], "2026-11-20");
  year = talks(app(), secretary, kCommunityBranch, 2026);
  EXPECT_EQ(year.at("done").as_int64(), 1);
  for (const auto& p : year.at("pairs").as_array()) {
    const bool this_pair =
        p.at("a").at("member_id").as_int64() == members[0] && p.at("b").at("member_id").as_int64() == members[2];
    EXPECT_EQ(p.at("done_on").is_string(), this_pair);
    if (this_pair) {
      EXPECT_EQ(p.at("done_on").as_string(), "2026-11-20");
    }
  }
  const auto not_required =
      refusal([&] { record_talk(app(), as(secretary), kCommunityBranch, members[2], members[3], "2026-11-20"); });
  EXPECT_EQ(not_required.field, "b");
  EXPECT_NE(not_required.message.find("依据：《中国共产党支部工作条例（试行）》"), std::string::npos);
  EXPECT_EQ(
      refusal([&] { record_talk(app(), as(secretary), kCommunityBranch, members[0], members[2], "2026-12-31"); }).field,
      "done_on");
  EXPECT_EQ(talks(app(), secretary, kCommunityBranch, 2025).at("done").as_int64(), 0);  // a new year starts over
  const auto other = staff(Role::community_secretary, kOtherCommunity, "另一社区书记");
  EXPECT_EQ(refusal([&] { talks(app(), other, kCommunityBranch, 2026); }).status, 404);
}

TEST(EvaluationRules, TheCapOnExcellentRoundsDown) {
  EXPECT_EQ(excellent_allowed(5, 20), 1);
  EXPECT_EQ(excellent_allowed(9, 20), 1);
  EXPECT_EQ(excellent_allowed(10, 20), 2);
  EXPECT_EQ(excellent_allowed(3, 20), 0);
  EXPECT_EQ(excellent_allowed(0, 20), 0);
  EXPECT_EQ(excellent_allowed(10, 150), 10);
  EXPECT_TRUE(rating_needs_reason("unqualified"));
  EXPECT_FALSE(rating_needs_reason("qualified"));
  EXPECT_EQ(rating_label("basic"), "基本合格");
  EXPECT_FALSE(rating_label("good"));
}

}  // namespace
}  // namespace jiceng::org_life
