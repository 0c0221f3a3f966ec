#pragma once
// The pairing module's transactions: parties joining and leaving a pairing, help recorded by
// staff or by those helping, volunteers joining a team and the hours they serve. Each keeps the
// pairing's or team's counters in step with the rows it adds.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cogov/common.hpp"
#include "core/app.hpp"

namespace jiceng::pairing {

// One record of help or service is half an hour to a day.
constexpr double kMinHours = 0.5, kMaxHours = 24;

// 400 on `hours` outside kMinHours..kMaxHours.
void check_hours(double hours);
// 400 on `on_date` when it is not a real day or lies after today (`today` as "2026-11-23").
void check_date(const std::string& on_date, const std::string& today);

struct Party final {
  std::string side;  // "helper" or "helped"
  std::string kind;  // member, unit, household or area
  std::int64_t ref_id = 0;
};
// Staff over the pairing add a party, within what its kind allows on that side.
void add_party(App& app, const cogov::Actor& by, std::int64_t pairing, const Party& p);
void remove_party(App& app, const cogov::Actor& by, std::int64_t pairing, std::int64_t party);

struct Help final {
  std::string content;
  std::string on_date;          // "2026-11-23", not after today
  std::optional<double> hours;  // kMinHours..kMaxHours when given
};
// Staff over the pairing, or a member or unit helping in it, record what was done; returns the record.
boost::json::object add_help(App& app, const cogov::Actor& by, std::int64_t pairing, const Help& h);

struct Volunteer final {
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> member_id;
  std::string name;  // for someone in neither register
};
void add_volunteer(App& app, const cogov::Actor& by, std::int64_t team, Volunteer v);

struct Hours final {
  std::int64_t volunteer_id = 0;
  double hours = 0;     // kMinHours..kMaxHours
  std::string on_date;  // not after today
  std::string content;
};
// Staff over the team credit a volunteer's hours to them and to the team.
void add_hours(App& app, const cogov::Actor& by, std::int64_t team, const Hours& h);

}  // namespace jiceng::pairing
