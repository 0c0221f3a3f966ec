// The member pipeline as a branch, its street and its county see it: a person moved from applicant
// to full member across two years of a fake clock, each refusal a central rule gives, a county rule
// overridden with a reason, the sweep's warnings, scope, quotas, joint review and re-checks.
#include "pipeline/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/dates.hpp"
#include "pipeline/rules.hpp"
#include "testing/test_county.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;
using core::Role;

// A valid GB 11643 ID number born on `birth` (YYYYMMDD).
std::string id_number(const std::string& birth, int seq) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  auto body = "370102" + birth + std::to_string(100 + seq % 900);
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

class PipelineService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = branch_secretary(kCommunityBranch);
    for (const char* name : {"张三", "李四", "王五", "赵六", "钱七"}) members.push_back(member(name, kCommunityBranch));
    db().write([&](store::Conn& c) { c.execute("UPDATE member SET status = 'full'"); });
    county = org_dept();
    street = staff(Role::street_officer, kStreet, "街道党工委");
  }

  std::string today() const { return core::day_of(now()); }
  void days(std::int64_t n) { pass_time(n * kDay); }

  std::int64_t applicant(const std::string& birth = "19980520", int seq = 1) {
    Application a;
    a.org_id = kCommunityBranch;
    a.name = "孙小明";
    a.id_number = id_number(birth, seq);
    a.applied_on = today();
    return apply(app(), as(secretary), a).at("id").as_int64();
  }

  bj::object step(std::int64_t id, StepInput s, const core::Principal* who = nullptr) {
    if (s.on.empty()) s.on = today();
    return record_step(app(), as(who ? *who : secretary), id, s);
  }
  StepInput named(const char* step) {
    StepInput s;
    s.step = step;
    return s;
  }

  // Someone chosen as an activist today, with two contacts.
  std::int64_t activist() {
    const auto id = applicant();
    days(10);
    step(id, named("talk"));
    days(20);
    auto s = named("activist");
    s.decided_by = "支委会";
    s.contacts = {members[0], members[1]};
    step(id, s);
    return id;
  }

  // A year on, a candidate trained as `training` says, with two introducers.
  std::int64_t introduced(const StepInput& training) {
    const auto id = activist();
    days(365);
    auto c = named("candidate");
    c.decided_by = "支委会";
    step(id, c);
    for (const char* s : {"filing", "political_review"}) step(id, named(s));
    step(id, training);
    auto i = named("introducers");
    i.introducers = {members[2], members[3]};
    step(id, i);
    return id;
  }

  // A year on, a candidate with everything before the vote done; the county's joint review too.
  std::int64_t ready_for_vote() {
    auto t = named("training");
    t.training_days = 3;
    const auto id = introduced(t);
    auto p = named("publicity");
    p.publicity_to = core::format_day(core::local_day(now()) + 8);
    step(id, p);
    days(10);
    const auto r = open_review(app(), as(county), "2027年第一批", {id});
    decide_review(app(), as(county), r.at("id").as_int64(), {{id, true, ""}});
    return id;
  }

  StepInput vote(std::int64_t ayes) {
    auto v = named("vote");
    v.ayes = ayes;
    return v;
  }

  std::int64_t count(const std::string& sql, const store::Params& p = {}) { return scalar(sql, p); }

  core::Principal secretary, county, street;
  std::vector<std::int64_t> members;
};

TEST_F(PipelineService, APersonGoesFromApplicantToFullMemberAcrossTwoYears) {
  const auto id = ready_for_vote();
  EXPECT_EQ(pipeline::person(app(), secretary, id).at("stage").as_string(), "candidate");
  // Five full members due: three ayes exceed half.
  const auto voted = step(id, vote(3));
  EXPECT_EQ(voted.at("vote").at("due").as_int64(), 5);
  EXPECT_TRUE(voted.at("vote").at("passed").as_bool());
  days(30);
  auto approve = named("approval");
  const auto approved = step(id, approve, &street);
  EXPECT_EQ(approved.at("stage").as_string(), "probationary");
  const auto member_id = approved.at("member_id").as_int64();
  EXPECT_EQ(text("SELECT status FROM member WHERE id = ?", {member_id}), "probationary");
  EXPECT_EQ(text("SELECT joined_on FROM member WHERE id = ?", {member_id}),
            std::string(approved.at("vote").at("on").as_string()))
      << "membership counts from the branch meeting";

  // A year from the meeting, across a leap day.
  const auto end = core::parse_day(std::string(approved.at("probation_ends_on").as_string()));
  set_now(core::day_start(end - 1) + 10 * kHour);
  const auto early = refusal([&] { step(id, named("full")); });
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.message.find("预备期为一年"), std::string::npos) << early.message;
  days(1);
  const auto full = step(id, named("full"));
  EXPECT_EQ(full.at("stage").as_string(), "full");
  EXPECT_EQ(text("SELECT status FROM member WHERE id = ?", {member_id}), "full");
  EXPECT_EQ(full.at("steps").as_array().size(), 12u) << "every step kept with its rules";
  for (const auto& s : full.at("steps").as_array()) EXPECT_FALSE(s.at("rules").as_array().empty());
}

