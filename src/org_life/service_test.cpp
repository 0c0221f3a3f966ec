// Organisation life as a branch and its county see it: a meeting planned, announced, held with
// its attendance and quorum, leave asked and granted, guests, observers, and the compliance matrix
// the tally feeds in the same transaction.
#include "org_life/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/dates.hpp"
#include "org_life/rules.hpp"
#include "orgs/service.hpp"
#include "testing/test_county.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
using core::Role;

class OrgLifeService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = branch_secretary(kCommunityBranch);
    for (const char* name : {"张三", "李四", "王五", "赵六"}) members.push_back(member(name, kCommunityBranch));
    db().write([&](store::Conn& c) { c.execute("UPDATE member SET status = 'full'"); });
    probationary = member("孙七", kCommunityBranch);
    db().write(
        [&](store::Conn& c) { c.execute("UPDATE member SET status = 'probationary' WHERE id = ?", {probationary}); });
  }

  std::int64_t plan(const std::string& kind, std::int64_t starts_in = kDay, std::int64_t org = kCommunityBranch) {
    Plan p;
    p.kind = kind;
    p.topic = "学习党的二十届四中全会精神";
    p.place = "社区党群服务中心";
    p.presider = "支部书记";
    p.starts_at = now() + starts_in;
    const auto writer = org == kCommunityBranch ? secretary : org_dept();
    return create_meeting(app(), as(writer), org, p).at("id").as_int64();
  }

  Holding present(std::initializer_list<std::size_t> who) {
    Holding h;
    for (const auto i : who) h.attendance.emplace_back(members[i], "present");
    h.minutes = "传达学习，讨论发言";
    return h;
  }

  std::int64_t tallied(const std::string& kind) {
    return scalar("SELECT COALESCE(SUM(held), 0) FROM org_life_tally WHERE org_id = ? AND kind = ?",
                  {kCommunityBranch, kind});
  }

  // The area rollup: organisations at or under the area compliant in the month.
  std::int64_t compliant_at(const std::string& area_path, const std::string& month) {
    return scalar("SELECT COALESCE(SUM(compliant), 0) FROM org_life_compliance WHERE area_path = ? AND month = ?",
                  {area_path, month});
  }

  std::string status_of(std::int64_t meeting_id, std::int64_t member_id) {
    return text("SELECT status FROM meeting_attendance WHERE meeting_id = ? AND member_id = ?",
                {meeting_id, member_id});
  }

  // The cell of `duty` for the organisation's year, in the current period.
  bj::object cell_of(const std::string& duty) {
    const auto year = org_year(app(), secretary, kCommunityBranch, 2026);
    for (const auto& d : year.at("duties").as_array()) {
      if (d.at("duty").as_string() == duty) return d.at("cells").as_array().back().as_object();
    }
    return {};
  }

  core::Principal secretary;
  std::vector<std::int64_t> members;
  std::int64_t probationary = 0;
};

TEST_F(OrgLifeService, AThemeDayPlannedAnnouncedAndHeldTurnsTheMonthsCellDone) {
  EXPECT_EQ(cell_of("theme_day.monthly").at("state").as_string(), "due");
  const auto id = plan("theme_day", 2 * kHour);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = ?", {id}), 5);
  announce(app(), as(secretary), id);
  pass_time(3 * kHour);
  const auto held = hold(app(), as(secretary), id, present({0, 1, 2}));
  EXPECT_TRUE(held.at("valid").as_bool());
  EXPECT_EQ(held.at("present").as_int64(), 3);
  EXPECT_EQ(status_of(id, members[3]), "absent");
  EXPECT_EQ(tallied("theme_day"), 1);
  const auto cell = cell_of("theme_day.monthly");
  EXPECT_EQ(cell.at("state").as_string(), "done");
  EXPECT_EQ(cell.at("reason").as_string(),
            "主题党日：本月已召开1次；依据：《中国共产党支部工作条例（试行）》（每月相对固定1天开展主题党日）");
}

