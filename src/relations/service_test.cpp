// Relations as a community and its branches see them, in-process on SQLite with a fake clock: a
// transfer moves the member only when the receiver confirms; the sweep runs hourly, writes each
// finding once with its source and to the outbox; the 空挂 check takes dues from whichever module
// keeps them (here a stand-in); a removal leaves the member on record.
#include "relations/service.hpp"

#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>

#include "app/modules.hpp"
#include "core/dates.hpp"
#include "people/service.hpp"
#include "relations/rules.hpp"
#include "testing/test_county.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;
using core::Role;

// What a dues module would answer: every member last paid seven months ago.
std::map<std::int64_t, std::int64_t> seven_months(store::Conn&, std::span<const std::int64_t> ids, std::int64_t) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto id : ids) out[id] = 7;
  return out;
}
const Module kFakeDues{.name = "dues_stand_in", .months_since_dues_paid = seven_months};

class RelationsService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    community = staff(Role::community_secretary, kCommunity, "社区书记");
    street = staff(Role::street_officer, kStreet, "街道干部");
    receiver = branch_secretary(kUnitBranch, "供电公司支部书记");
    zhang = member("张三", kCommunityBranch);
    db().write([&](store::Conn& c) { c.execute("UPDATE member SET status = 'full'"); });
  }

  std::string today(std::int64_t months = 0) { return core::format_day(add_months(core::local_day(now()), months)); }
  std::int64_t org_of(std::int64_t member_id) { return scalar("SELECT org_id FROM member WHERE id = ?", {member_id}); }

  core::Principal community, street, receiver;
  std::int64_t zhang = 0;
};

TEST_F(RelationsService, AMemberStaysWithTheSenderUntilTheReceiverConfirms) {
  TransferStart t{zhang, "within", kUnitBranch, "", "工作调动"};
  const auto started = start_transfer(app(), as(community), t);
  const auto id = started.at("id").as_int64();
  EXPECT_EQ(started.at("responsible").as_string(), "sender");
  EXPECT_TRUE(member_record(app(), community, zhang).at("in_transfer").as_bool());
  EXPECT_TRUE(member_record(app(), receiver, zhang).at("in_transfer").as_bool()) << "the receiver sees it too";
  EXPECT_EQ(org_of(zhang), kCommunityBranch);
  EXPECT_EQ(refusal([&] { confirm_transfer(app(), as(community), id); }).status, 403);
  EXPECT_EQ(refusal([&] { refuse_transfer(app(), as(receiver), id, ""); }).field, "reason");

  confirm_transfer(app(), as(receiver), id);
  EXPECT_EQ(org_of(zhang), kUnitBranch);
  EXPECT_EQ(text("SELECT org_path FROM member WHERE id = ?", {zhang}), org_path(kUnitBranch));
  EXPECT_FALSE(member_record(app(), receiver, zhang).at("in_transfer").as_bool());
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'transfer' AND object_id = ?", {std::to_string(zhang)}), 1);
}

// (At most hourly is the app's one gate: app/modules_test.cpp.)
TEST_F(RelationsService, TheSweepWritesEachFindingOnceToTheListAndTheOutbox) {
  db().write([&](store::Conn& c) {
    c.execute(
        "INSERT INTO webhook (name, url, events, secret, created_at) VALUES ('县平台', 'http://127.0.0.1:9/', '*', "
        "'secret', 0)");
  });
  FlowStart f{zhang, "out", std::nullopt, "外地", "江苏省苏州市", today(-7), "微信", false};
  register_flow(app(), as(community), f);
  EXPECT_EQ(run_checks(app()), 1);
  pass_time(kHour);
  EXPECT_EQ(run_checks(app()), 0) << "the same finding is not written twice";
  const auto items = checks(app(), community, {}).at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].at("kind").as_string(), "lost_flow");
  EXPECT_NE(std::string(items[0].at("source").as_string()).find("党员教育管理工作条例"), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM outbox WHERE event = 'relations.check'"), 1);
  EXPECT_TRUE(checks(app(), receiver, {}).at("items").as_array().empty()) << "another branch sees none of it";
}

TEST_F(RelationsService, HangingTakesDuesFromTheModuleThatKeepsThem) {
  run_checks(app());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM relation_check WHERE check_kind = 'hanging'"), 0)
      << "members the dues module keeps no account for: the dues half is not judged";
  // The stand-in answers first: the first installed module that keeps dues is asked.
  std::vector<const Module*> with_dues{&kFakeDues};
  with_dues.insert(with_dues.end(), app::modules().begin(), app::modules().end());
  install_modules(with_dues);
  pass_time(kHour);
  run_checks(app());
  install_modules(app::modules());
  CheckQuery hanging;
  hanging.kind = "hanging";
  const auto items = checks(app(), community, hanging).at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].at("member_id").as_int64(), zhang);
  EXPECT_NE(std::string(items[0].at("detail").as_string()).find("连续7个月未交纳党费"), std::string::npos);
}

TEST_F(RelationsService, ARemovedMemberStaysOnRecordAndNeverComesBack) {
  const auto k = open_case(app(), as(community), {zhang, "unqualified", "长期不参加组织生活"});
  const auto id = k.at("id").as_int64();
  EXPECT_EQ(k.at("correct_by").as_string(), today(6)) << "the county's default: six months to correct";
  EXPECT_EQ(refusal([&] { decide_case(app(), as(community), id, {"removed", today(), "除名"}); }).field, "outcome");
  set_now(now() + 200 * kDay);
  decide_case(app(), as(community), id, {"removed", today(), "支部党员大会决定除名"});
  EXPECT_EQ(text("SELECT status FROM member WHERE id = ?", {zhang}), "full") << "not before the approval";
  EXPECT_EQ(refusal([&] { approve_case(app(), as(community), id, today(), ""); }).status, 403);
  approve_case(app(), as(street), id, today(), "同意");
  EXPECT_EQ(text("SELECT status FROM member WHERE id = ?", {zhang}), "removed");
  EXPECT_FALSE(people::status_step_allowed("removed", "full"));
  EXPECT_FALSE(people::status_step_allowed("deceased", "left"));
  EXPECT_TRUE(people::status_step_allowed("stopped", "removed"));
  EXPECT_EQ(refusal([&] { record_death(app(), as(community), zhang, today()); }).status, 409);
}

}  // namespace
}  // namespace jiceng::relations
