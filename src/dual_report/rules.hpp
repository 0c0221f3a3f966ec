#pragma once
// 双报到 as pure rules: when a reported member may check in to a community activity, how many
// service hours that earns, and who counts as inactive for the monthly notice.
#include <cstdint>

namespace jiceng::dual_report {

constexpr std::int64_t kEarlyCheckInSeconds = 30 * 60;  // doors open half an hour before

// Check-in is open from shortly before the start until the activity ends.
bool may_check_in(std::int64_t now, std::int64_t starts_at, std::int64_t ends_at);
// Hours credited: the activity's own length in half hours, whatever time the member arrived,
// capped at `max_hours`; a member who checks in after the end earns nothing.
double service_hours(std::int64_t checked_in_at, std::int64_t starts_at, std::int64_t ends_at, double max_hours);
// A member with no participation for `months` whole months by `now` is listed for their branch.
bool inactive(std::int64_t last_participation, std::int64_t now, int months);
// The moment before which a last participation counts as inactive (for an indexed query).
std::int64_t inactive_before(std::int64_t now, int months);

}  // namespace jiceng::dual_report
