// The dues rules read as a branch secretary would: what each member pays a month, and why; how
// far back and ahead a payment may reach; when a member is warned and when the branch must act.
#include "dues/rules.hpp"

#include <gtest/gtest.h>

#include "core/dates.hpp"

namespace jiceng::dues {
namespace {

constexpr Fen kYuan = 100;
constexpr Fen kFarmer = 50;  // a province that set 0.5 元

int month(const char* ym) { return *month_number(ym); }

// The clock the tests move: today's month, as the service reads it from App::now.
struct FakeClock final {
  int current = 0;
  void set(const char* ymd) { current = month_of_day(core::parse_day(ymd)); }
};

TEST(WageBands, AWageOf3000YuanOrLessPaysHalfAPercent) {
  const auto a = assess(Kind::wage, 3000 * kYuan, kFarmer);
  EXPECT_EQ(a.rate_bp, 50);
  EXPECT_EQ(a.monthly, 15 * kYuan);
  EXPECT_NE(a.band.find("3000元以下"), std::string::npos);
  EXPECT_NE(a.source.find(kRegulation), std::string::npos);
}

TEST(WageBands, AboveEachThresholdTheNextRateApplies) {
  EXPECT_EQ(assess(Kind::wage, 3000 * kYuan + 1, kFarmer).rate_bp, 100);
  EXPECT_EQ(assess(Kind::wage, 5000 * kYuan, kFarmer).rate_bp, 100);
  EXPECT_EQ(assess(Kind::wage, 5000 * kYuan + 1, kFarmer).rate_bp, 150);
  EXPECT_EQ(assess(Kind::wage, 10000 * kYuan, kFarmer).rate_bp, 150);
  EXPECT_EQ(assess(Kind::wage, 10000 * kYuan + 1, kFarmer).rate_bp, 200);
  EXPECT_EQ(assess(Kind::wage, 4200 * kYuan, kFarmer).monthly, 42 * kYuan);
  EXPECT_EQ(assess(Kind::wage, 8000 * kYuan, kFarmer).monthly, 120 * kYuan);
  EXPECT_EQ(assess(Kind::wage, 12000 * kYuan, kFarmer).monthly, 240 * kYuan);
}

TEST(WageBands, AreReckonedToTheFenRoundingHalfUp) {
  EXPECT_EQ(assess(Kind::wage, 2999 * kYuan + 99, kFarmer).monthly, 1500);  // 14.99995 元 → 15.00
  EXPECT_EQ(assess(Kind::wage, 2345 * kYuan + 67, kFarmer).monthly, 1173);  // 11.72835 元 → 11.73
  EXPECT_EQ(percent_of(101, 50), 1);                                        // 0.505 分 → 1 分
  EXPECT_EQ(percent_of(99, 50), 0);
}

TEST(AnnualSalariesAndTheSelfEmployed, AreReadAgainstTheWageBandsWithTheirOwnBasis) {
  const auto salary = assess(Kind::annual_salary, 20000 * kYuan, kFarmer);
  EXPECT_EQ(salary.rate_bp, 200);
  EXPECT_EQ(salary.monthly, 400 * kYuan);
  EXPECT_NE(salary.source.find("年薪制"), std::string::npos);
  const auto shop = assess(Kind::self_employed, 4000 * kYuan, kFarmer);
  EXPECT_EQ(shop.rate_bp, 100);
  EXPECT_NE(shop.band.find("上季度月平均纯收入"), std::string::npos);
}

TEST(Retirees, PayHalfAPercentUpTo5000YuanAndOnePercentAbove) {
  EXPECT_EQ(assess(Kind::retired, 5000 * kYuan, kFarmer).rate_bp, 50);
  EXPECT_EQ(assess(Kind::retired, 5000 * kYuan, kFarmer).monthly, 25 * kYuan);
  EXPECT_EQ(assess(Kind::retired, 6000 * kYuan, kFarmer).rate_bp, 100);
  EXPECT_EQ(assess(Kind::retired, 6000 * kYuan, kFarmer).monthly, 60 * kYuan);
  EXPECT_NE(assess(Kind::retired, 1, kFarmer).source.find("离退休"), std::string::npos);
}

TEST(Farmers, PayTheProvincesAmountWhateverTheirIncome) {
  EXPECT_EQ(assess(Kind::farmer, 0, kFarmer).monthly, kFarmer);
  EXPECT_EQ(assess(Kind::farmer, 0, 100).monthly, 100);
  EXPECT_NE(assess(Kind::farmer, 0, kFarmer).source.find("0.2元至1元"), std::string::npos);
  EXPECT_FALSE(needs_base(Kind::farmer));
}

TEST(StudentsTheUnemployedAndLowIncomeMembers, Pay20Fen) {
  for (const auto k : {Kind::student, Kind::unemployed, Kind::low_income}) {
    EXPECT_EQ(assess(k, 123456, kFarmer).monthly, 20) << kind_name(k);
    EXPECT_EQ(assess(k, 0, kFarmer).rate_bp, 0);
    EXPECT_FALSE(needs_base(k));
  }
}

TEST(Kinds, AreReadByCodeOrByTheLabelOfficesWrite) {
  EXPECT_EQ(parse_kind("retired"), Kind::retired);
  EXPECT_EQ(parse_kind("离退休"), Kind::retired);
  EXPECT_EQ(parse_kind("年薪制"), Kind::annual_salary);
  EXPECT_FALSE(parse_kind("pensioner"));
  EXPECT_EQ(kind_for_category("rural"), Kind::farmer);
  EXPECT_EQ(kind_for_category("student"), Kind::student);
  EXPECT_FALSE(kind_for_category("in_service"));  // the wage must be recorded first
}

TEST(Money, IsReadFromYuanIntoFenWithoutFloatingPoint) {
  EXPECT_EQ(parse_yuan("12"), 1200);
  EXPECT_EQ(parse_yuan("12.5"), 1250);
  EXPECT_EQ(parse_yuan(" 1,234.56 "), 123456);
  EXPECT_EQ(parse_yuan("0.2"), 20);
  EXPECT_EQ(parse_yuan("42.00000000001"), 4200);  // what a spreadsheet stores for 42
  EXPECT_EQ(parse_yuan("41.9999999999"), 4200);
  EXPECT_EQ(parse_yuan("0.015"), 2);
  for (const char* bad : {"", "-1", "12.", "abc", "1e3", "12.3.4", "１２", "9999999999999"}) {
    EXPECT_FALSE(parse_yuan(bad)) << bad;
  }
  EXPECT_EQ(yuan(1250), "12.50");
  EXPECT_EQ(yuan(20), "0.20");
  EXPECT_EQ(yuan(0), "0.00");
}

TEST(Months, AreNumbersThatCrossTheYear) {
  EXPECT_EQ(month("2026-12") + 1, month("2027-01"));
  EXPECT_EQ(month_code(month("2027-01") - 2), "2026-11");
  EXPECT_EQ(quarter_end(month("2026-11")), month("2026-12"));
  EXPECT_EQ(quarter_end(month("2027-01")), month("2027-03"));
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-01", "2026/01", ""}) {
    EXPECT_FALSE(month_number(bad)) << bad;
  }
}

TEST(BackPayment, ReachesSixMonthsBackAndNoFurther) {
  FakeClock clock;
  clock.set("2027-01-15");
  EXPECT_FALSE(check_settlement(month("2026-07"), 6, clock.current));  // six months back: allowed
  const auto refused = check_settlement(month("2026-06"), 1, clock.current);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, "back_payment");
  EXPECT_NE(refused->message.find("6个月"), std::string::npos);
  EXPECT_NE(refused->message.find(kRegulation), std::string::npos);
}

