// Dues as a branch and its higher committee keep them: a member assessed and paying, a wrong amount
// and a back-payment beyond six months refused with their rules, a reduction that needs the higher
// committee, a payments sheet taken all or nothing, the sheet and totals from the tally, the
// warnings the sweep writes once, and what lies outside one's scope.
#include "dues/service.hpp"
#include "dues/sheet.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "dues/hooks.hpp"
#include "testing/test_county.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;
using core::Role;

class DuesService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = branch_secretary(kCommunityBranch);
    community = staff(Role::community_secretary, kCommunity, "社区书记");
    zhang = member("张三", kCommunityBranch);
    li = member("李四", kCommunityBranch, "retired");
    wang = member("王五", kCommunityBranch, "rural");
  }

  void assess(std::int64_t m, const std::string& kind, std::optional<Fen> base) {
    BaseChange b;
    b.member_id = m;
    b.kind = kind;
    b.base_fen = base;
    set_base(app(), as(secretary), b);
  }

  bj::object pay_months(std::int64_t m, int months, std::optional<Fen> amount) {
    Payment p;
    p.member_id = m;
    p.months = months;
    p.amount_fen = amount;
    p.paid_on = core::day_of(now());
    p.method = "cash";
    return pay(app(), as(secretary), p);
  }

  std::int64_t payments() { return scalar("SELECT COUNT(*) FROM dues_payment"); }

  core::Principal secretary, community;
  std::int64_t zhang = 0, li = 0, wang = 0;
};

TEST_F(DuesService, AWageEarnerIsAssessedByBandAndPaysTheMonth) {
  assess(zhang, "wage", 4200 * 100);
  const auto paid = pay_months(zhang, 1, 4200);
  EXPECT_EQ(paid.at("monthly_fen").as_int64(), 4200);
  EXPECT_EQ(paid.at("next_due").as_string(), "2026-12");
  EXPECT_EQ(paid.at("owed_months").as_int64(), 0);
  EXPECT_EQ(scalar("SELECT collected_fen FROM dues_tally WHERE month = '2026-11'"), 4200);
  EXPECT_EQ(scalar("SELECT settled_members FROM dues_tally WHERE month = '2026-11'"), 1);
}

TEST_F(DuesService, AFarmerPaysTheProvincesAmountWithoutABase) {
  assess(wang, "farmer", std::nullopt);
  EXPECT_EQ(pay_months(wang, 1, std::nullopt).at("monthly_fen").as_int64(), 20);
}

TEST_F(DuesService, AnAmountThatIsNotTheDueIsRefusedAndNothingIsWritten) {
  assess(li, "retired", 6000 * 100);  // 1%: 60 元
  const auto r = refusal([&] { pay_months(li, 1, 5000); });
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.field, "amount_fen");
  EXPECT_NE(r.message.find("60.00"), std::string::npos);
  EXPECT_NE(r.message.find("离退休"), std::string::npos);
  EXPECT_EQ(payments(), 0);
}

TEST_F(DuesService, SevenMonthsBehindCannotBePaidBackAndTheBranchIsToldToAct) {
  assess(zhang, "wage", 2000 * 100);
  pass_time(31 * 7 * kDay);  // into 2027-06: 2026-11 is seven months back
  const auto r = refusal([&] { pay_months(zhang, 1, std::nullopt); });
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code, "back_payment");
  EXPECT_NE(r.message.find("6个月"), std::string::npos);
  const auto mine = member_dues(app(), secretary, zhang);
  EXPECT_TRUE(mine.at("lapse").as_bool());
  EXPECT_NE(mine.at("rule_source").as_string().find("自行脱党"), std::string::npos);
}

TEST_F(DuesService, RelationsIsToldHowManyMonthsAMemberIsBehindAndNothingOfTheUnassessed) {
  assess(zhang, "wage", 2000 * 100);
  pay_months(zhang, 1, std::nullopt);  // 2026-11 settled
  pass_time(31 * 7 * kDay);            // into 2027-06
  const std::vector<std::int64_t> ids{zhang, li};
  const auto behind =
      app().db.read([&](store::Conn& c) { return hooks::months_since_paid(c, ids, core::local_day(now())); });
  ASSERT_EQ(behind.size(), 1U) << "李四 has no dues account: relations does not judge him";
  EXPECT_EQ(behind.at(zhang), member_dues(app(), secretary, zhang).at("owed_months").as_int64());
  EXPECT_EQ(behind.at(zhang), 6) << "2026-12 to 2027-05";
}

