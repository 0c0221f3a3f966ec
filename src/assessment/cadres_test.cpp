// Village cadres read as the town's office would: who holds both posts, whose term is ending, and
// what each cadre is paid for the year and why.
#include "assessment/cadres.hpp"

#include <gtest/gtest.h>

#include "core/dates.hpp"

namespace jiceng::assessment {
namespace {

std::int64_t on(const char* ymd) { return core::parse_day(ymd); }
Tenths pts(double whole) { return static_cast<Tenths>(whole * kTenthsPerPoint + 0.5); }

Tenure held(const std::string& village, Post post, const std::string& person, const char* from,
            const char* to = nullptr) {
  Tenure t{village, post, person, on(from), std::nullopt};
  if (to) t.to = on(to);
  return t;
}

TEST(OneShoulder, CountsVillagesWhoseSecretaryIsAlsoTheDirectorOnTheDay) {
  const std::vector<Tenure> roster = {
      held("东村", Post::secretary, "张三", "2021-03-01"),
      held("东村", Post::director, "张三", "2021-03-01"),
      held("西村", Post::secretary, "李四", "2021-03-01"),
      held("西村", Post::director, "王五", "2021-03-01"),
      held("南村", Post::secretary, "赵六", "2021-03-01"),
      held("南村", Post::director, "赵六", "2021-03-01", "2026-06-30"),
      held("北村", Post::director, "钱七", "2021-03-01"),  // no secretary in post: not counted
      held("北村", Post::secretary, "孙八", "2021-03-01", "2026-01-01"),
  };
  const auto before = one_shoulder(roster, on("2026-06-29"));
  EXPECT_EQ(before.villages, 3);
  EXPECT_EQ(before.one_shoulder, 2);
  EXPECT_EQ(before.text, "66.7%");
  const auto after = one_shoulder(roster, on("2026-06-30"));
  EXPECT_EQ(after.one_shoulder, 1) << "the director's last day was the 29th";
  EXPECT_EQ(after.not_yet, (std::vector<std::string>{"南村", "西村"}));
  EXPECT_EQ(one_shoulder({}, on("2026-06-30")).text, "—");
}

TEST(OneShoulder, OneHundredAndTwentySevenOfOneHundredAndThirtyOneIsTheSeeds96Point9) {
  std::vector<Tenure> roster;
  for (int i = 0; i < 131; ++i) {
    const auto v = "村" + std::to_string(i);
    roster.push_back(held(v, Post::secretary, "书记" + std::to_string(i), "2021-03-01"));
    roster.push_back(held(v, Post::director, (i < 127 ? "书记" : "主任") + std::to_string(i), "2021-03-01"));
  }
  const auto r = one_shoulder(roster, on("2026-12-06"));
  EXPECT_EQ(r.one_shoulder, 127);
  EXPECT_EQ(r.text, "96.9%");
  EXPECT_EQ(r.not_yet.size(), 4u);
}

TEST(Terms, AVillagesTermIsFiveYearsAndIsWarnedTheCountysMonthsAhead) {
  const std::map<std::string, std::int64_t> elected = {
      {"东村", on("2021-12-06")}, {"西村", on("2021-03-15")}, {"南村", on("2024-01-10")}};
  EXPECT_TRUE(terms_due(elected, on("2026-03-14"), 0).empty()) << "西村's term ends tomorrow, no warning asked";
  auto due = terms_due(elected, on("2026-06-06"), 6);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].village, "西村");
  EXPECT_TRUE(due[0].overdue);
  EXPECT_EQ(due[0].text, "2021-03-15换届，任期已于2026-03-15届满（村“两委”任期五年），应及时换届");
  EXPECT_EQ(due[1].village, "东村");
  EXPECT_FALSE(due[1].overdue);
  EXPECT_EQ(core::format_day(due[1].due_on), "2026-12-06");
  EXPECT_EQ(due[1].text, "2021-12-06换届，任期将于2026-12-06届满（村“两委”任期五年），应做好换届准备");
  EXPECT_EQ(terms_due(elected, on("2026-06-05"), 6).size(), 1u) << "东村 is a day outside six months";
}

TEST(Pay, IsBasePlusTheBonusTheAssessmentEarnsExplainedFigureByFigure) {
  const PayFormula f;
  const auto p = pay(Post::secretary, pts(87.5), f);
  EXPECT_EQ(p.base, 3'600'000);
  EXPECT_EQ(p.bonus, 1'050'000);
  EXPECT_EQ(p.total, 4'650'000);
  EXPECT_EQ(p.topped_up, 0);
  EXPECT_EQ(p.explanation,
            "基本报酬36000.00元；考核奖励报酬=满分基数12000.00元×考核得分87.5分÷100=10500.00元；合计"
            "46500.00元");
}

TEST(Pay, ADeputyIsPaidTheCountysShareAndToppedUpToTheFloor) {
  const auto p = pay(Post::deputy, pts(87.5), PayFormula{});
  EXPECT_EQ(p.base, 2'880'000);
  EXPECT_EQ(p.bonus, 840'000);
  EXPECT_EQ(p.topped_up, 280'000);
  EXPECT_EQ(p.total, 4'000'000);
  EXPECT_NE(p.explanation.find("×岗位系数80%"), std::string::npos) << p.explanation;
  EXPECT_NE(p.explanation.find("合计低于保底40000.00元，补足2800.00元"), std::string::npos) << p.explanation;
  EXPECT_EQ(post_pct(Post::director, PayFormula{}), 100);
}

TEST(Pay, NoBonusBelowTheStartingPointsAndNoneAboveTheCap) {
  PayFormula f;
  EXPECT_EQ(pay(Post::secretary, pts(60), f).bonus, 720'000) << "on the starting line the bonus is earned";
  const auto low = pay(Post::secretary, pts(59.9), f);
  EXPECT_EQ(low.bonus, 0);
  EXPECT_NE(low.explanation.find("考核得分59.9分，低于起点分60分，无考核奖励报酬"), std::string::npos);
  f.bonus_cap = 1'000'000;
  const auto capped = pay(Post::secretary, pts(95), f);
  EXPECT_EQ(capped.bonus, 1'000'000);
  EXPECT_NE(capped.explanation.find("超过上限按10000.00元计"), std::string::npos) << capped.explanation;
}

TEST(Pay, TheFormulaComesFromTheCountysDatedSettingsInYuan) {
  const auto f = pay_formula_from({{"pay_base_yuan", 30000}, {"pay_member_pct", 60}});
  EXPECT_EQ(f.base, 3'000'000);
  EXPECT_EQ(f.bonus_full, 1'200'000) << "not set: the default";
  EXPECT_EQ(post_pct(Post::member, f), 60);
  EXPECT_EQ(yuan(5), "0.05");
  EXPECT_EQ(yuan(123456), "1234.56");
  EXPECT_EQ(parse_post("director"), Post::director);
  EXPECT_EQ(post_label(Post::secretary), "党组织书记");
}

}  // namespace
}  // namespace jiceng::assessment
