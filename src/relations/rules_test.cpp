// Relations' rules read as a secretary would: when a member who went out must be transferred, when
// they count as lost or hanging, when a case may end in removal — on a fake clock across years.
#include "relations/rules.hpp"

#include <gtest/gtest.h>

#include "core/dates.hpp"

namespace jiceng::relations {
namespace {

std::int64_t on(const char* ymd) { return core::parse_day(ymd); }

// The clock the tests move: a day number, as the service reads it from App::now.
struct FakeClock final {
  std::int64_t today = on("2026-01-15");
  void set(const char* ymd) { today = on(ymd); }
};

TEST(Months, CountWholeCalendarMonthsAcrossYears) {
  EXPECT_EQ(months_between(on("2026-01-31"), on("2026-07-30")), 5);
  EXPECT_EQ(months_between(on("2026-01-31"), on("2026-07-31")), 6);
  EXPECT_EQ(months_between(on("2025-08-15"), on("2026-02-15")), 6);
  EXPECT_EQ(months_between(on("2025-08-15"), on("2026-02-14")), 5);
  EXPECT_EQ(add_months(on("2026-08-31"), 6), on("2027-02-28"));
  EXPECT_EQ(add_months(on("2024-02-29"), 12), on("2025-02-28"));
  EXPECT_EQ(add_months(on("2026-03-31"), -1), on("2026-02-28"));
  EXPECT_EQ(add_months(on("2026-01-10"), -13), on("2024-12-10"));
}

TEST(Transfers, AMemberAtAFixedPlaceForSixMonthsMustBeTransferred) {
  FakeClock clock;
  FlowFacts f;
  f.since = on("2025-09-01");
  f.fixed_place = true;
  clock.set("2026-02-28");
  EXPECT_FALSE(transfer_due(f, clock.today)) << "five months out is not yet six";
  clock.set("2026-03-01");
  const auto due = transfer_due(f, clock.today);
  ASSERT_TRUE(due);
  EXPECT_NE(due->detail.find("应转接组织关系"), std::string::npos);
  EXPECT_NE(check_source(Check::transfer_due).find("党员教育管理工作条例"), std::string::npos);
  f.transfer_started = true;
  EXPECT_FALSE(transfer_due(f, clock.today)) << "a transfer under way settles it";
  f.transfer_started = false;
  f.fixed_place = false;
  EXPECT_FALSE(transfer_due(f, clock.today)) << "moving from place to place is a mobile member, not a transfer";
}

TEST(LostFlow, OutSixMonthsWithoutContactOrOrganisationLifeIsLost) {
  FakeClock clock;
  clock.set("2026-07-01");
  FlowFacts f;
  f.since = on("2025-12-01");
  f.last_contact = on("2026-06-20");
  f.last_life = on("2026-05-10");
  EXPECT_FALSE(lost_flow(f, clock.today)) << "in touch and attending at the host";
  f.last_life.reset();
  const auto lost = lost_flow(f, clock.today);
  ASSERT_TRUE(lost);
  EXPECT_NE(lost->detail.find("未参加组织生活"), std::string::npos);
  f.last_life = on("2026-05-10");
  f.last_contact = on("2025-12-20");
  ASSERT_TRUE(lost_flow(f, clock.today));
  EXPECT_NE(lost_flow(f, clock.today)->detail.find("未与党组织联系"), std::string::npos);
  f.since = on("2026-02-01");
  f.last_contact.reset();
  EXPECT_FALSE(lost_flow(f, clock.today)) << "out five months: not yet";
}

TEST(Untraceable, MoreThanSixMonthsProposesStoppingThenTwoYearsRemoval) {
  FakeClock clock;
  FlowFacts f;
  f.since = on("2024-03-01");
  f.untraceable = on("2025-06-10");
  clock.set("2025-12-10");
  EXPECT_FALSE(untraceable(f, clock.today)) << "exactly six months is not more than six";
  clock.set("2025-12-11");
  ASSERT_TRUE(untraceable(f, clock.today));
  EXPECT_NE(untraceable(f, clock.today)->detail.find("建议停止党籍"), std::string::npos);
  clock.set("2027-12-10");
  EXPECT_FALSE(removal_due(on("2025-12-11"), clock.today));
  clock.set("2027-12-11");
  EXPECT_TRUE(removal_due(on("2025-12-11"), clock.today));
}

TEST(Hanging, NoLifeAndNoDuesForSixMonthsOrARelationLeftBehind) {
  FakeClock clock;
  clock.set("2026-09-01");
  HangingFacts h;
  EXPECT_FALSE(hanging(h, clock.today)) << "without a dues module the second half is not judged";
  h.dues_months = 6;
  const auto found = hanging(h, clock.today);
  ASSERT_TRUE(found);
  EXPECT_NE(found->detail.find("连续6个月未交纳党费"), std::string::npos);
  h.last_life = on("2026-04-01");
  EXPECT_FALSE(hanging(h, clock.today)) << "organisation life in the last six months";
  h.last_life = on("2026-02-28");
  h.dues_months = 5;
  EXPECT_FALSE(hanging(h, clock.today)) << "dues paid five months ago";
  h.lives_elsewhere = true;
  EXPECT_TRUE(hanging(h, clock.today));
  EXPECT_NE(check_source(Check::hanging).find("党费收缴、使用和管理的规定"), std::string::npos);
}

TEST(UnconfirmedTransfers, AreWarnedAfterTheCountysDays) {
  EXPECT_FALSE(transfer_unconfirmed(on("2026-12-01"), on("2026-12-30"), 30));
  const auto late = transfer_unconfirmed(on("2026-12-01"), on("2026-12-31"), 30);
  ASSERT_TRUE(late);
  EXPECT_NE(late->detail.find("县里规定30天"), std::string::npos);
  EXPECT_NE(refusal_rule().find("无正当理由不得拒绝接收"), std::string::npos);
}

TEST(Cases, AnUnqualifiedMemberIsGivenTimeToCorrectBeforeAdviceToLeaveOrRemoval) {
  FakeClock clock;
  CaseFacts f;
  f.kind = "unqualified";
  f.correct_by = on("2026-07-15");
  clock.set("2026-07-15");
  EXPECT_FALSE(outcome_refusal(f, Outcome::corrected, clock.today)) << "correcting may be recorded any time";
  const auto early = outcome_refusal(f, Outcome::removed, clock.today);
  ASSERT_TRUE(early);
  EXPECT_NE(early->find("不合格党员组织处置办法"), std::string::npos);
  EXPECT_TRUE(outcome_refusal(f, Outcome::advised_leave, clock.today));
  EXPECT_TRUE(outcome_refusal(f, Outcome::stopped, clock.today)) << "stopping is for the untraceable";
  clock.set("2026-07-16");
  EXPECT_FALSE(outcome_refusal(f, Outcome::removed, clock.today));
  EXPECT_FALSE(outcome_refusal(f, Outcome::advised_leave, clock.today));
  EXPECT_FALSE(needs_approval(Outcome::corrected));
  EXPECT_TRUE(needs_approval(Outcome::removed));
  EXPECT_NE(outcome_source(Outcome::removed).find("报上级党组织批准"), std::string::npos);
  EXPECT_EQ(status_after(Outcome::removed), "removed");
  EXPECT_EQ(status_after(Outcome::advised_leave), "left");
  EXPECT_FALSE(status_after(Outcome::corrected));
}

TEST(Cases, AnUntraceableMemberIsStoppedAfterSixMonthsAndRemovedTwoYearsLater) {
  FakeClock clock;
  CaseFacts f;
  f.kind = "untraceable";
  f.untraceable = on("2025-01-20");
  clock.set("2025-07-20");
  EXPECT_TRUE(outcome_refusal(f, Outcome::stopped, clock.today));
  clock.set("2025-07-21");
  EXPECT_FALSE(outcome_refusal(f, Outcome::stopped, clock.today));
  EXPECT_TRUE(outcome_refusal(f, Outcome::removed, clock.today)) << "removal waits two years after stopping";
  EXPECT_TRUE(outcome_refusal(f, Outcome::corrected, clock.today));
  f.stopped_on = on("2025-08-01");
  clock.set("2027-07-31");
  EXPECT_TRUE(outcome_refusal(f, Outcome::removed, clock.today));
  clock.set("2027-08-01");
  EXPECT_FALSE(outcome_refusal(f, Outcome::removed, clock.today));
  EXPECT_TRUE(outcome_refusal(f, Outcome::stopped, clock.today)) << "already stopped";
}

TEST(Checks, HaveCodesLabelsAndSources) {
  for (const auto k : {Check::lost_flow, Check::hanging, Check::untraceable, Check::removal_due, Check::transfer_due,
                       Check::transfer_unconfirmed}) {
    EXPECT_EQ(parse_check(check_code(k)), k);
    EXPECT_FALSE(check_label(k).empty());
    EXPECT_NE(check_source(k).find("《"), std::string::npos);
  }
  EXPECT_FALSE(parse_check("everything"));
  EXPECT_TRUE(may_move("full"));
  EXPECT_TRUE(may_move("probationary"));
  EXPECT_FALSE(may_move("stopped"));
  EXPECT_FALSE(may_move("removed"));
}

}  // namespace
}  // namespace jiceng::relations