TEST(Prepayment, ReachesTheEndOfTheQuarter) {
  FakeClock clock;
  clock.set("2026-10-08");
  EXPECT_FALSE(check_settlement(month("2026-10"), 3, clock.current));  // a quarter at once
  const auto refused = check_settlement(month("2026-10"), 4, clock.current);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, "prepayment");
  EXPECT_NE(refused->message.find("2026-12"), std::string::npos);
  clock.set("2026-12-31");
  EXPECT_TRUE(check_settlement(month("2026-12"), 2, clock.current));  // not into next year's quarter
}

TEST(Standing, AMemberIsWarnedAtThreeMonthsAndTheBranchMustActAtSix) {
  FakeClock clock;
  clock.set("2026-11-20");
  EXPECT_EQ(standing(month("2026-11"), clock.current, 3).owed, 0);  // this month is not yet owed
  const auto two = standing(month("2026-09"), clock.current, 3);
  EXPECT_EQ(two.owed, 2);
  EXPECT_FALSE(two.warn);
  const auto three = standing(month("2026-08"), clock.current, 3);
  EXPECT_TRUE(three.warn);
  EXPECT_FALSE(three.lapse);
  EXPECT_NE(three.reason.find("2026-08"), std::string::npos);
  const auto six = standing(month("2026-05"), clock.current, 3);
  EXPECT_TRUE(six.lapse);
  EXPECT_FALSE(six.warn);
  EXPECT_NE(six.source.find("自行脱党"), std::string::npos);
  clock.set("2027-02-01");  // the months keep counting across the year
  EXPECT_EQ(standing(month("2026-11"), clock.current, 3).owed, 3);
}

TEST(VoluntaryPayments, OfAThousandYuanOrMoreGoToTheCentre) {
  EXPECT_FALSE(goes_to_centre(999 * kYuan + 99));
  EXPECT_TRUE(goes_to_centre(1000 * kYuan));
}

}  // namespace
}  // namespace jiceng::dues
