#pragma once
// The dual_report module's transactions and views: reports made and ended, sign-ups and
// check-ins with the hours they credit, cancelled activities, and what the community and the
// member read (the monthly notice, the inactive list, the member's own page). Every write to its
// tables outside the registers goes through here and keeps the notice's rollups in step.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cogov/common.hpp"
#include "core/app.hpp"

namespace jiceng::dual_report {

struct ReportInput final {
  std::string kind;  // "org": a unit's party organisation; "member": an in-service member
  std::string commitments;
  std::string address;                    // names the community when area_id is not given
  std::optional<std::int64_t> area_id;    // the community or village reported to
  std::optional<std::int64_t> unit_id;    // staff reporting for a unit (kind org)
  std::optional<std::int64_t> member_id;  // staff reporting for a member (kind member)
};
// Reports a unit (as its admin) or a member (as themselves), or either on their behalf by staff
// over the community; returns the report's id.
std::int64_t report(App& app, const cogov::Actor& by, const ReportInput& in);
// The reporter, or staff over the community, ends an active report.
void end_report(App& app, const cogov::Actor& by, std::int64_t id);

// A reported member signs up for an activity of their community; returns when.
std::int64_t sign_up(App& app, const cogov::Actor& by, std::int64_t activity, std::int64_t member);
struct CheckIn final {
  std::int64_t at = 0;
  double hours = 0;
};
// A member checks in with the code shown at the activity (signing up at the door if places remain).
CheckIn check_in(App& app, const cogov::Actor& by, std::int64_t activity, std::int64_t member, const std::string& code);

struct Activity final {
  std::int64_t id, starts_at, ends_at, places, signed_up;
  std::string area_path, code, status;
  double max_hours;
};
// An activity when the caller is staff over its community with `a` (404 when they cannot see it).
Activity staff_activity(App& app, const core::Principal& who, std::int64_t id, core::Action a);
// Staff cancel an open activity nobody has checked in to yet, saying why.
void cancel_activity(App& app, const cogov::Actor& by, std::int64_t id, const std::string& reason);
// Who signed up and checked in, for staff over the activity's community.
boost::json::array signups(App& app, const core::Principal& who, std::int64_t activity);

struct NoticeRow final {
  std::optional<std::int64_t> unit_id;
  std::string unit_name;
  std::int64_t reported = 0;  // the unit's members reported to the area in the month
  std::int64_t active = 0;    // of them, those who took part in an activity that month
  double hours = 0;
  std::int64_t activities = 0;  // check-ins
  double share() const { return reported > 0 ? static_cast<double>(active) / static_cast<double>(reported) : 0.0; }
};
struct Notice final {
  cogov::Area area;
  std::string month;
  std::int64_t activities = 0;  // open activities that started in the month
  std::vector<NoticeRow> rows;  // best share first, then most hours
};
// 每月通报 of an area (see cogov::report_area) for `month` ("2026-11"; empty: this month), for staff
// over the area.
Notice notice(App& app, const core::Principal& who, std::optional<std::int64_t> area_id, std::string month);

struct InactiveFilter final {
  std::int64_t months = 3;
  std::optional<std::int64_t> org_id;
  std::optional<std::int64_t> area_id;
};
// Reported members with no check-in for `months` whole months, in the caller's scope.
boost::json::array inactive(App& app, const core::Principal& who, const InactiveFilter& f);
// The member's own page: their report, the coming activities of their community, hours this year.
boost::json::object mine(App& app, std::int64_t member);

}  // namespace jiceng::dual_report