TEST_F(OrgLifeService, AMemberAsksLeaveFromThePhoneAndTheSecretaryGrantsIt) {
  const auto id = plan("party_lecture");
  const auto zhang = member_account(members[0], "张三");
  EXPECT_EQ(refusal([&] { request_leave(app(), as(zhang), id, "外出务工"); }).status, 409);  // not announced
  announce(app(), as(secretary), id);
  request_leave(app(), as(zhang), id, "外出务工");
  EXPECT_EQ(status_of(id, members[0]), "leave_requested");
  EXPECT_EQ(refusal([&] { decide_leave(app(), as(zhang), id, members[0], true); }).status, 403);
  decide_leave(app(), as(secretary), id, members[0], true);
  EXPECT_EQ(status_of(id, members[0]), "leave");
  pass_time(kDay + kHour);
  hold(app(), as(secretary), id, present({1}));
  EXPECT_EQ(status_of(id, members[0]), "leave");  // granted leave stays leave, not absent
  EXPECT_EQ(my_meetings(app(), zhang).at("items").as_array()[0].at("attendance").as_string(), "leave");
}

TEST_F(OrgLifeService, AGeneralMeetingBelowQuorumIsKeptButCountsForNothing) {
  const auto id = plan("general_meeting", kHour);
  pass_time(2 * kHour);
  // Four full members due (the probationary member has no vote); one present is below half.
  auto h = present({0});
  h.resolutions.push_back({"发展张某为预备党员", 1, 0, 0});
  auto m = hold(app(), as(secretary), id, h);
  EXPECT_EQ(m.at("due").as_int64(), 4);
  EXPECT_FALSE(m.at("valid").as_bool());
  EXPECT_FALSE(m.at("resolutions").as_array()[0].at("passed").as_bool());
  EXPECT_EQ(tallied("general_meeting"), 0);
  // Corrected: two of four is half, enough to meet; but two ayes are not more than half of those due.
  h = present({0, 1});
  h.resolutions = {{"发展张某为预备党员", 2, 0, 0}};
  m = hold(app(), as(secretary), id, h);
  EXPECT_TRUE(m.at("valid").as_bool());
  EXPECT_FALSE(m.at("resolutions").as_array()[0].at("passed").as_bool());
  EXPECT_EQ(tallied("general_meeting"), 1);
  h = present({0, 1, 2});
  h.resolutions = {{"发展张某为预备党员", 3, 0, 0}};
  EXPECT_TRUE(hold(app(), as(secretary), id, h).at("resolutions").as_array()[0].at("passed").as_bool());
  EXPECT_EQ(tallied("general_meeting"), 1);  // corrected, not counted twice
}

TEST_F(OrgLifeService, ACommitteeMeetingNeedsTheCommitteeRegisteredAndHalfOfIt) {
  const auto id = plan("committee_meeting", kHour);
  pass_time(2 * kHour);
  EXPECT_EQ(refusal([&] { hold(app(), as(secretary), id, present({0})); }).status, 409);
  set_term(app(), as(secretary), kCommunityBranch, Term{std::string("2024-01-10"), std::nullopt, 3});
  EXPECT_FALSE(hold(app(), as(secretary), id, present({0})).at("valid").as_bool());
  EXPECT_TRUE(hold(app(), as(secretary), id, present({0, 1})).at("valid").as_bool());
  EXPECT_EQ(cell_of("committee_meeting.monthly").at("state").as_string(), "done");
}

TEST_F(OrgLifeService, AMemberOfAnotherOrganisationAttendsAsAGuestAndItCountsForThem) {
  const auto mobile = member("流动党员", kUnitBranch);
  const auto id = plan("theme_day", kHour);
  add_guest(app(), as(secretary), id, mobile);
  pass_time(2 * kHour);
  auto h = present({0});
  h.attendance.emplace_back(mobile, "present");
  const auto m = hold(app(), as(secretary), id, h);
  EXPECT_EQ(m.at("present").as_int64(), 2);
  const auto mine = my_meetings(app(), member_account(mobile, "流动党员")).at("items").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_TRUE(mine[0].at("guest").as_bool());
  EXPECT_EQ(mine[0].at("attendance").as_string(), "present");
}

