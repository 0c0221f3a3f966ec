#pragma once
// What the appeals service's files share: reading an appeal row, the timeline, and apply_change,
// the one way a transition records itself. Not for other modules.
#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appeals/rules.hpp"
#include "appeals/state.hpp"
#include "audit/audit.hpp"
#include "auth/principal.hpp"
#include "store/db.hpp"

namespace jiceng::appeals {

constexpr std::array<std::string_view, 5> kLevelNames = {"", "网格", "社区（村）", "街道（镇）", "县（区）"};

// Columns of a row read with sql::kSelectAppeal and named by with_names().
std::string text_of(const store::Row& r, const char* col);
std::int64_t int_of(const store::Row& r, const char* col);
bool has(const store::Row& r, const char* col);
boost::json::value opt_json(const store::Row& r, const char* col);
Status status_of(const store::Row& r, Status otherwise);
int level_of(const store::Row& r);

// Rows of sql::kSelectAppeal with the names the views show appended (grid_name, area_name,
// area_kind, area_depth, parent_area_name, grandparent_area_name, great_grandparent_area_name,
// assignee_name), asked of their owners once for all the rows.
std::vector<store::Row> with_names(store::Conn& c, std::vector<store::Row> rows);
// The ids in order, each once: what a batch lookup of another module is asked for.
std::vector<std::int64_t> distinct(std::vector<std::int64_t> ids);
// The appeal with the names its views show where `where` holds.
std::optional<store::Row> load(store::Conn& c, const std::string& where, const store::Params& params);
std::optional<store::Row> load_id(store::Conn& c, std::int64_t id);
std::vector<store::Row> load_all(store::Conn& c, const std::string& where, const store::Params& params);
// The appeal as `who` may see it, or 404.
store::Row visible(store::Conn& c, const core::Principal& who, std::int64_t id);
// The department units of `who` that were whistled onto the appeal.
std::vector<std::int64_t> whistled_units(store::Conn& c, const core::Principal& who, std::int64_t id);

std::int64_t add_event(store::Conn& c, std::int64_t appeal, std::int64_t at, const std::string& actor,
                       std::optional<std::int64_t> actor_id, const std::string& action, const std::string& from,
                       const std::string& to, int level, const std::string& note);
// Queues a notification about the appeal as it now stands; `row`, when given, is that state
// already read. `from_level`: an escalation, which concerns both the level handing it up and the
// one receiving it.
void notify_event(store::Conn& c, std::int64_t id, const std::string& event, const std::string& note, std::int64_t now,
                  int from_level = 0, const store::Row* row = nullptr);

// One transition of an appeal, recorded in this order: the update, the rollups, the line on the
// timeline (with its photos), the notification and the audit entry. Each step is optional.
struct Change final {
  std::int64_t id = 0;
  std::int64_t now = 0;
  // The write, if the transition makes one of a single statement.
  std::string update;
  store::Params params;
  // The rollups move from `before` (the appeal read with kSelectAppeal) to the appeal as updated;
  // `created` moves them from nothing. Neither: the transition does not touch what they count.
  const store::Row* before = nullptr;
  bool created = false;
  // The line on the timeline.
  std::string actor;
  std::optional<std::int64_t> actor_id;
  std::string action;
  std::string from;
  std::string to;
  int level = 0;
  std::string note;
  std::vector<std::string> photos;
  // The notification (null for none) and its note; `after`: the appeal as it stands, if read.
  const char* notice = nullptr;
  std::string notice_note;
  int from_level = 0;
  const store::Row* after = nullptr;
  std::optional<audit::Entry> audit;
};
// Returns the event's id.
std::int64_t apply_change(store::Conn& c, const Change& ch);
// A change made by `who`, their name on the line and the audit entry.
Change change_by(const core::Principal& who, std::int64_t id, std::int64_t now);
audit::Entry audit_by(const core::Principal& who, std::int64_t now, const std::string& ip, const std::string& action,
                      std::int64_t id, const std::string& before, const std::string& after);

// Views.
boost::json::array photos_of(store::Conn& c, std::int64_t id);
boost::json::array timeline(store::Conn& c, std::int64_t id, bool with_actor);
boost::json::value community_name(const store::Row& r);
// Open or just-resolved appeals of the same category, recent, that read alike and sit close.
boost::json::array duplicates_of(store::Conn& c, const core::Principal& who, const store::Row& a);

}  // namespace jiceng::appeals
