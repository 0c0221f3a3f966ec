// The assessment's rules read as the county's organisation department would: how each indicator is
// scored from the record, where the star lines fall, what a quota does, and which class a village is.
#include "assessment/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::assessment {
namespace {

Tenths pts(double whole) { return static_cast<Tenths>(whole * kTenthsPerPoint + 0.5); }

const Indicator& indicator(const char* code) {
  for (const auto& i : default_catalogue()) {
    if (i.code == code) return i;
  }
  ADD_FAILURE() << code;
  return default_catalogue().front();
}

Figures with(Figure f, std::int64_t num, std::int64_t den = 1) {
  Figures out;
  out.values[f] = Value{num, den};
  return out;
}

bool says(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Indicators, LifeComplianceScoresInProportionBetweenTheCountysZeroAndFullLines) {
  const auto& life = indicator("life_compliance");
  EXPECT_EQ(life.points, pts(20));
  const auto s = score(life, with(Figure::life_compliance, 24, 30));
  EXPECT_EQ(s.points, pts(10)) << "80% is half way from 60% to 100%";
  EXPECT_EQ(s.figures, std::vector<Figure>{Figure::life_compliance}) << "the score links to the figure it came from";
  EXPECT_TRUE(says(s.explanation, "组织生活落实率24/30（80.0%）")) << s.explanation;
  EXPECT_TRUE(says(s.explanation, "60%得0分、100%得满分20分")) << s.explanation;
  EXPECT_TRUE(says(s.explanation, "得10分")) << s.explanation;
  EXPECT_EQ(score(life, with(Figure::life_compliance, 46, 48)).points, pts(17.9)) << "95.8% rounds to a tenth";
  EXPECT_EQ(score(life, with(Figure::life_compliance, 18, 30)).points, 0) << "exactly on the zero line";
  EXPECT_EQ(score(life, with(Figure::life_compliance, 5, 30)).points, 0) << "below it, not negative";
  EXPECT_EQ(score(life, with(Figure::life_compliance, 30, 30)).points, pts(20));
}

TEST(Indicators, DuesArrearsScoreMoreTheFewerMembersOwe) {
  const auto& dues = indicator("dues_paid");
  EXPECT_EQ(score(dues, with(Figure::dues_arrears, 0, 40)).points, pts(10));
  EXPECT_EQ(score(dues, with(Figure::dues_arrears, 2, 40)).points, pts(5)) << "5% is half way to the 10% zero line";
  EXPECT_EQ(score(dues, with(Figure::dues_arrears, 4, 40)).points, 0);
  EXPECT_EQ(score(dues, with(Figure::dues_arrears, 9, 40)).points, 0);
}

TEST(Indicators, AYearWithoutAppealsLosesNoPointsUnlessTheCountySaysOtherwise) {
  auto appeals = indicator("appeals_resolution");
  const auto none = score(appeals, with(Figure::appeals_resolution, 0, 0));
  EXPECT_EQ(none.points, appeals.points);
  EXPECT_TRUE(says(none.explanation, "诉求解决率无可计数据，按满分计")) << none.explanation;
  appeals.formula.empty_full = false;
  EXPECT_EQ(score(appeals, with(Figure::appeals_resolution, 0, 0)).points, 0);
}

TEST(Indicators, ClaimedNeedsEarnAPointEachUpToTheMarksAndADeductionStopsAtZero) {
  const auto& needs = indicator("needs_claimed");
  EXPECT_EQ(score(needs, with(Figure::needs_claimed, 3)).points, pts(3));
  EXPECT_EQ(score(needs, with(Figure::needs_claimed, 7)).points, pts(5)) << "capped at the indicator's marks";
  Indicator overdue{"overdue_count", "诉求超期扣分",
                    pts(6),          100,
                    kCounty,         Formula{FormulaKind::per_count, Figure::needs_claimed, 0, 100, -pts(2)}};
  EXPECT_EQ(score(overdue, with(Figure::needs_claimed, 2)).points, pts(2));
  EXPECT_EQ(score(overdue, with(Figure::needs_claimed, 5)).points, 0);
  EXPECT_TRUE(says(score(overdue, with(Figure::needs_claimed, 1)).explanation, "每次扣2分，扣完为止"));
}

TEST(Indicators, EvaluationHeldIsYesOrNo) {
  const auto& held = indicator("evaluation_held");
  EXPECT_EQ(score(held, with(Figure::evaluation_held, 1)).points, pts(5));
  const auto no = score(held, with(Figure::evaluation_held, 0));
  EXPECT_EQ(no.points, 0);
  EXPECT_TRUE(says(no.explanation, "开展民主评议党员：否")) << no.explanation;
}

TEST(Indicators, AManualScoreIsTheReviewersWithinTheMarksAndMissingUntilGiven) {
  const auto& duty = indicator("secretary_duty");
  const auto missing = score(duty, Figures{});
  EXPECT_EQ(missing.points, 0);
  EXPECT_FALSE(missing.complete);
  EXPECT_TRUE(says(missing.explanation, "尚未评分")) << missing.explanation;
  Figures f;
  f.manual["secretary_duty"] = pts(8.5);
  EXPECT_EQ(score(duty, f).points, pts(8.5));
  EXPECT_TRUE(score(duty, f).complete);
  f.manual["secretary_duty"] = pts(12);
  EXPECT_EQ(score(duty, f).points, pts(10)) << "never above the indicator's marks";
}

TEST(Indicators, AFigureTheServiceCouldNotGatherScoresNothingAndSaysSo) {
  const auto s = score(indicator("dual_report"), Figures{});
  EXPECT_EQ(s.points, 0);
  EXPECT_FALSE(s.complete);
  EXPECT_TRUE(says(s.explanation, "未取得双报到党员参与率")) << s.explanation;
}

TEST(Indicators, AWeightScalesBothTheScoreAndTheMarks) {
  auto life = indicator("life_compliance");
  life.weight_pct = 50;
  const auto s = score(life, with(Figure::life_compliance, 30, 30));
  EXPECT_EQ(s.points, pts(10));
  EXPECT_EQ(s.max_points, pts(10));
  EXPECT_TRUE(says(s.explanation, "权重50%")) << s.explanation;
}

TEST(Catalogue, TheCountysDefaultAddsUpToAHundredAndNamesEverySource) {
  const auto& all = default_catalogue();
  EXPECT_EQ(catalogue_total(all), kFullMarks);
  EXPECT_TRUE(catalogue_problems(all).empty());
  for (const auto& i : all) {
    EXPECT_FALSE(i.source.empty()) << i.code;
    if (i.formula.figure) {
      EXPECT_EQ(parse_figure(figure_name(*i.formula.figure)), i.formula.figure) << i.code;
    }
  }
  EXPECT_EQ(figure_module(Figure::appeals_overdue), "appeals");
  EXPECT_EQ(parse_formula("per_count"), FormulaKind::per_count);
  EXPECT_FALSE(parse_formula("sql"));
}

TEST(Catalogue, AnEditThatBreaksItIsRefusedInTheCountysWords) {
  auto edited = default_catalogue();
  edited[0].points = pts(25);
  edited[1].code = edited[0].code;
  edited[2].formula.zero_pct = edited[2].formula.full_pct;
  edited[3].formula = Formula{FormulaKind::linear, Figure::needs_claimed};
  const auto problems = catalogue_problems(edited);
  const auto has = [&](const std::string& part) {
    for (const auto& p : problems) {
      if (says(p, part)) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("指标合计105分，应为100分"));
  EXPECT_TRUE(has("的代码life_compliance重复"));
  EXPECT_TRUE(has("0分线与满分线不能相同"));
  EXPECT_TRUE(has("按比率折算须取比率"));
}

TEST(Catalogue, ABranchWithAPerfectRecordScoresAHundredAndEachScoreIsKept) {
  Figures f;
  for (const auto fig :
       {Figure::life_compliance, Figure::development_on_time, Figure::appeals_response, Figure::appeals_resolution,
        Figure::appeals_satisfaction, Figure::dual_report_active, Figure::evaluation_qualified}) {
    f.values[fig] = Value{10, 10};
  }
  f.values[Figure::dues_arrears] = Value{0, 30};
  f.values[Figure::appeals_overdue] = Value{0, 12};
  f.values[Figure::needs_claimed] = Value{6, 1};
  f.values[Figure::evaluation_held] = Value{1, 1};
  f.manual["secretary_duty"] = pts(10);
  const auto t = assess(default_catalogue(), f);
  EXPECT_EQ(t.points, kFullMarks);
  EXPECT_TRUE(t.complete);
  EXPECT_EQ(t.scores.size(), default_catalogue().size());
  f.manual.clear();
  EXPECT_FALSE(assess(default_catalogue(), f).complete) << "a missing manual score leaves the total incomplete";
}

TEST(Stars, FiveTiersOnAHundredPointsWithTheLinesIncluded) {
  const StarLines lines;
  EXPECT_EQ(tier_of(pts(90), lines), 5);
  EXPECT_EQ(tier_of(pts(89.9), lines), 4);
  EXPECT_EQ(tier_of(pts(80), lines), 4);
  EXPECT_EQ(tier_of(pts(79.9), lines), 3);
  EXPECT_EQ(tier_of(pts(70), lines), 3);
  EXPECT_EQ(tier_of(pts(60), lines), 2);
  EXPECT_EQ(tier_of(pts(59.9), lines), 1);
  EXPECT_EQ(tier_of(0, lines), 1) << "every branch rated holds at least one star";
  EXPECT_EQ(stars_label(4), "四星级");
}

TEST(Stars, TheCountysLinesMustRiseWithTheStars) {
  StarLines lines;
  EXPECT_FALSE(star_lines_problem(lines));
  lines.four = lines.five;
  EXPECT_EQ(star_lines_problem(lines), "星级分数线应随星级升高：二星<三星<四星<五星");
  lines = StarLines{};
  lines.five_quota_pct = 120;
  EXPECT_TRUE(star_lines_problem(lines));
  const auto raised = star_lines_from({{"star_five_min", 95}, {"star_five_quota_pct", 10}});
  EXPECT_EQ(raised.five, pts(95));
  EXPECT_EQ(raised.four, pts(80)) << "a key not set keeps its default";
  EXPECT_EQ(raised.five_quota_pct, 10);
}

std::vector<std::pair<std::string, Tenths>> ten_branches(std::vector<double> top) {
  std::vector<std::pair<std::string, Tenths>> out;
  for (std::size_t i = 0; i < 10; ++i) out.emplace_back("b" + std::to_string(i), pts(i < top.size() ? top[i] : 65));
  return out;
}

TEST(Stars, AQuotaKeepsTheHighestScoresAndDropsTheRestOneTier) {
  StarLines lines;
  lines.five_quota_pct = 20;  // 2 of 10
  const auto r = rate(ten_branches({91, 98, 93, 95}), lines);
  EXPECT_EQ(r[1].stars, 5);
  EXPECT_EQ(r[3].stars, 5);
  EXPECT_TRUE(r[1].note.empty());
  EXPECT_EQ(r[2].stars, 4);
  EXPECT_EQ(r[0].stars, 4);
  EXPECT_EQ(r[2].note, "五星级名额2个（参评10个的20%），得分93分列第3，超出名额，降为四星级");
  EXPECT_EQ(r[0].id, "b0") << "the branches keep their order";
  EXPECT_EQ(r[9].stars, 2);
  lines.five_quota_pct = 5;  // 5% of 10 rounds down to none
  const auto none = rate(ten_branches({98}), lines);
  EXPECT_EQ(none[0].stars, 4);
  EXPECT_EQ(none[0].note, "五星级名额0个（参评10个的5%），得分98分列第1，超出名额，降为四星级");
}

TEST(Stars, BranchesTiedAtAQuotasEdgeAllDropUnlessTheCountyLetsThemAllKeep) {
  StarLines lines;
  lines.five_quota_pct = 20;
  auto r = rate(ten_branches({98, 95, 95}), lines);
  EXPECT_EQ(r[0].stars, 5);
  EXPECT_EQ(r[1].stars, 4);
  EXPECT_EQ(r[2].stars, 4);
  EXPECT_TRUE(says(r[1].note, "与第2名同分、名额不足以容纳全部同分者，按县里规定同分者均降为四星级")) << r[1].note;
  lines.quota_ties_keep = 1;
  r = rate(ten_branches({98, 95, 95}), lines);
  EXPECT_EQ(r[1].stars, 5);
  EXPECT_EQ(r[2].stars, 5);
  EXPECT_TRUE(r[1].note.empty()) << "inside the quota: nothing to explain";
  EXPECT_TRUE(says(r[2].note, "与名额内末位同分，按县里规定同分者均保留五星级")) << r[2].note;
}

TEST(Stars, ABranchDroppedFromFiveStarsMeetsTheFourStarQuotaToo) {
  StarLines lines;
  lines.five_quota_pct = 10;  // 1 of 10
  lines.four_quota_pct = 20;  // 2 of 10
  const auto r = rate(ten_branches({99, 92, 85, 82}), lines);
  EXPECT_EQ(r[0].stars, 5);
  EXPECT_EQ(r[1].stars, 4) << "92 outranks the native four-star branches";
  EXPECT_EQ(r[2].stars, 4);
  EXPECT_EQ(r[3].stars, 3);
  EXPECT_TRUE(says(r[3].note, "四星级名额2个")) << r[3].note;
}

TEST(Stars, TheShareAtFourStarsOrMoreIsTheSeedsNinetyTwoPercent) {
  std::vector<int> stars(25, 4);
  stars[3] = 5;
  stars[7] = 3;
  stars[9] = 2;
  const auto s = share_at_least(stars, 4);
  EXPECT_EQ(s.count, 23);
  EXPECT_EQ(s.total, 25);
  EXPECT_EQ(s.text, "92.0%");
  EXPECT_EQ(share_at_least({}, 4).text, "—");
}

TEST(VillageClasses, FollowTheCountysLinesAndAWeakVillageIsStrengthening) {
  const ClassLines lines;
  EXPECT_EQ(class_of(pts(85), lines, false).cls, VillageClass::model);
  EXPECT_EQ(class_of(pts(84.9), lines, false).cls, VillageClass::striving);
  EXPECT_EQ(class_of(pts(60), lines, false).cls, VillageClass::striving);
  const auto low = class_of(pts(59.9), lines, false);
  EXPECT_EQ(low.cls, VillageClass::strengthening);
  EXPECT_EQ(low.reason, "考核得分59.9分，低于创优村分数线60分");
  const auto weak = class_of(pts(92), lines, true);
  EXPECT_EQ(weak.cls, VillageClass::strengthening);
  EXPECT_TRUE(says(weak.reason, "软弱涣散")) << weak.reason;
  EXPECT_EQ(class_label(VillageClass::striving), "创优村");
  EXPECT_EQ(parse_class("model"), VillageClass::model);
  EXPECT_EQ(class_lines_from({{"class_model_min", 90}}).model, pts(90));
}

TEST(Settings, EveryLocalNumberHasALabelARangeAndADefaultInsideIt) {
  for (const auto& k : setting_keys()) {
    EXPECT_FALSE(k.label.empty()) << k.key;
    EXPECT_LE(k.min, k.fallback) << k.key;
    EXPECT_LE(k.fallback, k.max) << k.key;
    EXPECT_EQ(setting_key(k.key), &k);
  }
  EXPECT_EQ(setting_key("nope"), nullptr);
  EXPECT_EQ(points_text(875), "87.5");
  EXPECT_EQ(points_text(900), "90");
}

}  // namespace
}  // namespace jiceng::assessment
