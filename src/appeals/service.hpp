#pragma once
// Appeals over the store: intake and dispatch, moves along the closed loop, the resident's
// rating, and the sweep that warns and escalates when a level's slice of the limit runs out. The
// only code that writes the module's tables; other modules call it instead of reading them.
// Implemented by one file per part: intake, loop, whistles, mediation, duplicates, views, queue,
// reference, settings and sweep (change.cpp holds what they share).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "appeals/figures.hpp"
#include "appeals/rules.hpp"
#include "auth/principal.hpp"
#include "core/app.hpp"
#include "io/blob_store.hpp"

namespace jiceng::appeals {

struct Intake final {
  std::string type;
  std::int64_t category_id = 0;
  std::string description;
  std::string address;
  std::optional<double> lon;
  std::optional<double> lat;
  std::string reporter_name;
  std::string phone;
  bool anonymous = false;
  std::string channel = "h5";
  std::vector<std::string> photos;  // hashes returned by the photo upload
  // Run in the intake's own transaction once the appeal exists: a channel's own record of it.
  std::function<void(store::Conn&, std::int64_t appeal_id)> on_filed;
  // A signed-in resident filing for themselves (GET /api/v1/my/appeals lists them); staff filing
  // is recorded by `who` instead.
  std::optional<std::int64_t> reporter_account;
};

// Tracking codes: 10 characters of an alphabet without look-alikes, read case-insensitively.
std::string normalize_code(std::string code);
bool is_tracking_code(std::string_view code);

// Parses and checks an intake body; throws ApiError naming the field.
Intake parse_intake(const boost::json::object& body, bool staff);

struct Created final {
  std::int64_t id;
  std::string code;
};
// Places the appeal in its grid (or community, or the county desk), sets its limits and records
// it; `who` is null for residents. Staff may only file inside their own scope.
Created file(App& app, const Intake& in, const core::Principal* who, const std::string& ip);
// Refuses (429, with Retry-After) an intake without an account beyond the per-address or the
// per-phone limit; an empty key is not counted.
void limit_intake(App& app, const std::string& address, const std::string& phone);

// The staff view (list rows and detail) and the resident's view by tracking code.
boost::json::object staff_view(App& app, store::Conn& c, std::int64_t id, const core::Principal& who, bool detail);
// List views of `ids`, in that order, read in one statement (ids no longer there are left out).
boost::json::array staff_views(App& app, store::Conn& c, const std::vector<std::int64_t>& ids,
                               const core::Principal& who);
std::optional<boost::json::object> public_view(App& app, const std::string& code);
// The detail view in a read of its own; visible_detail is nullopt when `who` may not see it.
boost::json::object detail_of(App& app, std::int64_t id, const core::Principal& who);
std::optional<boost::json::object> visible_detail(App& app, std::int64_t id, const core::Principal& who);

// The staff work queue, a page at a time: by id, newest first, or by deadline ("due").
struct QueueQuery final {
  std::string queue = "all";  // mine, open, pending, working, due_soon, overdue, closed, all
  std::int64_t limit = 20;
  bool by_due = false;
  std::optional<std::int64_t> before_id;                           // the id order's cursor
  std::optional<std::pair<std::int64_t, std::int64_t>> after_due;  // the due order's: deadline, id
  std::string type;
  std::optional<std::int64_t> category_id;  // with the categories under it
  std::string text;                         // in the description, or the whole tracking code
};
bool is_queue(const std::string& name);
// {"items", "server_time", "next_cursor", "total"}; the total only on a first page.
boost::json::object queue_page(App& app, const core::Principal& who, const QueueQuery& q);
// A resident's own appeals, newest first, with the name and phone to put on the next one.
boost::json::object my_appeals(App& app, const core::Principal& who, std::int64_t limit, std::int64_t before);

// The category tree, the grid boundaries as GeoJSON features, and the departments one may whistle
// (those `appeal`'s category names first, marked `suggested`).
boost::json::array categories(App& app);
boost::json::array grid_features(App& app);
boost::json::object departments(App& app, const core::Principal& who, const std::string& name_part,
                                std::optional<std::int64_t> appeal);
// The figures of `area_id` (or the caller's own node; a department's own appeals), 404 outside the
// caller's reach.
boost::json::object figures_for(App& app, const core::Principal& who, FigureQuery q,
                                std::optional<std::int64_t> area_id, std::int64_t now);
// Photos by content hash: stored once, served by the hash (the file and its type).
std::string save_photo(App& app, const std::string& bytes, const std::string& mime);
std::optional<io::Blob> photo(App& app, const std::string& hash);  // its type and bytes, if known

// The county's settings (organisation department): categories, holidays and limits.
struct NewCategory final {
  std::string name;
  std::optional<std::int64_t> parent;
  std::string urgency = "general";
  std::string department;
  bool dispute = false;
};
std::int64_t create_category(App& app, const core::Principal& who, const std::string& ip, const NewCategory& in);
struct CategoryEdit final {
  std::optional<std::string> name;
  std::optional<std::string> urgency;
  std::optional<std::string> department;
  std::optional<bool> dispute;
  bool empty() const { return !name && !urgency && !department && !dispute; }
};
// `body`: the request as audited.
void edit_category(App& app, const core::Principal& who, const std::string& ip, std::int64_t id, const CategoryEdit& e,
                   const std::string& body);
boost::json::array holidays(App& app, const std::string& year);
// An edit of the calendar or a limit is read at the next deadline computed.
void set_holiday(App& app, const core::Principal& who, const std::string& ip, const std::string& day,
                 const std::string& kind);
boost::json::array limits(App& app);
void set_limit(App& app, const core::Principal& who, const std::string& ip, const LimitRule& rule,
               const std::string& body);

struct Move final {
  Action action;
  std::string note;
  std::optional<Satisfaction> satisfaction;
  std::optional<std::int64_t> merge_into;
  std::optional<std::int64_t> target_area;  // dispatch: the grid or community it is sent to
  std::vector<std::string> photos;          // e.g. the scene after it was fixed
};
void act(App& app, const core::Principal& who, std::int64_t id, Move m, const std::string& ip);
void rate(App& app, const std::string& code, Satisfaction s, const std::string& comment, const std::string& ip);

// 吹哨报到: a street or the county calls departments (units) onto an appeal; each checks in.
void whistle(App& app, const core::Principal& who, std::int64_t id, const std::vector<std::int64_t>& units,
             const std::string& note, const std::string& ip);
void check_in(App& app, const core::Principal& who, std::int64_t id, const std::string& note, const std::string& ip);
// A progress note from anyone working it, or 督办 (supervise) from a street or the county.
void add_note(App& app, const core::Principal& who, std::int64_t id, bool supervise, const std::string& note,
              const std::string& ip);

// Mediation of a dispute appeal: parties, mediators, the step reached, agreement and outcome.
struct Mediation final {
  MediationStep step = MediationStep::emotion;
  boost::json::array parties;    // [{"name","role"}]
  boost::json::array mediators;  // ["name", …]
  std::string agreement;
  std::string outcome = "pending";
  std::string note;
};
std::optional<boost::json::object> mediation_of(App& app, const core::Principal& who, std::int64_t id);
void mediate(App& app, const core::Principal& who, std::int64_t id, const Mediation& m, const std::string& ip);

// Who may see an appeal: the area subtree it sits in, or a department whistled onto it.
core::ScopeColumns scope_columns();

struct SweepResult final {
  int escalated = 0;
  int warned = 0;
  int late_checkins = 0;
};
SweepResult sweep(App& app);

// The caller's handling level for an appeal at `area_path` (0: may not act on it).
int caller_level(const core::Principal& who, const std::string& area_path);

// A resident's further word on an appeal, relayed by another channel (an Open311 client): a line
// on the timeline by `actor`, with its photos; the appeal's state is unchanged. Returns the event.
std::int64_t add_resident_update(store::Conn& c, std::int64_t appeal, std::int64_t at, const std::string& actor,
                                 const std::string& note, const std::vector<std::string>& photos);

// A line on an appeal's timeline written by another module (a 求助 appeal turned into a need).
void add_timeline_note(store::Conn& c, const core::Principal& who, std::int64_t appeal, std::int64_t at,
                       const std::string& note);
// A line of `action` on the timeline, the status unchanged (a hand-over to another person).
void add_timeline_event(store::Conn& c, const core::Principal& who, std::int64_t appeal, std::int64_t at,
                        const std::string& action, const std::string& note);

}  // namespace jiceng::appeals
