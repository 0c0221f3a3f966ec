// Organisation life's rules read as the secretary would: how often, by when, and why.
#include "org_life/rules.hpp"

#include <gtest/gtest.h>

#include "core/dates.hpp"

namespace jiceng::org_life {
namespace {

std::int64_t on(const char* ymd) { return core::parse_day(ymd); }
PeriodKey month(int y, int m) { return {Period::month, y, m}; }

// The clock the tests move: a day number, as the service reads it from App::now.
struct FakeClock final {
  std::int64_t today;
  void set(const char* ymd) { today = on(ymd); }
};

Duty duty(const char* key) {
  for (auto& d : default_duties(on("2018-10-28"))) {
    if (d.key == key) return d;
  }
  ADD_FAILURE() << key;
  return {};
}

TEST(Periods, RollOverTheYearBoundary) {
  EXPECT_EQ(next(month(2026, 12)), month(2027, 1));
  EXPECT_EQ(previous(month(2027, 1)), month(2026, 12));
  EXPECT_EQ(next(PeriodKey{Period::quarter, 2026, 4}), (PeriodKey{Period::quarter, 2027, 1}));
  EXPECT_EQ(previous(PeriodKey{Period::year, 2027, 1}), (PeriodKey{Period::year, 2026, 1}));
  EXPECT_EQ(period_of(Period::quarter, on("2026-12-31")), (PeriodKey{Period::quarter, 2026, 4}));
  EXPECT_EQ(period_of(Period::month, on("2027-01-01")), month(2027, 1));
  EXPECT_EQ(end_day(PeriodKey{Period::quarter, 2026, 4}), on("2027-01-01"));
  EXPECT_EQ(first_day(PeriodKey{Period::quarter, 2026, 3}), on("2026-07-01"));
}

TEST(Periods, HaveCodesAndWordsASecretaryReads) {
  EXPECT_EQ(period_code(month(2026, 3)), "2026-03");
  EXPECT_EQ(period_code(PeriodKey{Period::quarter, 2026, 4}), "2026-Q4");
  EXPECT_EQ(*parse_period_code("2026-Q2"), (PeriodKey{Period::quarter, 2026, 2}));
  EXPECT_EQ(*parse_period_code("2026"), (PeriodKey{Period::year, 2026, 1}));
  for (const char* bad : {"2026-13", "2026-Q5", "26-01", "2026-1", "abcd", "", "2026-00"}) {
    EXPECT_FALSE(parse_period_code(bad)) << bad;
  }
  const auto today = on("2026-11-23");
  EXPECT_EQ(period_words(month(2026, 11), today), "本月");
  EXPECT_EQ(period_words(month(2026, 10), today), "2026年10月");
  EXPECT_EQ(period_words(PeriodKey{Period::quarter, 2026, 3}, today), "2026年第三季度");
  EXPECT_EQ(months_of(PeriodKey{Period::quarter, 2026, 4}),
            (std::vector<std::string>{"2026-10", "2026-11", "2026-12"}));
}

TEST(Duties, ComeFromTheBranchRegulationWithTheirArticles) {
  const auto committee = duty("committee_meeting.monthly");
  EXPECT_EQ(committee.period, Period::month);
  EXPECT_EQ(committee.source, "《中国共产党支部工作条例（试行）》第十二条");
  EXPECT_TRUE(committee.central);
  EXPECT_TRUE(applies_to_level(committee, "branch"));
  EXPECT_FALSE(applies_to_level(committee, "group"));
  EXPECT_TRUE(applies_to_level(duty("group_meeting.monthly"), "group"));
  EXPECT_EQ(duty("general_meeting.quarterly").period, Period::quarter);
  // The quarterly lecture is county practice, editable; the yearly one is central.
  EXPECT_FALSE(duty("party_lecture.quarterly").central);
  EXPECT_TRUE(duty("party_lecture.yearly").central);
}

TEST(Duties, AChangeMidYearLeavesThePastPeriodsTheirOldRule) {
  // The county raises theme days to twice a month from July.
  auto before = duty("theme_day.monthly");
  before.effective_to = on("2026-07-01");
  auto after = before;
  after.count = 2;
  after.effective_from = on("2026-07-01");
  after.effective_to.reset();
  after.central = false;
  const std::vector<Duty> versions = {before, after};
  EXPECT_EQ(in_force(versions, "theme_day.monthly", month(2026, 6))->count, 1);
  EXPECT_EQ(in_force(versions, "theme_day.monthly", month(2026, 7))->count, 2);
  EXPECT_EQ(in_force(versions, "theme_day.monthly", month(2027, 1))->count, 2);
  // A year that began under the old rule keeps it whole.
  auto yearly = duty("life_meeting.yearly");
  yearly.effective_from = on("2026-03-01");
  EXPECT_FALSE(in_force({yearly}, "life_meeting.yearly", PeriodKey{Period::year, 2026, 1}));
  EXPECT_TRUE(in_force({yearly}, "life_meeting.yearly", PeriodKey{Period::year, 2027, 1}));
  EXPECT_EQ(duty_keys(versions), std::vector<std::string>{"theme_day.monthly"});
}

TEST(Quorum, AGeneralMeetingNeedsAtLeastHalfOfTheVotingMembers) {
  EXPECT_TRUE(quorum_met(kGeneralMeeting, 20, 10));  // 半数以上 includes half
  EXPECT_FALSE(quorum_met(kGeneralMeeting, 20, 9));
  EXPECT_FALSE(quorum_met(kGeneralMeeting, 21, 10));
  EXPECT_FALSE(quorum_met(kGeneralMeeting, 0, 0));
}

TEST(Quorum, AVotePassesOnlyWhenAyesExceedHalfOfThoseDue) {
  EXPECT_FALSE(vote_passes(20, 10));  // 超过半数: half is not enough
  EXPECT_TRUE(vote_passes(20, 11));
  EXPECT_TRUE(vote_passes(21, 11));
  // Everyone present voted yes, but the ayes are still not more than half of those due.
  EXPECT_TRUE(quorum_met(kGeneralMeeting, 30, 15));
  EXPECT_FALSE(vote_passes(30, 15));
}

TEST(Quorum, ACommitteeMeetingNeedsHalfTheCommitteeAndOthersSomeone) {
  EXPECT_TRUE(quorum_met(kCommitteeMeeting, 5, 3));
  EXPECT_FALSE(quorum_met(kCommitteeMeeting, 5, 2));
  EXPECT_TRUE(quorum_met(kCommitteeMeeting, 4, 2));
  EXPECT_TRUE(quorum_met("theme_day", 0, 1));
  EXPECT_FALSE(quorum_met("theme_day", 30, 0));
}

TEST(Cells, AMonthWithoutACommitteeMeetingIsDueThenLateThenMissing) {
  const auto d = duty("committee_meeting.monthly");
  FakeClock clock{on("2026-11-10")};
  auto c = cell(d, "支委会", month(2026, 11), 0, clock.today);
  EXPECT_EQ(c.state, CellState::due);
  EXPECT_FALSE(c.warn);
  EXPECT_EQ(c.reason, "支委会：本月尚未召开；依据：《中国共产党支部工作条例（试行）》第十二条");
  clock.set("2026-11-25");
  c = cell(d, "支委会", month(2026, 11), 0, clock.today);
  EXPECT_TRUE(c.warn);
  EXPECT_EQ(c.reason, "支委会：本月尚未召开，6天后到期；依据：《中国共产党支部工作条例（试行）》第十二条");
  clock.set("2026-12-03");
  c = cell(d, "支委会", month(2026, 11), 0, clock.today);
  EXPECT_EQ(c.state, CellState::late);
  EXPECT_EQ(c.reason,
            "支委会：2026年11月尚未召开，已到期，2026-12-10前可补录；依据：《中国共产党支部工作条例（试行）》第十二条");
  clock.set("2026-12-11");
  c = cell(d, "支委会", month(2026, 11), 0, clock.today);
  EXPECT_EQ(c.state, CellState::missing);
  EXPECT_EQ(c.reason, "支委会：2026年11月未召开；依据：《中国共产党支部工作条例（试行）》第十二条");
}

TEST(Cells, AHeldMeetingMakesTheCellDoneEvenWhenRecordedLate) {
  const auto d = duty("committee_meeting.monthly");
  const auto c = cell(d, "支委会", month(2026, 11), 1, on("2026-12-05"));
  EXPECT_EQ(c.state, CellState::done);
  EXPECT_EQ(c.reason, "支委会：2026年11月已召开1次；依据：《中国共产党支部工作条例（试行）》第十二条");
}

TEST(Cells, ACountAboveOneSaysHowManyAreStillShort) {
  auto d = duty("theme_day.monthly");
  d.count = 2;
  const auto c = cell(d, "主题党日", month(2026, 12), 1, on("2027-01-20"));
  EXPECT_EQ(c.state, CellState::missing);
  EXPECT_EQ(c.reason.rfind("主题党日：2026年12月已召开1次，应召开2次；依据：", 0), 0u);
}

TEST(Cells, AQuarterlyDutyAcrossTheYearEndIsJudgedInJanuary) {
  const auto d = duty("general_meeting.quarterly");
  const PeriodKey q4{Period::quarter, 2026, 4};
  EXPECT_EQ(cell(d, "党员大会", q4, 0, on("2026-12-28")).state, CellState::due);
  EXPECT_TRUE(cell(d, "党员大会", q4, 0, on("2026-12-28")).warn);
  EXPECT_EQ(cell(d, "党员大会", q4, 0, on("2027-01-05")).state, CellState::late);
  EXPECT_EQ(cell(d, "党员大会", q4, 0, on("2027-01-11")).state, CellState::missing);
}

TEST(Structure, ABranchOverFiftyMembersIsFlagged) {
  Structure s{"branch", "community", 51, 45, 5, on("2025-01-01"), {}};
  const auto f = structure_findings(s, on("2026-11-23"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].code, "over_50");
  EXPECT_NE(f[0].reason.find("超过50名"), std::string::npos);
  s.members = 50;
  EXPECT_TRUE(structure_findings(s, on("2026-11-23")).empty());
}

TEST(Structure, SevenFullMembersWithoutACommitteeNeedOne) {
  Structure s{"branch", "non_public", 9, 7, 0, {}, {}};
  auto f = structure_findings(s, on("2026-11-23"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].code, "needs_committee");
  s.full_members = 6;  // probationary members do not count
  EXPECT_TRUE(structure_findings(s, on("2026-11-23")).empty());
}

TEST(Structure, ATermDueWithinSixMonthsWarnsAndAnOverdueOneIsOverdue) {
  // A village branch elected on 2021-12-15 serves five years: due 2026-12-15.
  Structure village{"branch", "rural", 30, 28, 5, on("2021-12-15"), {}};
  EXPECT_TRUE(structure_findings(village, on("2026-06-14")).empty());
  auto f = structure_findings(village, on("2026-06-15"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].code, "term_due");
  EXPECT_EQ(f[0].reason,
            "任期将于2026-12-15届满，应做好换届准备；依据：《中国共产党农村基层组织工作条例》（每届任期5年）");
  f = structure_findings(village, on("2026-12-15"));
  EXPECT_EQ(f[0].code, "term_overdue");
  // An enterprise branch serves three years.
  Structure firm{"branch", "non_public", 12, 10, 3, on("2024-02-29"), {}};
  EXPECT_EQ(structure_findings(firm, on("2027-03-01"))[0].reason.rfind("任期已于2027-02-28届满", 0), 0u);
}

TEST(Kinds, TheCountyMayAddKindsWithPlainCodes) {
  EXPECT_TRUE(is_builtin_kind("theme_day"));
  EXPECT_FALSE(is_builtin_kind("study_session"));
  EXPECT_TRUE(valid_kind_code("study_session"));
  for (const char* bad : {"", "a", "Study", "1abc", "a-b", "学习会", "x; DROP TABLE"}) {
    EXPECT_FALSE(valid_kind_code(bad)) << bad;
  }
  EXPECT_EQ(builtin_kinds().size(), 7u);
}

}  // namespace
}  // namespace jiceng::org_life
