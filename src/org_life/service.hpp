#pragma once
// The org_life module's transactions: a meeting planned, announced, held (attendance, minutes,
// resolutions, with quorum by rule) or cancelled; leave asked from the phone and granted by the
// secretary; guests from other organisations; attachments by content hash; observers (巡学旁听)
// and their assessments; the county's kinds and dated duty rules; a branch's committee and term;
// and the compliance matrix read from the tally kept in each meeting's own transaction.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cogov/common.hpp"
#include "core/app.hpp"
#include "io/blob_store.hpp"

namespace jiceng::org_life {

using cogov::Actor;

constexpr std::size_t kMaxFileBytes = 8 * 1024 * 1024 - 1024;  // under the server's body limit
constexpr std::int64_t kMaxAttachments = 20;

// ---- Meetings ----

struct Plan final {
  std::string kind, topic, agenda, place, presider;
  std::optional<std::int64_t> venue_id;
  std::int64_t starts_at = 0;
};
// A meeting planned for an organisation the caller writes for; its members are put on the roll
// (a committee meeting's roll is the attendance taken when it is held).
boost::json::object create_meeting(App& app, const Actor& by, std::int64_t org_id, const Plan& plan);
// Changes the plan before the meeting is held.
boost::json::object update_meeting(App& app, const Actor& by, std::int64_t id, const Plan& plan);
boost::json::object announce(App& app, const Actor& by, std::int64_t id);
boost::json::object cancel(App& app, const Actor& by, std::int64_t id, const std::string& reason);

struct Resolution final {
  std::string body;
  std::optional<std::int64_t> ayes, noes, abstentions;
};
struct Holding final {
  // member id → present, absent or leave; a member not on the roll joins it as a guest.
  std::vector<std::pair<std::int64_t, std::string>> attendance;
  std::string minutes;
  std::vector<Resolution> resolutions;
};
// Records (or corrects) a held meeting: quorum is decided by rule and a meeting below it is kept
// but counts for nothing; the tally moves in the same transaction.
boost::json::object hold(App& app, const Actor& by, std::int64_t id, const Holding& h);
boost::json::object set_minutes(App& app, const Actor& by, std::int64_t id, const std::string& minutes);
// A member of another organisation on the roll as a guest (a mobile or dual-reporting member).
boost::json::object add_guest(App& app, const Actor& by, std::int64_t id, std::int64_t member_id);
// The member signed in asks for leave from an announced meeting; the secretary grants or refuses.
boost::json::object request_leave(App& app, const Actor& by, std::int64_t id, const std::string& reason);
boost::json::object decide_leave(App& app, const Actor& by, std::int64_t id, std::int64_t member_id, bool grant);

// Files: the type read from the bytes (PDF, JPEG, PNG, WebP, Word); kept once per SM3 hash.
std::optional<std::string> sniff_document(std::string_view bytes);
std::string save_file(App& app, std::string_view bytes, const std::string& mime);
// The stored file's type and bytes, for a hash attached to a meeting the caller sees.
std::optional<io::Blob> file_for(App& app, const core::Principal& who, const std::string& hash);
boost::json::object attach(App& app, const Actor& by, std::int64_t id, const std::string& hash,
                           const std::string& name);

// 巡学旁听: the county or a street names an account to observe an upcoming meeting; the observer sees
// it and writes an assessment the branch reads.
boost::json::object assign_observer(App& app, const Actor& by, std::int64_t id, const std::string& username);
boost::json::object assess(App& app, const Actor& by, std::int64_t id, const std::string& text);

boost::json::object meeting(App& app, const core::Principal& who, std::int64_t id);
struct MeetingQuery final {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> kind, status;
  std::optional<std::int64_t> from, to;  // starts_at range
  std::int64_t limit = 50, offset = 0;
};
boost::json::object meetings(App& app, const core::Principal& who, const MeetingQuery& q);
// The member signed in: their meetings (announced or later), newest first.
boost::json::object my_meetings(App& app, const core::Principal& who);

// ---- Kinds, duties, terms ----

boost::json::object kinds(App& app);
boost::json::object add_kind(App& app, const Actor& by, const std::string& code, const std::string& label);
boost::json::object duties(App& app);
struct DutyChange final {
  std::string key;  // an existing key to change, or a new one
  std::string kind, period, source;
  std::int64_t count = 1;
  std::vector<std::string> applies_to;
  std::string effective_from;  // YYYY-MM-DD, not before today's period of the duty
};
// The organisation department dates a new version of a county setting; central rules stay.
boost::json::object change_duty(App& app, const Actor& by, const DutyChange& d);
struct Term final {
  std::optional<std::string> elected_on;
  std::optional<std::int64_t> term_years;
  std::int64_t committee_size = 0;
};
boost::json::object set_term(App& app, const Actor& by, std::int64_t org_id, const Term& t);

// ---- Compliance ----

// One organisation's year: each duty's cells and the branch structure checks.
boost::json::object org_year(App& app, const core::Principal& who, std::int64_t org_id, int year);
// The share of compliant organisations by child area and month (a county by street).
boost::json::object area_months(App& app, const core::Principal& who, std::optional<std::int64_t> area_id, int year);
// The organisations under an area with each duty's cell for the period holding `month`.
boost::json::object area_cells(App& app, const core::Principal& who, std::optional<std::int64_t> area_id,
                               const std::string& month);

}  // namespace jiceng::org_life
