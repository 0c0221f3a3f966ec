// 四民议事 as a community sees it: a vote fixes which households may vote, each votes once, the
// count stays sealed until the vote closes, and a vote whose time is up is settled by itself.
#include "deliberation/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_county.hpp"

namespace jiceng::deliberation {
namespace {

namespace bj = boost::json;
using core::Role;

class DeliberationService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = staff(Role::community_secretary, kCommunity);
    zhang_home = household("张家", kCommunity, true);
    li_home = household("李家", kGrid);  // in a grid of the community: votes there too
    wang_home = household("王家", kCommunity);
    zhang = resident(zhang_home, kCommunity, "张三");
    li = resident(li_home, kCommunity, "李四");
    wang = resident(wang_home, kCommunity, "王五");
    matter = insert(
        "INSERT INTO deliberation (title, body, area_id, area_path, proposer, proposer_kind, voter_base, quorum, "
        "majority, stage, created_at, updated_at) VALUES ('加装电梯', '三号楼加装电梯，费用分摊', ?, ?, '张三', "
        "'resident', 'households', 0.5, 0.5, 'discussing', ?, ?) RETURNING id",
        {kCommunity, path(kCommunity), now(), now()});
  }

  void open_vote(std::int64_t closes_in = 3 * kDay) {
    Advance a;
    a.to = Stage::voting;
    a.closes_at = now() + closes_in;
    advance(app(), as(secretary), matter, a);
  }
  void vote(const core::Principal& who, const std::string& choice) {
    cast_ballot(app(), as(who), matter, choice, std::nullopt);
  }
  std::string stage() { return text("SELECT stage FROM deliberation WHERE id = ?", {matter}); }
  bj::object public_view() { return public_matter(app(), matter); }

  core::Principal secretary, zhang, li, wang;
  std::int64_t zhang_home = 0, li_home = 0, wang_home = 0, matter = 0;
};

TEST_F(DeliberationService, OpeningAVoteFixesWhichHouseholdsMayVote) {
  open_vote();
  EXPECT_EQ(stage(), "voting");
  EXPECT_EQ(scalar("SELECT eligible FROM deliberation WHERE id = ?", {matter}), 3);
  // A household registered after the vote opened is not on the roll.
  const auto late = household("赵家", kCommunity);
  const auto r = refusal([&] { cast_ballot(app(), as(secretary), matter, "yes", late); });
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.field, "household_id");
}

TEST_F(DeliberationService, EachHouseholdVotesOnceWhetherOnlineOrOnPaper) {
  open_vote();
  vote(zhang, "yes");
  EXPECT_EQ(refusal([&] { vote(zhang, "no"); }).status, 409);
  EXPECT_EQ(refusal([&] { cast_ballot(app(), as(secretary), matter, "no", zhang_home); }).status, 409);
  cast_ballot(app(), as(secretary), matter, "no", li_home);  // a paper ballot the staff enter
  EXPECT_EQ(refusal([&] { vote(li, "yes"); }).status, 409);
  EXPECT_EQ(scalar("SELECT ballots FROM deliberation WHERE id = ?", {matter}), 2);
  // Residents may not enter paper ballots for others.
  EXPECT_EQ(refusal([&] { cast_ballot(app(), as(wang), matter, "yes", zhang_home); }).status, 403);
}

TEST_F(DeliberationService, AResidentOfAnotherCommunityNeitherSeesNorVotes) {
  const auto elsewhere = resident(household("外来户", kOtherCommunity), kOtherCommunity, "外来户主");
  open_vote();
  EXPECT_EQ(refusal([&] { vote(elsewhere, "yes"); }).status, 404);
}

TEST_F(DeliberationService, BallotsStaySealedUntilTheVoteClosesOnlyTheTurnoutShows) {
  open_vote();
  vote(zhang, "yes");
  vote(li, "yes");
  auto seen = public_view();
  EXPECT_EQ(seen.at("turnout").as_int64(), 2);
  EXPECT_TRUE(seen.at("result").is_null());
  pass_time(3 * kDay);
  seen = public_view();  // settles the vote before showing it
  EXPECT_EQ(seen.at("stage").as_string(), "decided");
  EXPECT_EQ(seen.at("result").at("yes").as_int64(), 2);
  EXPECT_TRUE(seen.at("result").at("passed").as_bool());
}

TEST_F(DeliberationService, AVoteWhoseTimeIsUpIsSettledOnceEvenIfNobodyLooks) {
  open_vote();
  vote(zhang, "yes");
  vote(li, "no");
  vote(wang, "no");
  pass_time(3 * kDay - 1);
  EXPECT_EQ(settle_due(app()), 0);
  pass_time(1);
  EXPECT_EQ(settle_due(app()), 1);
  EXPECT_EQ(stage(), "rejected");
  EXPECT_EQ(settle_due(app()), 0);
  EXPECT_EQ(text("SELECT body FROM deliberation_note WHERE deliberation_id = ? ORDER BY id DESC LIMIT 1", {matter}),
            "表决结束：未通过");
}

TEST_F(DeliberationService, AVoteTooFewHouseholdsTookPartInFailsForWantOfAQuorum) {
  open_vote();
  vote(zhang, "yes");  // one of three: short of half
  pass_time(3 * kDay);
  EXPECT_EQ(settle_due(app()), 1);
  EXPECT_EQ(stage(), "rejected");
  EXPECT_EQ(text("SELECT body FROM deliberation_note WHERE deliberation_id = ? ORDER BY id DESC LIMIT 1", {matter}),
            "表决结束：未通过（参与户数未达法定比例）");
}

TEST_F(DeliberationService, ABallotAfterTheCloseIsRefused) {
  open_vote();
  pass_time(3 * kDay);
  const auto r = refusal([&] { vote(zhang, "yes"); });
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.message, "当前不在表决期内");
}

TEST_F(DeliberationService, StaffEndAVoteEarlyOnlyOnceEveryHouseholdHasVoted) {
  open_vote();
  vote(zhang, "yes");
  vote(li, "yes");
  EXPECT_EQ(refusal([&] { close_vote(app(), as(secretary), matter); }).status, 409);
  vote(wang, "abstain");
  EXPECT_EQ(refusal([&] { close_vote(app(), as(zhang), matter); }).status, 403);
  close_vote(app(), as(secretary), matter);
  EXPECT_EQ(stage(), "decided");
}

TEST_F(DeliberationService, AVoteOfRepresentativesCountsOnlyTheirHouseholds) {
  db().write([&](store::Conn& c) {
    c.execute("UPDATE deliberation SET voter_base = 'representatives' WHERE id = ?", {matter});
  });
  open_vote();
  EXPECT_EQ(scalar("SELECT eligible FROM deliberation WHERE id = ?", {matter}), 1);
  EXPECT_EQ(refusal([&] { vote(li, "yes"); }).field, "household_id");
  vote(zhang, "yes");
}

TEST_F(DeliberationService, AHouseholdRatesAMatterOnceAfterItIsCarriedOut) {
  EXPECT_EQ(refusal([&] { rate(app(), as(zhang), matter, 5, ""); }).status, 409);
  db().write(
      [&](store::Conn& c) { c.execute("UPDATE deliberation SET stage = 'carrying_out' WHERE id = ?", {matter}); });
  rate(app(), as(zhang), matter, 5, "电梯装得好");
  rate(app(), as(li), matter, 4, "");
  EXPECT_EQ(refusal([&] { rate(app(), as(zhang), matter, 1, ""); }).status, 409);
  EXPECT_EQ(public_view().at("average_rating").as_double(), 4.5);
}

}  // namespace
}  // namespace jiceng::deliberation
