// 双报到 as a community sees it: in-service members report, sign up and check in at activities
// with the code shown there, and the monthly notice ranks their units by how many took part;
// members idle for months are listed for their branch.
#include "dual_report/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_county.hpp"

namespace jiceng::dual_report {
namespace {

using core::Role;

constexpr char kCode[] = "scan-me-here";

class DualReportService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = staff(Role::community_secretary, kCommunity);
    power = unit("县供电公司", kUnitBranch);
    li = member("李梅", kUnitBranch);
    li_account = member_account(li, "李梅");
    wang = member("王强", kUnitBranch);
    wang_account = member_account(wang, "王强");
  }

  std::int64_t report_member(const core::Principal& who) {
    ReportInput in;
    in.kind = "member";
    in.area_id = kCommunity;
    return report(app(), as(who), in);
  }
  // An activity of the community starting `from_now` seconds from now and lasting `hours`.
  std::int64_t activity(std::int64_t from_now, std::int64_t hours, std::int64_t places = 10) {
    return insert(
        "INSERT INTO activity (title, area_id, area_path, place, starts_at, ends_at, places, max_hours, "
        "checkin_code, status, created_at, updated_at) VALUES ('清洁家园', ?, ?, '社区广场', ?, ?, ?, 4, ?, 'open', "
        "?, ?) RETURNING id",
        {kCommunity, path(kCommunity), now() + from_now, now() + from_now + hours * kHour, places, std::string(kCode),
         now(), now()});
  }
  Notice notice_of(const std::string& month) { return notice(app(), secretary, kCommunity, month); }
  static const NoticeRow* row_of(const Notice& n, const std::string& unit) {
    for (const auto& r : n.rows) {
      if (r.unit_name == unit) return &r;
    }
    return nullptr;
  }
  std::vector<std::string> inactive_names(std::int64_t months) {
    InactiveFilter f;
    f.months = months;
    std::vector<std::string> out;
    for (const auto& r : inactive(app(), secretary, f)) out.emplace_back(r.at("member_name").as_string());
    return out;
  }

  core::Principal secretary, li_account, wang_account;
  std::int64_t power = 0, li = 0, wang = 0;
};

TEST_F(DualReportService, AnInServiceMemberReportsOnceAndCountsForTheUnitTheyWorkAt) {
  report_member(li_account);
  EXPECT_EQ(refusal([&] { report_member(li_account); }).status, 409);
  const auto n = notice_of("2026-11");
  const auto* row = row_of(n, "县供电公司");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->reported, 1);
  EXPECT_EQ(row->active, 0);
}

TEST_F(DualReportService, ARetiredMemberIsNotAskedToReportToWhereTheyLive) {
  const auto retired = member_account(member("赵老", kCommunityBranch, "retired"), "赵老");
  const auto r = refusal([&] { report_member(retired); });
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.field, "member_id");
}

TEST_F(DualReportService, CheckInOpensHalfAnHourBeforeTheStartAndCreditsTheActivitysLength) {
  report_member(li_account);
  const auto id = activity(2 * kHour, 3);
  EXPECT_EQ(refusal([&] { check_in(app(), as(li_account), id, li, kCode); }).status, 409);  // two hours early
  pass_time(2 * kHour - 20 * 60);
  EXPECT_EQ(refusal([&] { check_in(app(), as(li_account), id, li, "wrong-code"); }).field, "code");
  const auto done = check_in(app(), as(li_account), id, li, kCode);  // a walk-in: signed up at the door
  EXPECT_EQ(done.hours, 3.0);
  EXPECT_EQ(refusal([&] { check_in(app(), as(li_account), id, li, kCode); }).status, 409);
  EXPECT_EQ(scalar("SELECT signed_up FROM activity WHERE id = ?", {id}), 1);
  EXPECT_EQ(scalar("SELECT checked_in FROM activity WHERE id = ?", {id}), 1);
}

TEST_F(DualReportService, OnlyMembersReportedToTheCommunitySignUpAndNoMoreThanThePlaces) {
  const auto id = activity(kDay, 2, 1);
  EXPECT_EQ(refusal([&] { sign_up(app(), as(li_account), id, li); }).status, 409);  // not reported yet
  report_member(li_account);
  report_member(wang_account);
  EXPECT_EQ(sign_up(app(), as(li_account), id, li), now());
  const auto full = refusal([&] { sign_up(app(), as(wang_account), id, wang); });
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(full.message, "该活动名额已满");
}