TEST_F(OrgLifeService, ABranchSeesOnlyItsOwnAStreetItsSubtreeAMemberTheirMeetings) {
  const auto ours = plan("theme_day");
  const auto theirs = plan("theme_day", kDay, kUnitBranch);
  const auto other_branch = branch_secretary(kUnitBranch);
  EXPECT_EQ(refusal([&] { meeting(app(), other_branch, ours); }).status, 404);
  EXPECT_EQ(refusal([&] { announce(app(), as(other_branch), ours); }).status, 404);
  EXPECT_EQ(meetings(app(), secretary, {}).at("items").as_array().size(), 1u);
  const auto street = staff(Role::street_officer, kStreet, "街道干部");
  EXPECT_EQ(meeting(app(), street, ours).at("id").as_int64(), ours);
  EXPECT_EQ(refusal([&] { meeting(app(), street, theirs); }).status, 404);  // the unit's branch is the county's
  const auto stranger = member_account(member("外人", kUnitBranch), "外人");
  EXPECT_EQ(refusal([&] { meeting(app(), stranger, ours); }).status, 404);
  EXPECT_EQ(meeting(app(), member_account(members[0]), ours).at("can_write").as_bool(), false);
}

TEST_F(OrgLifeService, ACommunityMovedToAnotherStreetTakesItsMeetingsAndTalliesToThatStreet) {
  const auto id = plan("theme_day", 2 * kHour);
  pass_time(3 * kHour);
  hold(app(), as(secretary), id, present({0, 1, 2}));
  const auto east = area(kCounty, "河东街道", "street");
  orgs::move_node(app(), org_dept(), orgs::Tree::areas, kCommunity, east, "", "127.0.0.1");
  const auto old_street = staff(Role::street_officer, kStreet, "城关街道干部");
  const auto new_street = staff(Role::street_officer, east, "河东街道干部");
  EXPECT_EQ(refusal([&] { meeting(app(), old_street, id); }).status, 404);
  EXPECT_EQ(meeting(app(), new_street, id).at("id").as_int64(), id);
  const auto cells = area_cells(app(), new_street, std::nullopt, core::month_of(now()));
  ASSERT_EQ(cells.at("orgs").as_array().size(), 1u);
  EXPECT_EQ(cells.at("orgs").as_array()[0].at("org_name").as_string(), "幸福社区党支部");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM org_life_tally WHERE area_path = ?", {path(kCommunity)}), 1);
  // The branch's November, compliant, left the old street's rollup for the new one's.
  EXPECT_EQ(compliant_at(path(kStreet), "2026-11"), 0);
  EXPECT_EQ(compliant_at(path(east), "2026-11"), 1);
  EXPECT_EQ(compliant_at(path(kCommunity), "2026-11"), 1);
  EXPECT_EQ(compliant_at(path(kCounty), "2026-11"), 1);
}

TEST_F(OrgLifeService, TheAreaRollupMovesWithEachMeetingHeldAndEachCommitteeRegisteredAndTheSweepAgrees) {
  const auto street = staff(Role::street_officer, kStreet, "街道干部");
  const auto november = [&] {
    const auto matrix = area_months(app(), street, std::nullopt, 2026);
    for (const auto& v : matrix.at("rows").as_array()) {
      if (v.at("area_id").as_int64() == kCommunity) return v.at("months").as_array()[10].at("compliant").as_int64();
    }
    return std::int64_t{-1};
  };
  EXPECT_EQ(november(), 0);
  const auto id = plan("theme_day", -kHour);
  hold(app(), as(secretary), id, present({0, 1}));
  EXPECT_EQ(november(), 1) << "November's one duty, the theme day, was met in the meeting's transaction";
  for (const auto area : {kCounty, kStreet, kCommunity}) EXPECT_EQ(compliant_at(path(area), "2026-11"), 1);
  Term committee;
  committee.committee_size = 3;
  set_term(app(), as(secretary), kCommunityBranch, committee);
  EXPECT_EQ(november(), 0) << "with a committee elected, November's 支委会 is owed too";
  const auto rollup = [&] {
    return db().read([](store::Conn& c) {
      std::string out;
      for (const auto& r : c.query("SELECT area_path, month, compliant FROM org_life_compliance ORDER BY 1, 2")) {
        out += r.text(0) + " " + r.text(1) + " " + std::to_string(r.integer(2)) + "\n";
      }
      return out;
    });
  };
  const auto before = rollup();
  warn_due(app());  // works every standing out again from the tally
  EXPECT_EQ(rollup(), before);
}