// (At most hourly is the app's one gate: app/modules_test.cpp.)
TEST_F(DuesService, TheSweepWarnsOncePerEpisode) {
  assess(zhang, "wage", 2000 * 100);
  assess(li, "retired", 3000 * 100);
  pay_months(li, 1, std::nullopt);
  pass_time(31 * 3 * kDay);  // 2027-02: 张三 owes Nov, Dec, Jan; 李四 Dec, Jan
  EXPECT_EQ(warn_arrears(app()), 1);
  EXPECT_EQ(warn_arrears(app()), 0);  // run again: nothing new to say
  EXPECT_EQ(text("SELECT rule FROM dues_warning WHERE member_id = ?", {zhang}), "arrears");
  pass_time(31 * 3 * kDay);  // six months: the branch must act
  EXPECT_EQ(warn_arrears(app()), 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM dues_warning WHERE member_id = ? AND rule = 'lapse'", {zhang}), 1);
  const auto list = warnings(app(), secretary, kCommunityBranch, 50, 0).at("items").as_array();
  EXPECT_EQ(list.size(), 3u);
  for (const auto& w : list) {
    const auto& source = w.at("source").as_string();
    if (w.at("rule").as_string() == "lapse") EXPECT_NE(source.find(kRegulation), std::string::npos);
    if (w.at("rule").as_string() == "arrears") EXPECT_NE(source.find("县委组织部"), std::string::npos);
  }
}

TEST_F(DuesService, AReductionNeedsTheHigherCommitteeNotTheBranch) {
  assess(zhang, "wage", 6000 * 100);  // 90 元
  ReductionRequest req;
  req.member_id = zhang;
  req.from_month = "2026-11";
  req.to_month = "2027-04";
  req.monthly_fen = 0;
  req.reason = "重病住院，家庭困难";
  req.decision = "2026年11月支委会研究同意免交";
  req.decided_on = "2026-11-20";
  const auto id = propose_reduction(app(), as(secretary), req).at("id").as_int64();
  EXPECT_EQ(member_dues(app(), secretary, zhang).at("monthly_fen").as_int64(), 9000);
  const auto own = refusal([&] { decide_reduction(app(), as(secretary), id, true, "同意"); });
  EXPECT_EQ(own.status, 403);
  EXPECT_NE(own.message.find("上一级党委批准"), std::string::npos);
  decide_reduction(app(), as(community), id, true, "社区党委同意");
  const auto paid = pay_months(zhang, 1, 0);
  EXPECT_EQ(paid.at("months").as_array().back().at("state").as_string(), "paid");
  EXPECT_TRUE(paid.at("months").as_array().back().at("reduced").as_bool());
}

TEST_F(DuesService, APaymentsSheetWithOneBadRowWritesNothing) {
  assess(zhang, "wage", 4200 * 100);
  assess(li, "retired", 3000 * 100);  // 15 元
  const io::Table sheet = {{"党员编号", "姓名", "交纳月数", "实交金额(元)", "交纳日期", "交纳方式", "代交人"},
                           {std::to_string(zhang), "张三", "1", "42.00", "2026-11-20", "微信", ""},
                           {std::to_string(li), "李四", "1", "16.00", "2026-11-20", "现金", "李小四"},
                           {std::to_string(wang), "王五", "", "", "", "", ""}};
  const auto bad = import_payments(app(), as(secretary), sheet, false);
  EXPECT_FALSE(bad.at("ok").as_bool());
  const auto& errors = bad.at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("row").as_int64(), 3);
  EXPECT_EQ(errors[0].at("column").as_string(), "实交金额(元)");
  EXPECT_EQ(payments(), 0);  // 张三's good row was not written either
  auto fixed = sheet;
  fixed[2][3] = "15";
  const auto good = import_payments(app(), as(secretary), fixed, false);
  EXPECT_TRUE(good.at("ok").as_bool());
  EXPECT_EQ(good.at("imported").as_int64(), 2);
  EXPECT_EQ(good.at("skipped").as_int64(), 1);  // 王五 paid nothing
  EXPECT_EQ(text("SELECT proxy_name FROM dues_payment WHERE member_id = ?", {li}), "李小四");
}

TEST_F(DuesService, TheSheetListsTheRollAndTotalsWhatWasPaid) {
  assess(zhang, "wage", 4200 * 100);
  assess(li, "retired", 3000 * 100);
  pay_months(zhang, 1, std::nullopt);
  const auto s = sheet(app(), secretary, kCommunityBranch, "2026-11");
  const auto& rows = s.at("rows").as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("paid_fen").as_int64(), 4200);
  EXPECT_TRUE(rows[1].at("paid_fen").is_null());
  EXPECT_FALSE(rows[2].at("assessed").as_bool());  // 王五 is not yet assessed
  const auto& t = s.at("totals").as_object();
  EXPECT_EQ(t.at("due_fen").as_int64(), 4200 + 1500);
  EXPECT_EQ(t.at("paid_fen").as_int64(), 4200);
  EXPECT_EQ(t.at("collected_fen").as_int64(), 4200);
  const auto table = sheet_table(collection_sheet(app(), secretary, kCommunityBranch, "2026-11"));
  EXPECT_EQ(table.size(), 5u);  // heading, three members, totals
  EXPECT_EQ(table[1][11], "42.00");
  const auto tot = totals(app(), community, kCommunityBranch, "2026-11");
  EXPECT_EQ(tot.at("total").at("collected_fen").as_int64(), 4200);
}

TEST_F(DuesService, AnotherCommunityNeitherReadsNorWritesThisBranchsDues) {
  assess(zhang, "wage", 4200 * 100);
  const auto other = staff(Role::community_secretary, kOtherCommunity, "另一社区书记");
  EXPECT_EQ(refusal([&] { sheet(app(), other, kCommunityBranch, "2026-11"); }).status, 404);
  EXPECT_EQ(refusal([&] { member_dues(app(), other, zhang); }).status, 404);
  Payment p;
  p.member_id = zhang;
  p.paid_on = "2026-11-20";
  p.method = "cash";
  EXPECT_EQ(refusal([&] { pay(app(), as(other), p); }).status, 404);
}

}  // namespace
}  // namespace jiceng::dues
