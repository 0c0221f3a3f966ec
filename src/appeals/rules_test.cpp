#include "appeals/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::appeals {
namespace {

// Local (UTC+8) wall-clock time to unix seconds.
std::int64_t at(const char* day, int hour, int minute = 0) {
  return core::day_start(core::parse_day(day)) + hour * 3600 + minute * 60;
}
std::int64_t end_of(const char* day) { return core::day_start(core::parse_day(day) + 1) - 1; }

TEST(Calendar, ParsesAndFormatsDays) {
  EXPECT_EQ(core::format_day(core::parse_day("2026-11-20")), "2026-11-20");
  EXPECT_EQ(core::parse_day("1970-01-01"), 0);
  EXPECT_EQ(core::parse_day("2026-02-30"), core::kBadDay);
  EXPECT_EQ(core::parse_day("2026/11/20"), core::kBadDay);
  EXPECT_EQ(core::parse_day("1969-12-31"), -1);
  EXPECT_EQ(core::local_day(at("2026-11-20", 23, 59)), core::parse_day("2026-11-20"));
  EXPECT_EQ(core::local_day(at("2026-11-21", 0, 0)), core::parse_day("2026-11-21"));  // midnight in Beijing, 16:00 UTC
}

TEST(Calendar, WeekendsRestHolidaysRestAndMovedDaysWork) {
  Calendar cal;
  EXPECT_TRUE(cal.is_workday(core::parse_day("2026-11-20")));   // Friday
  EXPECT_FALSE(cal.is_workday(core::parse_day("2026-11-21")));  // Saturday
  cal.add_holiday(core::parse_day("2026-11-23"));
  cal.add_workday(core::parse_day("2026-11-22"));
  EXPECT_FALSE(cal.is_workday(core::parse_day("2026-11-23")));
  EXPECT_TRUE(cal.is_workday(core::parse_day("2026-11-22")));
}

TEST(Limits, GeneralAppealsGetSevenWorkingDaysSkippingWeekends) {
  Calendar cal;
  // Friday morning: Mon 23 … Fri 27, Mon 30, Tue 1 December.
  EXPECT_EQ(overall_deadline(cal, Urgency::general, at("2026-11-20", 10)), end_of("2026-12-01"));
  // Filed on a Saturday, the count starts on Monday all the same.
  EXPECT_EQ(overall_deadline(cal, Urgency::general, at("2026-11-21", 10)), end_of("2026-12-01"));
}

TEST(Limits, HolidaysPushTheDeadlineAndMovedWorkdaysPullItBack) {
  Calendar cal;
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"})
    cal.add_holiday(core::parse_day(d));
  cal.add_workday(core::parse_day("2026-10-10"));  // a Saturday worked in exchange
  // From 30 September: Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13, Wed 14, Thu 15.
  EXPECT_EQ(overall_deadline(cal, Urgency::general, at("2026-09-30", 16)), end_of("2026-10-15"));
}

TEST(Limits, EmergenciesCountRealHoursEvenAtWeekends) {
  Calendar cal;
  EXPECT_EQ(overall_deadline(cal, Urgency::emergency, at("2026-11-21", 23)), at("2026-11-22", 1));
  EXPECT_EQ(overall_deadline(cal, Urgency::utilities, at("2026-11-21", 9)), at("2026-11-22", 9));
  EXPECT_EQ(overall_deadline(cal, Urgency::complex, at("2026-11-20", 9)), end_of("2026-12-11"));
}

TEST(Escalation, EachLevelHasItsSliceOfTheSevenDays) {
  Calendar cal;
  const auto start = at("2026-11-20", 10);
  const auto overall = overall_deadline(cal, Urgency::general, start);
  const auto grid = level_deadline(cal, Urgency::general, kGridLevel, start, overall);
  EXPECT_EQ(grid, end_of("2026-11-23"));  // one working day
  const auto community = level_deadline(cal, Urgency::general, kCommunityLevel, grid, overall);
  EXPECT_EQ(community, end_of("2026-11-25"));
  const auto street = level_deadline(cal, Urgency::general, kStreetLevel, community, overall);
  EXPECT_EQ(street, end_of("2026-11-27"));
  const auto county = level_deadline(cal, Urgency::general, kCountyLevel, street, overall);
  EXPECT_EQ(county, overall);  // the four slices add up to the whole limit
  // Escalated by hand late in the limit, a slice never runs past the overall deadline.
  EXPECT_EQ(level_deadline(cal, Urgency::general, kStreetLevel, at("2026-11-30", 9), overall), overall);
  EXPECT_EQ(level_deadline(cal, Urgency::emergency, kGridLevel, at("2026-11-21", 23), at("2026-11-22", 1)),
            at("2026-11-21", 23, 30));
}

TEST(Limits, ACountyMaySetItsOwn) {
  Calendar cal;
  const LimitRule fast{Urgency::general, LimitUnit::working_days, 5, {1, 1, 1, 2}};
  EXPECT_EQ(limit_problem(fast), std::nullopt);
  EXPECT_EQ(overall_deadline(cal, fast, at("2026-11-20", 10)), end_of("2026-11-27"));
  EXPECT_TRUE(
      limit_problem(LimitRule{Urgency::general, LimitUnit::working_days, 5, {1, 1, 1, 1}}));  // slices must add up
  EXPECT_TRUE(limit_problem(LimitRule{Urgency::general, LimitUnit::working_days, 4, {0, 1, 1, 2}}));
  EXPECT_EQ(limit_problem(limit_rule(Urgency::complex)), std::nullopt);
}

TEST(Limits, ADisputeIsSettledWithinSevenCalendarDaysAcrossFourLevels) {
  Calendar cal;
  // Filed on a Friday morning: the weekend counts, as 四级七天 counts days, not working days.
  const auto start = at("2026-11-20", 10);
  const auto overall = overall_deadline(cal, Urgency::dispute, start);
  EXPECT_EQ(overall, at("2026-11-27", 10));
  const auto grid = level_deadline(cal, Urgency::dispute, kGridLevel, start, overall);
  EXPECT_EQ(grid, at("2026-11-21", 10));  // a Saturday
  const auto community = level_deadline(cal, Urgency::dispute, kCommunityLevel, grid, overall);
  const auto street = level_deadline(cal, Urgency::dispute, kStreetLevel, community, overall);
  EXPECT_EQ(level_deadline(cal, Urgency::dispute, kCountyLevel, street, overall), overall);
}

TEST(Limits, ADisputeIsHeldToFourLevelsSevenDaysUnlessItIsAnEmergency) {
  EXPECT_EQ(urgency_for(Urgency::general, true), Urgency::dispute);
  EXPECT_EQ(urgency_for(Urgency::complex, true), Urgency::dispute);
  EXPECT_EQ(urgency_for(Urgency::emergency, true), Urgency::emergency);
  EXPECT_EQ(urgency_for(Urgency::general, false), Urgency::general);  // ordinary appeals keep their limits
  EXPECT_EQ(limit_rule(Urgency::dispute).unit, LimitUnit::calendar_days);
  EXPECT_EQ(limit_rule(Urgency::dispute).total, 7);
  EXPECT_EQ(parse_limit_unit("calendar_days"), LimitUnit::calendar_days);
  EXPECT_FALSE(parse_limit_unit("fortnights"));
}

TEST(StateMachine, TheOpenStatusesInSqlAreThoseStillSomebodysWork) {
  // Spelled as migration 014's partial index spells them, so SQLite can use it for "mine".
  EXPECT_EQ(open_statuses_sql(), "('submitted', 'accepted', 'in_progress', 'reopened')");
}

TEST(Escalation, WarnsAtEightyPercent) { EXPECT_EQ(warn_at(1000, 2000), 1800); }

TEST(StateMachine, TheClosedLoop) {
  auto s = Status::submitted;
  s = *next_status(s, Action::accept);
  EXPECT_EQ(s, Status::accepted);
  s = *next_status(s, Action::start);
  s = *next_status(s, Action::resolve);
  EXPECT_EQ(s, Status::resolved);
  EXPECT_FALSE(next_status(s, Action::callback));  // an answer is needed
  s = *next_status(s, Action::callback, Satisfaction::basic);
  EXPECT_EQ(s, Status::called_back);
  s = *next_status(s, Action::close);
  EXPECT_EQ(s, Status::closed);
  EXPECT_FALSE(next_status(s, Action::resolve));
  EXPECT_FALSE(next_status(s, Action::escalate));
}

TEST(StateMachine, DissatisfactionReopensAndRejectionEndsEarly) {
  EXPECT_EQ(next_status(Status::resolved, Action::callback, Satisfaction::dissatisfied), Status::reopened);
  EXPECT_EQ(next_status(Status::reopened, Action::start), Status::in_progress);
  EXPECT_EQ(next_status(Status::submitted, Action::reject), Status::rejected);
  EXPECT_FALSE(next_status(Status::in_progress, Action::reject));
  EXPECT_EQ(next_status(Status::accepted, Action::merge), Status::merged);
  EXPECT_EQ(next_status(Status::in_progress, Action::escalate), Status::in_progress);
  EXPECT_FALSE(next_status(Status::rejected, Action::reopen));
}

TEST(Roles, WorkHappensAtTheLevelOrAbove) {
  EXPECT_TRUE(may(kGridLevel, kGridLevel, Action::resolve));
  EXPECT_FALSE(may(kGridLevel, kGridLevel, Action::reject));     // rejecting needs the community
  EXPECT_FALSE(may(kGridLevel, kStreetLevel, Action::resolve));  // gone up, out of the grid's hands
  EXPECT_TRUE(may(kCountyLevel, kGridLevel, Action::resolve));
  EXPECT_FALSE(may(kCountyLevel, kCountyLevel, Action::escalate));  // nowhere higher to go
  EXPECT_FALSE(may(0, kGridLevel, Action::accept));
  EXPECT_EQ(role_level(core::Role::street_officer), kStreetLevel);
  EXPECT_EQ(role_level(core::Role::member), 0);
  const auto grid = available_actions(Status::submitted, kGridLevel, kGridLevel);
  EXPECT_EQ(grid, (std::vector<Action>{Action::accept, Action::escalate}));
  const auto community = available_actions(Status::submitted, kGridLevel, kCommunityLevel);
  EXPECT_EQ(community,
            (std::vector<Action>{Action::accept, Action::reject, Action::escalate, Action::merge, Action::dispatch}));
  EXPECT_EQ(available_actions(Status::submitted, kCountyLevel, kCountyLevel),
            (std::vector<Action>{Action::accept, Action::reject, Action::merge, Action::dispatch}));
  EXPECT_TRUE(may(kCommunityLevel, kCommunityLevel, Action::dispatch));  // a community assigns to its grids
  EXPECT_FALSE(may(kGridLevel, kGridLevel, Action::dispatch));           // a grid has nobody below it
  EXPECT_EQ(next_status(Status::accepted, Action::dispatch), Status::submitted);
  EXPECT_FALSE(next_status(Status::in_progress, Action::dispatch));
  EXPECT_EQ(available_actions(Status::resolved, kGridLevel, kCommunityLevel),
            (std::vector<Action>{Action::callback, Action::reopen}));
}

TEST(Mediation, MovesForwardThroughEmotionReasonLawLitigation) {
  EXPECT_EQ(mediation_problem(std::nullopt, MediationStep::emotion, "pending", false), std::nullopt);
  EXPECT_EQ(mediation_problem(MediationStep::emotion, MediationStep::law, "pending", false), std::nullopt);
  EXPECT_TRUE(mediation_problem(MediationStep::law, MediationStep::reason, "pending", false));    // no going back
  EXPECT_TRUE(mediation_problem(MediationStep::reason, MediationStep::reason, "agreed", false));  // needs the text
  EXPECT_EQ(mediation_problem(MediationStep::reason, MediationStep::reason, "agreed", true), std::nullopt);
  EXPECT_TRUE(mediation_problem(MediationStep::law, MediationStep::law, "referred", false));
  EXPECT_EQ(mediation_problem(MediationStep::law, MediationStep::litigation, "referred", false), std::nullopt);
  EXPECT_TRUE(mediation_problem(std::nullopt, MediationStep::emotion, "solved", false));
  EXPECT_EQ(mediation_step_label(*parse_mediation_step("law")), "以法调解");
}

}  // namespace
}  // namespace jiceng::appeals