TEST_F(OrgLifeService, TheSweepWalksOrganisationsInBatchesAndFindsEachOnesTally) {
  // More branches than a batch takes, every other one with November's theme day in its tally.
  constexpr std::int64_t kBranches = 600, kFirst = 1000;
  const auto community = path(kCommunity);
  db().write([&](store::Conn& c) {
    for (std::int64_t i = 0; i < kBranches; ++i) {
      const std::int64_t id = kFirst + i;
      const auto org_path = "/" + std::to_string(id) + "/";
      c.execute(
          "INSERT INTO party_org (id, name, level, kind, area_id, area_path, path, depth, created_at, "
          "updated_at) VALUES (?, ?, 'branch', 'non_public', ?, ?, ?, 1, 0, 0)",
          {id, "压测党支部" + std::to_string(i), kCommunity, community, org_path});
      if (i % 2 == 0) {
        c.execute(
            "INSERT INTO org_life_tally (org_path, kind, month, org_id, area_path, held) VALUES "
            "(?, 'theme_day', '2026-11', ?, ?, 1)",
            {org_path, id, community});
      }
    }
  });
  EXPECT_GT(warn_due(app()), 0);  // October missed by all of them
  EXPECT_EQ(warn_due(app()), 0);  // once per cell and state, across batches
  EXPECT_EQ(compliant_at(path(kCounty), "2026-11"), kBranches / 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM org_life_standing WHERE year = 2026 AND org_id >= ?", {kFirst}), kBranches);
  const auto street = staff(Role::street_officer, kStreet, "街道干部");
  const auto matrix = area_months(app(), street, std::nullopt, 2026);
  for (const auto& v : matrix.at("rows").as_array()) {
    if (v.at("area_id").as_int64() != kCommunity) continue;
    EXPECT_EQ(v.at("orgs").as_int64(), kBranches + 1);  // and the community's own branch
    EXPECT_EQ(v.at("months").as_array()[10].at("compliant").as_int64(), kBranches / 2);
  }
}

TEST_F(OrgLifeService, ACountyObserverAssessesAMeetingAndTheBranchReadsIt) {
  const auto id = plan("theme_day", 2 * kHour);
  const auto street = staff(Role::street_officer, kStreet, "街道干部");
  account("observer");
  core::Principal observer;
  observer.account_id = scalar("SELECT id FROM account WHERE username = 'observer'");
  observer.username = observer.display_name = "observer";
  EXPECT_EQ(refusal([&] { assign_observer(app(), as(secretary), id, "observer"); }).status, 403);
  EXPECT_EQ(refusal([&] { assign_observer(app(), as(street), id, "nobody"); }).field, "username");
  assign_observer(app(), as(street), id, "observer");
  EXPECT_EQ(meeting(app(), observer, id).at("topic").as_string(), "学习党的二十届四中全会精神");
  EXPECT_EQ(refusal([&] { assess(app(), as(observer), id, "准备充分"); }).status, 409);  // not started
  pass_time(3 * kHour);
  assess(app(), as(observer), id, "会前准备充分，党员发言踊跃，建议结合村务实际。");
  const auto seen = meeting(app(), secretary, id).at("observers").as_array();
  EXPECT_EQ(seen[0].at("assessment").as_string(), "会前准备充分，党员发言踊跃，建议结合村务实际。");
  EXPECT_EQ(refusal([&] { assess(app(), as(secretary), id, "自评"); }).status, 403);
}

TEST_F(OrgLifeService, TheCountyDatesAChangeAndCentralRulesStay) {
  const auto county = org_dept();
  DutyChange d{
      "party_lecture.quarterly", "party_lecture", "quarter", "县委组织部2027年1号文", 2, {"branch"}, "2027-01-01"};
  EXPECT_EQ(refusal([&] { change_duty(app(), as(secretary), d); }).status, 403);
  change_duty(app(), as(county), d);
  EXPECT_EQ(text("SELECT effective_to FROM org_life_duty WHERE duty_key = ? AND central = 0 AND count = 1", {d.key}),
            "2027-01-01");
  d.key = "committee_meeting.monthly";
  d.kind = "committee_meeting";
  EXPECT_EQ(refusal([&] { change_duty(app(), as(county), d); }).status, 409);  // central
  d.key = "theme_day.extra";
  d.effective_from = "2026-01-01";
  EXPECT_EQ(refusal([&] { change_duty(app(), as(county), d); }).field, "effective_from");  // the past keeps its rule
}

TEST_F(OrgLifeService, TheMigrationSeedsTheDutiesTheRulesList) {
  const auto seeded = db().read(
      [](store::Conn& c) { return c.query("SELECT duty_key, count, source FROM org_life_duty ORDER BY id"); });
  const auto defaults = default_duties(core::parse_day("2018-10-28"));
  ASSERT_EQ(seeded.size(), defaults.size());
  for (std::size_t i = 0; i < defaults.size(); ++i) {
    EXPECT_EQ(seeded[i].text(0), defaults[i].key);
    EXPECT_EQ(seeded[i].integer(1), defaults[i].count);
    EXPECT_EQ(seeded[i].text(2), defaults[i].source);
  }
}

TEST_F(OrgLifeService, ACancelledMeetingCountsForNothingAndTheStreetSeesTheShare) {
  const auto id = plan("theme_day");
  cancel(app(), as(secretary), id, "防汛值班");
  EXPECT_EQ(refusal([&] { hold(app(), as(secretary), id, present({0})); }).status, 409);
  const auto street = staff(Role::street_officer, kStreet, "街道干部");
  const auto months = area_months(app(), street, std::nullopt, 2026);
  for (const auto& v : months.at("rows").as_array()) {
    const auto& row = v.as_object();
    if (row.at("area_name").as_string() == "和平社区") {
      EXPECT_EQ(row.at("orgs").as_int64(), 0);  // no branch there: no share to show
      EXPECT_TRUE(row.at("months").as_array()[10].is_null());
    } else {
      EXPECT_EQ(row.at("orgs").as_int64(), 1);  // the community's branch under the street
      EXPECT_EQ(row.at("months").as_array()[10].at("compliant").as_int64(), 0);
    }
  }
  const auto cells = area_cells(app(), street, std::nullopt, "2026-11");
  EXPECT_EQ(cells.at("orgs").as_array()[0].at("org_name").as_string(), "幸福社区党支部");
}

TEST_F(OrgLifeService, TheSweepWarnsTheSecretaryOnceBeforeADutyFallsDueAndOnceWhenItIsMissed) {
  db().write([&](store::Conn& c) {
    c.execute(
        "INSERT INTO webhook (name, url, events, secret, created_at) VALUES ('区平台', 'http://127.0.0.1:9/', "
        "'*', 'secret', 0)");
  });
  const auto theme_day = [&](const std::string& state) {
    const auto list = warnings(app(), secretary, {kCommunityBranch, state});
    for (const auto& v : list.at("items").as_array()) {
      if (v.at("duty").as_string() == "theme_day.monthly") return v.as_object();
    }
    return bj::object{};
  };
  EXPECT_TRUE(theme_day("due").empty());  // 23 November: eight days left, too early to warn
  warn_due(app());
  EXPECT_TRUE(theme_day("due").empty());
  pass_time(kDay);  // seven days left
  const auto warned = warn_due(app());
  EXPECT_GT(warned, 0);
  EXPECT_EQ(warn_due(app()), 0);  // once per cell and state
  const auto due = theme_day("due");
  ASSERT_FALSE(due.empty());
  EXPECT_EQ(due.at("period").as_string(), "2026-11");
  EXPECT_EQ(
      due.at("message").as_string(),
      "【即将到期】幸福社区党支部，主题党日：2026年11月尚未召开，7天后到期；依据：《中国共产党支部工作条例（试行）》"
      "（每月相对固定1天开展主题党日）");
  // Every warning (October's misses, written on the 23rd, too) went to the webhook taking all events.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM outbox WHERE event = 'org_life.warning' AND appeal_id IS NULL"),
            scalar("SELECT COUNT(*) FROM org_life_warning"));
  // Another branch's secretary sees none of them; the street sees them under it.
  const auto others = warnings(app(), branch_secretary(kUnitBranch), {});
  for (const auto& v : others.at("items").as_array()) EXPECT_NE(v.at("org_id").as_int64(), kCommunityBranch);
  const auto street = staff(Role::street_officer, kStreet, "街道干部");
  EXPECT_FALSE(warnings(app(), street, {kCommunityBranch, std::string("due")}).at("items").as_array().empty());

  set_now(core::day_start(core::parse_day("2026-12-11")) + kHour);  // the last day to record has passed
  EXPECT_GT(warn_due(app()), 0);
  EXPECT_EQ(warn_due(app()), 0);
  const auto missed = theme_day("missing");
  ASSERT_FALSE(missed.empty());
  EXPECT_EQ(missed.at("message").as_string(),
            "【未完成】幸福社区党支部，主题党日：2026年11月未召开；依据：《中国共产党支部工作条例（试行）》"
            "（每月相对固定1天开展主题党日）");
  EXPECT_EQ(missed.at("source").as_string(), "《中国共产党支部工作条例（试行）》（每月相对固定1天开展主题党日）");
}