TEST_F(DualReportService, TheNoticeRanksUnitsByTheShareOfTheirReportedMembersWhoTookPart) {
  const auto water = unit("县自来水公司", std::nullopt);
  db().write([&](store::Conn& c) {
    c.execute(
        "INSERT INTO party_org (id, parent_id, name, level, kind, area_id, area_path, path, depth, "
        "created_at, updated_at) VALUES (9, 1, '自来水党支部', 'branch', 'branch', 1, '/1/', '/1/9/', 2, 0, 0)");
    c.execute("UPDATE unit SET party_org_id = 9 WHERE id = ?", {water});
  });
  const auto zhao = member("赵刚", 9);
  const auto zhao_account = member_account(zhao, "赵刚");
  report_member(li_account);
  report_member(wang_account);
  report_member(zhao_account);
  const auto id = activity(0, 2);
  check_in(app(), as(li_account), id, li, kCode);
  check_in(app(), as(zhao_account), id, zhao, kCode);

  const auto n = notice_of("");  // this month
  EXPECT_EQ(n.month, "2026-11");
  EXPECT_EQ(n.activities, 1);
  ASSERT_EQ(n.rows.size(), 2u);
  EXPECT_EQ(n.rows[0].unit_name, "县自来水公司");  // 1 of 1 took part
  EXPECT_EQ(n.rows[0].share(), 1.0);
  EXPECT_EQ(n.rows[1].unit_name, "县供电公司");  // 1 of 2
  EXPECT_EQ(n.rows[1].reported, 2);
  EXPECT_EQ(n.rows[1].active, 1);
  EXPECT_EQ(n.rows[1].hours, 2.0);
}

TEST_F(DualReportService, AMemberCountsAsReportedEveryMonthUntilTheMonthTheReportEnds) {
  const auto id = report_member(li_account);
  pass_time(30 * kDay);  // December
  EXPECT_EQ(row_of(notice_of("2026-12"), "县供电公司")->reported, 1);
  end_report(app(), as(li_account), id);
  EXPECT_EQ(refusal([&] { end_report(app(), as(li_account), id); }).status, 409);
  EXPECT_EQ(row_of(notice_of("2026-12"), "县供电公司")->reported, 1);
  EXPECT_EQ(row_of(notice_of("2027-01"), "县供电公司"), nullptr);
  EXPECT_EQ(row_of(notice_of("2026-11"), "县供电公司")->reported, 1);
}

TEST_F(DualReportService, TheNoticeIsForStaffOverTheAreaAndForARealMonth) {
  const auto elsewhere = staff(Role::community_secretary, kOtherCommunity, "和平社区书记");
  EXPECT_EQ(refusal([&] { notice(app(), elsewhere, kCommunity, "2026-11"); }).status, 403);
  EXPECT_EQ(refusal([&] { notice(app(), li_account, kCommunity, "2026-11"); }).status, 403);
  EXPECT_EQ(refusal([&] { notice_of("2026-13"); }).field, "month");
}

TEST_F(DualReportService, AReportedMemberWithNoCheckInForThreeMonthsIsListedAsInactive) {
  report_member(li_account);
  report_member(wang_account);
  const auto id = activity(0, 2);
  check_in(app(), as(li_account), id, li, kCode);
  // Wang has never taken part; Li took part today.
  EXPECT_EQ(inactive_names(3), (std::vector<std::string>{"王强"}));
  pass_time(89 * kDay);
  EXPECT_EQ(inactive_names(3), (std::vector<std::string>{"王强"}));
  pass_time(2 * kDay);
  EXPECT_EQ(inactive_names(3), (std::vector<std::string>{"李梅", "王强"}));
}

TEST_F(DualReportService, AnActivitySomeoneCheckedInToCannotBeCancelled) {
  report_member(li_account);
  const auto quiet = activity(kDay, 2);
  const auto busy = activity(0, 2);
  check_in(app(), as(li_account), busy, li, kCode);
  EXPECT_EQ(refusal([&] { cancel_activity(app(), as(secretary), busy, "下雨"); }).status, 409);
  cancel_activity(app(), as(secretary), quiet, "下雨");
  EXPECT_EQ(text("SELECT status FROM activity WHERE id = ?", {quiet}), "cancelled");
  EXPECT_EQ(refusal([&] { sign_up(app(), as(li_account), quiet, li); }).status, 409);
}

}  // namespace
}  // namespace jiceng::dual_report
