// The development rules read as the branch secretary would: who may move on, when, and why not.
#include "pipeline/rules.hpp"

#include <gtest/gtest.h>

#include "core/dates.hpp"

namespace jiceng::pipeline {
namespace {

std::int64_t on(const char* ymd) { return core::parse_day(ymd); }

// The clock the tests move across years: a day number, as the service reads it from App::now.
struct FakeClock final {
  std::int64_t today = on("2026-01-01");
  void set(const char* ymd) { today = on(ymd); }
};

Proposal step(Step s, const char* ymd) {
  Proposal p;
  p.step = s;
  p.on = on(ymd);
  return p;
}

std::vector<std::string> codes(const std::vector<Breach>& bs) {
  std::vector<std::string> out;
  for (const auto& b : bs) out.push_back(b.code);
  return out;
}

// Someone born on 1998-05-20 who applied on 2025-03-10 and was talked to.
File applicant() {
  File f;
  f.birth_day = on("1998-05-20");
  f.applied_on = on("2025-03-10");
  return f;
}

File activist_since(const char* ymd) {
  auto f = applicant();
  f.talked_on = f.applied_on + 10;
  f.stage = Stage::activist;
  f.activist_on = on(ymd);
  f.contacts = 2;
  return f;
}

// A candidate with everything the vote needs, central and local.
File ready_for_vote() {
  auto f = activist_since("2025-04-01");
  f.stage = Stage::candidate;
  f.candidate_on = on("2026-04-10");
  f.filed_on = on("2026-04-15");
  f.political_review_on = on("2026-05-01");
  f.training_on = on("2026-05-20");
  f.introducers = 2;
  f.publicity_from = on("2026-06-01");
  f.publicity_to = on("2026-06-07");
  f.joint_review_passed = true;
  return f;
}

Proposal vote(const char* ymd, std::int64_t due, std::int64_t ayes) {
  auto p = step(Step::vote, ymd);
  p.due = due;
  p.ayes = ayes;
  return p;
}

TEST(Applicants, MustBeEighteenOnTheDayTheyApply) {
  File f;
  f.birth_day = on("2008-12-06");
  FakeClock clock;
  clock.set("2026-12-05");
  const auto young = check(f, step(Step::apply, "2026-12-05"), {}, clock.today);
  ASSERT_EQ(codes(young), std::vector<std::string>{"age_18"});
  EXPECT_TRUE(young[0].central);
  EXPECT_NE(young[0].message.find("未满十八周岁（17岁）"), std::string::npos) << young[0].message;
  EXPECT_NE(young[0].message.find("依据：《中国共产党发展党员工作细则》"), std::string::npos);
  clock.set("2026-12-06");
  EXPECT_TRUE(check(f, step(Step::apply, "2026-12-06"), {}, clock.today).empty()) << "eighteen on the birthday";
}

TEST(Applicants, AreTalkedToWithinAMonthOfApplyingWarned30And7DaysAheadAndWhenMissed) {
  auto f = applicant();
  f.applied_on = on("2026-12-20");
  const auto d = deadlines(f, {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "talk_one_month");
  EXPECT_EQ(core::format_day(d[0].due_on), "2027-01-20") << "a month later, across the year";
  const Local local;
  EXPECT_EQ(alert_of(d[0].due_on, on("2026-12-20"), local), Alert::none) << "31 days ahead is not yet warned";
  EXPECT_EQ(alert_of(d[0].due_on, on("2026-12-21"), local), Alert::ahead) << "30 days ahead is";
  EXPECT_EQ(alert_of(d[0].due_on, on("2027-01-13"), local), Alert::close);
  EXPECT_EQ(alert_of(d[0].due_on, on("2027-01-20"), local), Alert::close) << "due today is not yet missed";
  EXPECT_EQ(alert_of(d[0].due_on, on("2027-01-21"), local), Alert::missed);
  EXPECT_EQ(alert_of(on("2027-03-01"), on("2027-01-21"), local), Alert::none);
  EXPECT_EQ(
      alert_message("张三", d[0], Alert::missed, on("2027-01-23")),
      "【已逾期】张三：同入党申请人谈话应于2027-01-20前完成，截至2027-01-23已逾期3天；依据：《中国共产党发展党员工作"
      "细则》");
  f = apply_step(f, step(Step::talk, "2027-01-05"));
  EXPECT_TRUE(deadlines(f, {}).empty()) << "the talk held ends the deadline";
}

TEST(Applicants, AWarningCountyMayWarnEarlier) {
  Local local;
  local.warn_first_days = 45;
  EXPECT_EQ(alert_of(on("2027-02-14"), on("2027-01-01"), local), Alert::ahead);
  EXPECT_EQ(alert_of(on("2027-02-14"), on("2027-01-01"), Local{}), Alert::none);
}

TEST(Activists, AreChosenFromThoseTalkedToWithOneOrTwoFullMembersAsContacts) {
  auto f = applicant();
  auto p = step(Step::activist, "2025-05-01");
  p.contacts = p.full_contacts = 1;
  EXPECT_EQ(codes(check(f, p, {}, p.on)), std::vector<std::string>{"talk_first"});
  f.talked_on = on("2025-03-20");
  EXPECT_TRUE(check(f, p, {}, p.on).empty());
  p.contacts = p.full_contacts = 3;
  EXPECT_EQ(codes(check(f, p, {}, p.on)), std::vector<std::string>{"contacts_one_or_two"});
  p.contacts = 2;
  p.full_contacts = 1;  // one of them is still probationary
  EXPECT_EQ(codes(check(f, p, {}, p.on)), std::vector<std::string>{"contacts_one_or_two"});
  p.contacts = p.full_contacts = 0;
  EXPECT_EQ(codes(check(f, p, {}, p.on)), std::vector<std::string>{"contacts_one_or_two"});
  p.contacts = p.full_contacts = 2;
  const auto next = apply_step(f, p);
  EXPECT_EQ(next.stage, Stage::activist);
  EXPECT_EQ(stages_for(Step::activist), std::vector<Stage>{Stage::applicant});
}

TEST(Activists, AreReviewedEverySixMonthsCountedFromTheLastReview) {
  auto f = activist_since("2025-09-30");
  auto d = deadlines(f, {});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "review_six_months");
  EXPECT_EQ(core::format_day(d[0].due_on), "2026-03-30");
  f = apply_step(f, step(Step::review, "2026-03-25"));
  EXPECT_EQ(core::format_day(deadlines(f, {})[0].due_on), "2026-09-25");
}

TEST(Candidates, ComeOnlyAfterAYearAsActivistRefusedAtElevenMonthsAllowedAtTwelve) {
  const auto f = activist_since("2025-12-15");
  FakeClock clock;
  clock.set("2026-11-15");
  const auto early = check(f, step(Step::candidate, "2026-11-15"), {}, clock.today);
  ASSERT_EQ(codes(early), std::vector<std::string>{"candidate_after_year"});
  EXPECT_TRUE(early[0].central);
  EXPECT_NE(early[0].message.find("仅11个月（2026-12-15起满一年）"), std::string::npos) << early[0].message;
  clock.set("2026-12-14");
  EXPECT_FALSE(check(f, step(Step::candidate, "2026-12-14"), {}, clock.today).empty()) << "a day short";
  clock.set("2026-12-15");
  EXPECT_TRUE(check(f, step(Step::candidate, "2026-12-15"), {}, clock.today).empty());
  EXPECT_EQ(apply_step(f, step(Step::candidate, "2026-12-15")).stage, Stage::candidate);
}

TEST(Candidates, ChosenOnTheLastDayOfAMonthWaitUntilTheMonthsEndAYearOn) {
  EXPECT_EQ(core::format_day(add_months(on("2024-02-29"), 12)), "2025-02-28");
  EXPECT_EQ(core::format_day(add_months(on("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(core::format_day(add_months(on("2026-08-31"), 6)), "2027-02-28");
  EXPECT_EQ(core::format_day(add_months(on("2026-12-31"), -1)), "2026-11-30");
}

TEST(Candidates, TrainThreeDaysOrTwentyFourHours) {
  const auto f = ready_for_vote();
  auto p = step(Step::training, "2026-05-20");
  p.training_days = 2;
  p.training_hours = 16;
  const auto short_of = check(f, p, {}, p.on);
  ASSERT_EQ(codes(short_of), std::vector<std::string>{"training"});
  EXPECT_NE(short_of[0].message.find("不少于3天（或不少于24个学时）"), std::string::npos);
  p.training_days = 3;
  EXPECT_TRUE(check(f, p, {}, p.on).empty());
  p.training_days = 0;
  p.training_hours = 24;
  EXPECT_TRUE(check(f, p, {}, p.on).empty());
}

TEST(Candidates, HaveTwoIntroducersWhoAreBothFullMembers) {
  const auto f = ready_for_vote();
  auto p = step(Step::introducers, "2026-05-25");
  p.introducers = p.full_introducers = 1;
  EXPECT_EQ(codes(check(f, p, {}, p.on)), std::vector<std::string>{"introducers_two_full"});
  p.introducers = 2;
  p.full_introducers = 1;
  EXPECT_EQ(codes(check(f, p, {}, p.on)), std::vector<std::string>{"introducers_two_full"});
  p.full_introducers = 2;
  EXPECT_TRUE(check(f, p, {}, p.on).empty());
}

TEST(Candidates, ArePublicisedForTheCountysWorkingDays) {
  const auto f = ready_for_vote();
  auto p = step(Step::publicity, "2026-06-01");  // a Monday
  p.publicity_to = on("2026-06-04");             // Thursday: four working days
  const auto b = check(f, p, {}, p.on);
  ASSERT_EQ(codes(b), std::vector<std::string>{"publicity"});
  EXPECT_FALSE(b[0].central) << "公示 is the county's practice";
  p.publicity_to = on("2026-06-07");  // Sunday: five working days
  EXPECT_TRUE(check(f, p, {}, p.on).empty());
  Local seven;
  seven.publicity_working_days = 7;
  EXPECT_FALSE(check(f, p, seven, p.on).empty());
  EXPECT_EQ(working_days(on("2026-12-28"), on("2027-01-03")), 5) << "across the year";
}

TEST(TheVote, PassesOnlyIfTheAyesExceedHalfOfTheFullMembersDueToAttend) {
  EXPECT_FALSE(vote_passes(10, 5));
  EXPECT_TRUE(vote_passes(10, 6));
  EXPECT_TRUE(vote_passes(9, 5));
  EXPECT_FALSE(vote_passes(0, 0));
  const auto f = ready_for_vote();
  const auto b = check(f, vote("2026-06-20", 10, 5), {}, on("2026-06-20"));
  ASSERT_EQ(codes(b), std::vector<std::string>{"vote_majority"});
  EXPECT_NE(b[0].message.find("应到会有表决权的正式党员10名，赞成5票，未超过半数"), std::string::npos);
  EXPECT_NE(b[0].source.find("第十一条"), std::string::npos);
  EXPECT_TRUE(check(f, vote("2026-06-20", 10, 6), {}, on("2026-06-20")).empty());
}

TEST(TheVote, NeedsFilingPoliticalReviewTrainingAndIntroducersFirst) {
  auto f = ready_for_vote();
  f.filed_on.reset();
  f.political_review_on.reset();
  f.training_on.reset();
  f.introducers = 1;
  EXPECT_EQ(codes(check(f, vote("2026-06-20", 10, 8), {}, on("2026-06-20"))),
            (std::vector<std::string>{"filing", "political_review", "training", "introducers_two_full"}));
}

TEST(TheVote, WaitsForTheCountysPublicityJointReviewQuotaAndAFreshPoliticalReviewWhichItMayOverride) {
  auto f = ready_for_vote();
  f.publicity_to = on("2026-06-20");
  f.joint_review_passed = false;
  auto p = vote("2026-06-20", 10, 8);
  p.over_quota = true;
  const auto b = check(f, p, {}, p.on);
  EXPECT_EQ(codes(b), (std::vector<std::string>{"publicity", "joint_review", "quota"}));
  for (const auto& x : b) EXPECT_FALSE(x.central) << x.code;
  Local lenient;
  lenient.joint_review_required = 0;
  lenient.publicity_working_days = 0;
  p.over_quota = false;
  EXPECT_TRUE(check(f, p, lenient, p.on).empty());
  // A political review more than the county's year old is stale by the vote.
  f = ready_for_vote();
  const auto stale = check(f, vote("2027-05-01", 10, 8), {}, on("2027-05-01"));
  EXPECT_EQ(codes(stale), std::vector<std::string>{"political_review_valid"});
  EXPECT_EQ(deadlines(f, {})[0].code, "political_review_valid");
}

TEST(Approval, ComesWithinThreeMonthsOrSixWithASpecialCase) {
  auto f = apply_step(ready_for_vote(), vote("2026-11-20", 10, 8));
  const auto d = deadlines(f, {});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(core::format_day(d[0].due_on), "2027-02-20");
  EXPECT_EQ(core::format_day(d[1].due_on), "2027-05-20");
  EXPECT_TRUE(check(f, step(Step::approval, "2027-02-20"), {}, on("2027-02-20")).empty());
  EXPECT_EQ(codes(check(f, step(Step::approval, "2027-02-21"), {}, on("2027-02-21"))),
            std::vector<std::string>{"approval_three_months"});
  auto special = step(Step::approval, "2027-05-20");
  special.special = true;
  EXPECT_TRUE(check(f, special, {}, special.on).empty());
  special.on = on("2027-05-21");
  EXPECT_EQ(codes(check(f, special, {}, special.on)), std::vector<std::string>{"approval_six_months"});
  f = apply_step(f, step(Step::approval, "2027-01-10"));
  EXPECT_EQ(f.stage, Stage::probationary);
}

TEST(Probation, LastsAYearFromTheBranchMeetingThenFullExtendedOnceOrCancelled) {
  auto f = apply_step(ready_for_vote(), vote("2026-12-20", 10, 8));
  f = apply_step(f, step(Step::approval, "2027-01-15"));
  EXPECT_EQ(core::format_day(*probation_end(f)), "2027-12-20") << "from the meeting, not the approval";
  EXPECT_EQ(deadlines(f, {})[0].code, "probation_year");
  EXPECT_EQ(codes(check(f, step(Step::full, "2027-12-19"), {}, on("2027-12-19"))),
            std::vector<std::string>{"probation_year"});
  EXPECT_TRUE(check(f, step(Step::full, "2027-12-20"), {}, on("2027-12-20")).empty());

  auto ext = step(Step::extend, "2027-12-20");
  ext.months = 5;
  EXPECT_EQ(codes(check(f, ext, {}, ext.on)), std::vector<std::string>{"extension_once"});
  ext.months = 13;
  EXPECT_FALSE(check(f, ext, {}, ext.on).empty());
  ext.months = 6;
  EXPECT_TRUE(check(f, ext, {}, ext.on).empty());
  f = apply_step(f, ext);
  EXPECT_EQ(core::format_day(*probation_end(f)), "2028-06-20");
  EXPECT_EQ(codes(check(f, ext, {}, ext.on)), std::vector<std::string>{"extension_once"}) << "only once";
  EXPECT_FALSE(check(f, step(Step::full, "2028-06-19"), {}, on("2028-06-19")).empty());
  EXPECT_EQ(apply_step(f, step(Step::full, "2028-06-20")).stage, Stage::full);
  EXPECT_EQ(apply_step(f, step(Step::cancel, "2028-06-20")).stage, Stage::cancelled);
}

TEST(Rules, EachNamesItsSourceAndTheCountysAreMarkedLocal) {
  for (const auto& r : rules()) {
    EXPECT_FALSE(r.source.empty()) << r.code;
    if (r.central) {
      EXPECT_NE(r.source.find("《"), std::string_view::npos) << r.code;
    } else {
      EXPECT_NE(r.source.find("县委组织部"), std::string_view::npos) << r.code;
    }
  }
  for (int s = 0; s <= static_cast<int>(Step::cancel); ++s) {
    const auto st = static_cast<Step>(s);
    EXPECT_EQ(parse_step(step_name(st)), st);
    for (const auto code : rules_for(st)) EXPECT_EQ(rule(code).code, code);
  }
  EXPECT_EQ(stage_label(Stage::candidate), "发展对象");
  EXPECT_FALSE(parse_stage("member"));
}

TEST(NextSteps, ATalkIsHadOnceAndAVotedCandidateWaitsOnlyForApproval) {
  File f;
  f.stage = Stage::applicant;
  EXPECT_FALSE(step_refusal(f, Step::talk));
  f.talked_on = 20;
  EXPECT_EQ(step_refusal(f, Step::talk), "已登记谈话");
  EXPECT_FALSE(step_refusal(f, Step::activist));
  EXPECT_TRUE(step_refusal(f, Step::vote)) << "an applicant is not voted on";
  f.stage = Stage::candidate;
  EXPECT_TRUE(step_refusal(f, Step::approval)) << "no approval before the vote";
  f.voted_on = 400;
  EXPECT_FALSE(step_refusal(f, Step::approval));
  EXPECT_EQ(step_refusal(f, Step::training), "支部大会已表决，等待上级党委审批");
}

}  // namespace
}  // namespace jiceng::pipeline
