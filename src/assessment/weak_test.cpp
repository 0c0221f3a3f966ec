// Weak and lax organisations read as the county would: which records the server proposes, and how a
// rectification moves from the county's list to the look-back — and why a step is refused.
#include <gtest/gtest.h>

#include <set>

#include "assessment/weak.hpp"
#include "core/dates.hpp"

namespace jiceng::assessment {
namespace {

std::int64_t on(const char* ymd) { return core::parse_day(ymd); }

// The clock the tests move: a day number, as the service reads it from App::now.
struct FakeClock final {
  std::int64_t today = on("2026-12-06");
  void set(const char* ymd) { today = on(ymd); }
};

// A healthy village: secretary in post, a candidate chosen last year, life held, few appeals.
Record healthy() {
  Record r;
  r.founded_on = on("2003-07-01");
  r.last_candidate_on = on("2025-10-10");
  r.life_met = 40;
  r.life_due = 42;
  r.appeals_received = 30;
  r.appeals_overdue = 1;
  r.appeals_rated = 20;
  r.appeals_satisfied = 18;
  r.rank = 12;
  r.ranked = 40;
  return r;
}

std::vector<std::string> codes(const std::vector<Signal>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.situation);
  return out;
}

TEST(Situations, AreTwelveAndTheStandardsEightAsSeed004Counts) {
  EXPECT_EQ(situations().size(), 12u);
  EXPECT_EQ(standards().size(), 8u);
  std::set<std::string_view> seen;
  for (const auto& i : situations()) {
    EXPECT_TRUE(seen.insert(i.code).second) << i.code;
    EXPECT_FALSE(i.source.empty()) << i.code;
  }
  for (const auto& i : standards()) EXPECT_TRUE(seen.insert(i.code).second) << i.code;
  EXPECT_EQ(situation("life_missing")->signalled, true);
  EXPECT_EQ(situation("election_bribery")->signalled, false) << "the record cannot see a bought election";
  EXPECT_EQ(standard("nope"), nullptr);
}

TEST(Signals, AHealthyVillageIsNotProposed) { EXPECT_TRUE(signals(healthy(), WeakLines{}, FakeClock{}.today).empty()); }

TEST(Signals, ASecretaryPostEmptyForMoreThanThreeMonths) {
  auto r = healthy();
  r.secretary_vacant_since = on("2026-05-31");
  FakeClock clock;
  clock.set("2026-08-31");
  EXPECT_TRUE(signals(r, {}, clock.today).empty()) << "three months to the day is not more than three";
  clock.set("2026-09-01");
  const auto s = signals(r, {}, clock.today);
  ASSERT_EQ(codes(s), std::vector<std::string>{"secretary_vacant"});
  EXPECT_EQ(s[0].text, "党组织书记自2026-05-31空缺，已超过3个月");
  EXPECT_EQ(s[0].source, "村“两委”名册；认定线：书记空缺超过（月）列为软弱涣散候选（县级设置）");
  EXPECT_EQ(s[0].line, "weak_secretary_vacant_months");
}

TEST(Signals, NoCandidateChosenForTwoYearsCountedFromTheLastOrFromTheFounding) {
  auto r = healthy();
  r.last_candidate_on = on("2024-12-07");
  EXPECT_TRUE(signals(r, {}, on("2026-12-06")).empty());
  r.last_candidate_on = on("2024-12-06");
  const auto s = signals(r, {}, on("2026-12-06"));
  ASSERT_EQ(codes(s), std::vector<std::string>{"no_development"});
  EXPECT_EQ(s[0].text, "最近一次确定发展对象在2024-12-06，已连续2年以上未确定发展对象");
  r.last_candidate_on.reset();
  r.founded_on = on("2025-06-01");
  EXPECT_TRUE(signals(r, {}, on("2026-12-06")).empty()) << "a branch founded last year is not blamed";
  r.founded_on = on("2020-01-01");
  EXPECT_EQ(signals(r, {}, on("2026-12-06"))[0].text, "成立以来未确定过发展对象，已连续2年以上未确定发展对象");
}

TEST(Signals, OrganisationLifeBelowTheCountysLine) {
  auto r = healthy();
  r.life_met = 6;
  r.life_due = 12;
  EXPECT_TRUE(signals(r, {}, on("2026-12-06")).empty()) << "half is on the line";
  r.life_met = 5;
  const auto s = signals(r, {}, on("2026-12-06"));
  ASSERT_EQ(codes(s), std::vector<std::string>{"life_missing"});
  EXPECT_EQ(s[0].text, "本年度组织生活应开展12项、落实5项，低于50%");
  r.life_due = 0;
  r.life_met = 0;
  EXPECT_TRUE(signals(r, {}, on("2026-12-06")).empty()) << "nothing due, nothing missing";
}

TEST(Signals, AppealsOverdueAndPeopleDissatisfied) {
  auto r = healthy();
  r.appeals_overdue = 2;
  EXPECT_TRUE(signals(r, {}, on("2026-12-06")).empty());
  r.appeals_overdue = 3;
  EXPECT_EQ(codes(signals(r, {}, on("2026-12-06"))), std::vector<std::string>{"appeals_concentrated"});
  r = healthy();
  r.appeals_rated = 100;
  r.appeals_satisfied = 60;
  EXPECT_TRUE(signals(r, {}, on("2026-12-06")).empty()) << "60% is not below 60%";
  r.appeals_satisfied = 59;
  EXPECT_EQ(codes(signals(r, {}, on("2026-12-06"))), std::vector<std::string>{"poor_service"});
}

TEST(Signals, TheBottomOfTheAssessmentIsTheCountysShareAndAtLeastOne) {
  WeakLines lines;
  EXPECT_EQ(bottom_count(40, lines), 2);
  EXPECT_EQ(bottom_count(10, lines), 1);
  auto r = healthy();
  r.rank = 38;
  EXPECT_TRUE(signals(r, lines, on("2026-12-06")).empty());
  r.rank = 39;
  const auto s = signals(r, lines, on("2026-12-06"));
  ASSERT_EQ(codes(s), std::vector<std::string>{"assessment_bottom"});
  EXPECT_EQ(s[0].text, "年度考核在40个党组织中列第39位，属末位2个");
  lines.bottom_pct = 0;
  EXPECT_TRUE(signals(r, lines, on("2026-12-06")).empty()) << "a county may turn the signal off";
  EXPECT_EQ(weak_lines_from({{"weak_bottom_pct", 10}}).bottom_pct, 10);
  EXPECT_EQ(weak_lines_from({}).secretary_vacant_months, 3);
}

TEST(Signals, EveryOneNamesASituationTheServerCanSee) {
  Record r;
  r.secretary_vacant_since = on("2026-01-01");
  r.life_due = 10;
  r.appeals_overdue = 9;
  r.appeals_rated = 10;
  r.rank = r.ranked = 20;
  const auto s = signals(r, {}, on("2026-12-06"));
  EXPECT_EQ(s.size(), 6u);
  for (const auto& x : s) {
    ASSERT_NE(situation(x.situation), nullptr) << x.situation;
    EXPECT_TRUE(situation(x.situation)->signalled) << x.situation;
  }
}

Step act(Action a, const char* ymd) {
  Step s;
  s.action = a;
  s.on = on(ymd);
  return s;
}

Step evaluation(const char* ymd, std::vector<std::string> unmet = {}) {
  auto s = act(Action::evaluate, ymd);
  s.unmet = std::move(unmet);
  return s;
}

// Confirmed by the county and under way with a plan: a leader, four tasks.
Case rectifying() {
  Case c;
  c = apply(c, act(Action::confirm, "2026-02-10"));
  c.has_leader = true;
  c.tasks = c.open_tasks = 4;
  return apply(c, act(Action::start, "2026-03-01"));
}

TEST(Rectification, GoesFromTheCountysListThroughThreeRoundsToTheLookBack) {
  const WeakLines lines;
  auto c = rectifying();
  EXPECT_EQ(c.stage, Stage::rectifying);
  for (const auto* day : {"2026-05-01", "2026-08-01", "2026-11-01"}) {
    ASSERT_FALSE(refusal(c, evaluation(day), lines));
    c = apply(c, evaluation(day));
  }
  c.open_tasks = 0;
  ASSERT_FALSE(refusal(c, act(Action::lift, "2026-11-20"), lines));
  c = apply(c, act(Action::lift, "2026-11-20"));
  EXPECT_EQ(stage_label(c.stage), "已销号（待回头看）");
  EXPECT_EQ(core::format_day(*look_back_due(c, lines)), "2027-05-20");
  EXPECT_EQ(refusal(c, act(Action::look_back, "2027-05-19"), lines), "回头看应在销号满6个月后开展（2027-05-20起）");
  ASSERT_FALSE(refusal(c, act(Action::look_back, "2027-05-20"), lines));
  c = apply(c, act(Action::look_back, "2027-05-20"));
  EXPECT_EQ(c.stage, Stage::closed);
}

TEST(Rectification, TheCountyConfirmsOrDismissesOnlyWhatIsProposedAndSaysWhyItDismisses) {
  Case c;
  auto dismiss = act(Action::dismiss, "2026-02-10");
  EXPECT_EQ(refusal(c, dismiss, {}), "不予列入应说明理由");
  dismiss.reason = "书记已于1月到任";
  EXPECT_FALSE(refusal(c, dismiss, {}));
  EXPECT_EQ(apply(c, dismiss).stage, Stage::dismissed);
  c = apply(c, act(Action::confirm, "2026-02-10"));
  EXPECT_EQ(refusal(c, act(Action::confirm, "2026-02-11"), {}), "当前为“已确认列入”，只有“拟列入”的党组织才能确认列入");
}

TEST(Rectification, StartsOnlyWithAPlanThatNamesALeaderAndTasks) {
  Case c = apply(Case{}, act(Action::confirm, "2026-02-10"));
  const auto start = act(Action::start, "2026-03-01");
  EXPECT_EQ(refusal(c, start, {}), "整顿方案（一村一策）应明确牵头领导");
  c.has_leader = true;
  EXPECT_EQ(refusal(c, start, {}), "整顿方案应列出整改任务，并明确责任人和完成时限");
  c.tasks = 3;
  EXPECT_FALSE(refusal(c, start, {}));
  EXPECT_EQ(refusal(c, act(Action::start, "2026-02-01"), {}), "启动整顿日期不能早于确认列入日期2026-02-10");
  EXPECT_TRUE(refusal(Case{}, start, {})) << "a proposal not yet confirmed is not rectified";
}

TEST(Rectification, IsLiftedOnlyAfterThreeRoundsTheLastPassedAndEveryTaskClosed) {
  auto c = rectifying();
  EXPECT_EQ(refusal(c, act(Action::lift, "2026-04-01"), {}), "须完成三轮评估验收后方可销号，已完成0轮");
  c = apply(c, evaluation("2026-05-01", {"life_regular"}));
  c = apply(c, evaluation("2026-08-01"));
  EXPECT_EQ(refusal(c, act(Action::lift, "2026-09-01"), {}), "须完成三轮评估验收后方可销号，已完成2轮");
  c = apply(c, evaluation("2026-11-01", {"people_satisfied", "stable"}));
  EXPECT_EQ(
      refusal(c, act(Action::lift, "2026-11-20"), {}),
      "最后一轮评估未通过（未达到：群众满意度达到县里规定标准、信访矛盾得到化解，无越级上访和群体性事件），不能销号");
  ASSERT_FALSE(refusal(c, evaluation("2026-12-01"), {})) << "a failed third round is followed by another";
  c = apply(c, evaluation("2026-12-01"));
  EXPECT_EQ(refusal(c, act(Action::lift, "2026-12-02"), {}), "整改任务尚有4项未完成，不能销号");
  c.open_tasks = 0;
  EXPECT_FALSE(refusal(c, act(Action::lift, "2026-12-02"), {}));
}

TEST(Rectification, EvaluationsComeInOrderAgainstKnownStandardsAndStopOnceAllThreePass) {
  auto c = rectifying();
  EXPECT_EQ(refusal(c, evaluation("2026-02-20"), {}), "评估日期不能早于2026-03-01");
  EXPECT_EQ(refusal(c, evaluation("2026-05-01", {"rich"}), {}), "评估标准“rich”不存在");
  c = apply(c, evaluation("2026-05-01"));
  EXPECT_EQ(refusal(c, evaluation("2026-04-30"), {}), "评估日期不能早于2026-05-01");
  c = apply(c, evaluation("2026-08-01"));
  c = apply(c, evaluation("2026-11-01"));
  EXPECT_EQ(refusal(c, evaluation("2026-12-01"), {}), "已完成3轮评估且最后一轮通过，请验收销号");
  EXPECT_EQ(refusal(Case{}, evaluation("2026-12-01"), {}), "当前为“拟列入”，只有“整顿中”的党组织才能评估验收");
}

TEST(Rectification, ALookBackThatFindsItWeakAgainStartsANewRectification) {
  auto c = rectifying();
  for (const auto* day : {"2026-05-01", "2026-08-01", "2026-11-01"}) c = apply(c, evaluation(day));
  c = apply(c, act(Action::lift, "2026-11-20"));
  WeakLines lines;
  lines.look_back_months = 3;
  EXPECT_EQ(core::format_day(*look_back_due(c, lines)), "2027-02-20") << "the county's months";
  auto back = act(Action::look_back, "2027-02-20");
  back.relapsed = true;
  c = apply(c, back);
  EXPECT_EQ(c.stage, Stage::rectifying);
  EXPECT_TRUE(c.rounds.empty()) << "three new rounds";
  EXPECT_EQ(c.looked_back_on, on("2027-02-20"));
  EXPECT_FALSE(look_back_due(c, lines));
  EXPECT_EQ(parse_action("look_back"), Action::look_back);
  EXPECT_EQ(parse_stage(stage_name(Stage::lifted)), Stage::lifted);
}

}  // namespace
}  // namespace jiceng::assessment