TEST_F(PipelineService, AnActivistBecomesACandidateOnlyAfterAYearRefusedAtElevenMonths) {
  const auto id = activist();
  days(335);  // eleven months to the day
  auto c = named("candidate");
  c.decided_by = "支委会";
  const auto early = refusal([&] { step(id, c); });
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(early.code, "rule_refused");
  EXPECT_NE(early.message.find("仅11个月"), std::string::npos) << early.message;
  EXPECT_NE(early.message.find("依据：《中国共产党发展党员工作细则》"), std::string::npos);
  days(30);  // twelve
  EXPECT_EQ(step(id, c).at("stage").as_string(), "candidate");
}

TEST_F(PipelineService, CentralRulesRefuseAndNothingIsRecorded) {
  Application young;
  young.org_id = kCommunityBranch;
  young.name = "少年";
  young.id_number = id_number("20100101", 2);
  young.applied_on = today();
  const auto r = refusal([&] { apply(app(), as(secretary), young); });
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.message.find("年满十八岁"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pipeline_person"), 0);

  const auto id = applicant();
  EXPECT_EQ(refusal([&] { applicant(); }).status, 409) << "one open file per ID number";
  auto one = named("activist");
  one.decided_by = "支委会";
  one.contacts = {members[0]};
  EXPECT_NE(refusal([&] { step(id, one); }).message.find("入党积极分子从经过谈话"), std::string::npos) << "talk first";
  step(id, named("talk"));
  one.contacts = {members[0], members[1], members[2]};
  EXPECT_EQ(refusal([&] { step(id, one); }).status, 422);
  EXPECT_EQ(refusal([&] { step(id, named("candidate")); }).status, 400) << "decided_by is required";
  EXPECT_EQ(refusal([&] { step(id, named("vote")); }).status, 409) << "an applicant has no vote";
  EXPECT_EQ(count("SELECT COUNT(*) FROM pipeline_step WHERE person_id = ?", {id}), 2);
}

TEST_F(PipelineService, AVoteShortOfTheMajorityOrWithOneIntroducerIsRefused) {
  const auto id = ready_for_vote();
  const auto short_of = refusal([&] { step(id, vote(2)); });
  EXPECT_EQ(short_of.status, 422);
  EXPECT_NE(short_of.message.find("应到会有表决权的正式党员5名，赞成2票，未超过半数"), std::string::npos);
  EXPECT_EQ(refusal([&] { step(id, vote(6)); }).status, 400) << "more votes than voters";
  auto one = named("introducers");
  one.introducers = {members[4]};
  EXPECT_EQ(refusal([&] { step(id, one); }).status, 422);
}

TEST_F(PipelineService, ACountyRuleIsOverriddenOnlyWithAReasonWhichIsAudited) {
  auto t = named("training");
  t.training_hours = 24;
  const auto id = introduced(t);
  // No 公示 and no joint review: the county's rules.
  const auto local = refusal([&] { step(id, vote(4)); });
  EXPECT_EQ(local.status, 422);
  EXPECT_EQ(local.code, "local_rule");
  EXPECT_EQ(local.field, "override_reason");
  auto v = vote(4);
  v.override_reason = "县委组织部同意特事特办（组通字〔2027〕3号）";
  const auto done = step(id, v);
  const auto last = done.at("steps").as_array().back().as_object();
  EXPECT_EQ(last.at("override_reason").as_string(), v.override_reason);
  EXPECT_EQ(last.at("overridden").as_array().size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pipeline_override'"), 1);
}

TEST_F(PipelineService, ApprovalIsTheHigherCommitteesWithinThreeMonthsOrSixForASpecialCase) {
  const auto id = ready_for_vote();
  step(id, vote(4));
  EXPECT_EQ(refusal([&] { step(id, named("approval")); }).status, 403) << "not the branch itself";
  days(100);
  const auto late = refusal([&] { step(id, named("approval"), &county); });
  EXPECT_EQ(late.status, 422);
  EXPECT_NE(late.message.find("超过三个月"), std::string::npos);
  auto special = named("approval");
  special.special_reason = "发展对象在外培训，谈话推迟";
  EXPECT_EQ(step(id, special, &county).at("stage").as_string(), "probationary");
}

TEST_F(PipelineService, ProbationIsExtendedOnceOrCancelled) {
  const auto id = ready_for_vote();
  step(id, vote(4));
  step(id, named("approval"), &county);
  days(366);
  auto ext = named("extend");
  ext.months = 6;
  ext.note = "组织观念有待加强";
  const auto extended = step(id, ext);
  EXPECT_TRUE(extended.at("extended").as_bool());
  EXPECT_EQ(refusal([&] { step(id, ext); }).status, 422) << "once only";
  auto cancel = named("cancel");
  cancel.note = "延长期满仍不具备党员条件";
  const auto member_id = extended.at("member_id").as_int64();
  EXPECT_EQ(step(id, cancel).at("stage").as_string(), "cancelled");
  EXPECT_EQ(text("SELECT status FROM member WHERE id = ?", {member_id}), "cancelled") << "kept, not deleted";
}

// (At most hourly is the app's one gate: app/modules_test.cpp.)
TEST_F(PipelineService, TheSweepWarnsThirtyAndSevenDaysAheadAndWhenMissedOnceEach) {
  const auto id = applicant();  // the talk is due a month from today
  EXPECT_EQ(warn_due(app()), 1) << "within 30 days already";
  EXPECT_EQ(warn_due(app()), 0) << "not twice";
  days(24);
  EXPECT_EQ(warn_due(app()), 1) << "within 7 days";
  pass_time(2 * kHour);
  EXPECT_EQ(warn_due(app()), 0) << "each level once";
  days(10);
  EXPECT_EQ(warn_due(app()), 1) << "missed";
  const auto list = warnings(app(), secretary, {});
  ASSERT_EQ(list.at("items").as_array().size(), 3u);
  const auto missed = list.at("items").as_array()[0].as_object();
  EXPECT_EQ(missed.at("level").as_string(), "missed");
  EXPECT_EQ(missed.at("person_id").as_int64(), id);
  EXPECT_NE(std::string(missed.at("message").as_string()).find("依据：《中国共产党发展党员工作细则》"),
            std::string::npos);
  const auto other = staff(Role::community_secretary, kOtherCommunity, "另一社区");
  EXPECT_TRUE(warnings(app(), other, {}).at("items").as_array().empty());
}

TEST_F(PipelineService, ABranchSeesItsOwnAStreetItsSubtreeAndAnotherCommunityNothing) {
  const auto id = applicant();
  const auto other = staff(Role::community_secretary, kOtherCommunity, "另一社区");
  EXPECT_EQ(refusal([&] { pipeline::person(app(), other, id); }).status, 404);
  EXPECT_EQ(refusal([&] { step(id, named("talk"), &other); }).status, 404);
  EXPECT_EQ(people(app(), street, {}).at("items").as_array().size(), 1u);
  EXPECT_TRUE(people(app(), other, {}).at("items").as_array().empty());
  const auto view = branch(app(), secretary, kCommunityBranch);
  EXPECT_EQ(view.at("counts").at("applicant").as_int64(), 1);
  EXPECT_EQ(view.at("due").as_array()[0].at("code").as_string(), "talk_one_month");
  EXPECT_EQ(refusal([&] { open_review(app(), as(street), "街道", {id}); }).status, 403) << "the county's";
}

TEST_F(PipelineService, TheCountysQuotaLimitsAdmissionsAndMovesBetweenOrganisations) {
  const auto id = ready_for_vote();
  const int year = std::stoi(today().substr(0, 4));
  set_quota(app(), as(county), year, kCommunityBranch, 0);
  const auto over = refusal([&] { step(id, vote(4)); });
  EXPECT_EQ(over.code, "local_rule");
  EXPECT_NE(over.message.find("指标"), std::string::npos);
  set_quota(app(), as(county), year, kUnitBranch, 2);
  EXPECT_EQ(refusal([&] { move_quota(app(), as(county), year, kUnitBranch, kCommunityBranch, 3, "调剂"); }).status,
            409);
  move_quota(app(), as(county), year, kUnitBranch, kCommunityBranch, 1, "幸福社区发展对象较多");
  step(id, vote(4));
  const auto q = quotas(app(), county, year);
  EXPECT_EQ(q.at("moves").as_array().size(), 1u);
}

TEST_F(PipelineService, ARecheckSampleIsDrawnAgainFromItsRecordedSeed) {
  const std::vector<std::int64_t> pop = {3, 5, 8, 13, 21, 34, 55, 89};
  const auto a = draw_sample(pop, 3, 20261206), b = draw_sample(pop, 3, 20261206);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 3u);
  EXPECT_NE(draw_sample(pop, 3, 1), draw_sample(pop, 3, 2));
  const auto id = ready_for_vote();
  step(id, vote(4));
  step(id, named("approval"), &county);
  const int year = std::stoi(today().substr(0, 4));
  const auto drawn = draw_recheck(app(), as(county), year, 5, 42);
  EXPECT_EQ(drawn.at("seed").as_string(), "42");
  EXPECT_EQ(drawn.at("items").as_array().size(), 1u);
  const auto checked = record_recheck(app(), as(county), drawn.at("id").as_int64(), id, "ok", "");
  EXPECT_EQ(checked.at("items").as_array()[0].at("result").as_string(), "ok");
  EXPECT_EQ(refusal([&] { draw_recheck(app(), as(street), year, 5, 42); }).status, 403);
}

}  // namespace
}  // namespace jiceng::pipeline