TEST_F(OrgLifeService, ADutyMetBeforeItsLastDaysIsNeverWarned) {
  const auto id = plan("theme_day", 2 * kHour);
  announce(app(), as(secretary), id);
  pass_time(3 * kHour);
  hold(app(), as(secretary), id, present({0, 1, 2}));
  pass_time(2 * kDay);
  warn_due(app());
  const auto list = warnings(app(), secretary, {});
  for (const auto& v : list.at("items").as_array()) {
    if (v.at("period").as_string() != "2026-11") continue;  // October, before the test began, was missed
    EXPECT_NE(v.at("duty").as_string(), "theme_day.monthly") << v.at("message").as_string();
  }
}

TEST_F(OrgLifeService, ALifeMeetingKeepsCriticismPerParticipantAndARectificationListTrackedToDone) {
  const auto id = plan("life_meeting", kHour);
  add_criticism(app(), as(secretary), id, {members[0], "self", std::nullopt, "理论学习不够系统"});
  add_criticism(app(), as(secretary), id, {members[0], "given", members[1], "联系群众还不够经常"});
  EXPECT_EQ(refusal([&] {
              add_criticism(app(), as(secretary), id, {members[0], "given", std::nullopt, "x"});
            }).field,
            "by_member_id");
  EXPECT_EQ(refusal([&] {
              add_criticism(app(), as(secretary), id, {members[0], "given", members[0], "x"});
            }).field,
            "by_member_id");
  add_rectification(app(), as(secretary), id, {"建立每周学习制度", "张三", "2026-11-30"});
  auto record = add_rectification(app(), as(secretary), id, {"走访困难党员", "李四", "2026-11-20"});
  EXPECT_EQ(record.at("criticisms").as_array().size(), 2U);
  EXPECT_EQ(record.at("overdue").as_int64(), 1);  // 20 November has passed
  const auto late = record.at("rectifications").as_array()[1].at("id").as_int64();
  EXPECT_TRUE(record.at("rectifications").as_array()[1].at("overdue").as_bool());
  record = rectification_done(app(), as(secretary), late, "2026-11-22");
  EXPECT_EQ(record.at("overdue").as_int64(), 0);
  EXPECT_EQ(refusal([&] { rectification_done(app(), as(secretary), late, "2026-12-30"); }).field, "done_on");
  const auto theme = plan("theme_day");
  EXPECT_EQ(refusal([&] { add_rectification(app(), as(secretary), theme, {"x", "y", "2026-12-01"}); }).status, 409);
  const auto other = branch_secretary(kUnitBranch);
  EXPECT_EQ(refusal([&] { life_record(app(), other, id); }).status, 404);
}

}  // namespace
}  // namespace jiceng::org_life
