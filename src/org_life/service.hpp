#pragma once
// The org_life module's transactions: a meeting planned, announced, held (attendance, minutes,
// resolutions, with quorum by rule) or cancelled; leave asked from the phone and granted by the
// secretary; guests from other organisations; attachments by content hash; observers (巡学旁听)
// and their assessments; the county's kinds and dated duty rules; a branch's committee and term;
// and the compliance matrix read from the tally kept in each meeting's own transaction.
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cogov/common.hpp"
#include "core/app.hpp"
#include "io/blob_store.hpp"

namespace jiceng::org_life {

using cogov::Actor;

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

// Files (typed by http::document_upload): kept once per SM3 hash.
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

// ---- Warnings ----

// The background sweep: every duty in its last days (`warn`) or missed, for every organisation,
// is written once per cell and state to the secretary's list and the notify outbox; returns how
// many new warnings it wrote (0 on a second run). It also works every organisation's standing out
// again (the rollup of the county's matrix), batch by batch, each batch its own transaction.
std::int64_t warn_due(App& app);
// Every organisation's standing in this year and last worked out again, without warnings: for the
// demo's seed (in its transaction) and the benchmark province's generator (batch by batch), which
// write meetings and tallies straight into the tables.
void restand_all(store::Conn& c, std::int64_t now);
void restand_all(store::Database& db, std::int64_t now);
struct WarningQuery final {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> state;  // due, missing
  std::int64_t limit = 50, offset = 0;
};
// The warnings about organisations in the caller's scope, newest first.
boost::json::object warnings(App& app, const core::Principal& who, const WarningQuery& q);

// ---- County settings (dated numbers: the cap on 优秀) ----

boost::json::object settings(App& app);
// The organisation department dates a new value from a day not before today.
boost::json::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                                   const std::string& source, const std::string& effective_from);

// ---- 民主评议党员 ----

// A writer opens the organisation's campaign for a year (this year or last): its members are put
// on it, and the county's cap on 优秀 in force today is kept with it.
boost::json::object open_campaign(App& app, const Actor& by, std::int64_t org_id, int year);
// Closes it once every member is rated.
boost::json::object close_campaign(App& app, const Actor& by, std::int64_t id);
boost::json::object campaign(App& app, const core::Principal& who, std::int64_t id);
boost::json::object org_campaigns(App& app, const core::Principal& who, std::int64_t org_id);
// The member signed in writes their own self-assessment; assesses another member of the campaign.
boost::json::object self_assess(App& app, const Actor& by, std::int64_t id, const std::string& text);
boost::json::object peer_assess(App& app, const Actor& by, std::int64_t id, std::int64_t member_id,
                                const std::string& grade, const std::string& comment);
// The branch's rating: a reason for 基本合格 and 不合格, 优秀 within the county's cap; 不合格 opens a case.
boost::json::object rate(App& app, const Actor& by, std::int64_t id, std::int64_t member_id, const std::string& rating,
                         const std::string& reason);
// A member's results, year by year: the member themselves or a reader of their organisation.
boost::json::object member_evaluations(App& app, const core::Principal& who, std::int64_t member_id);
// For the member's record page: the meetings they were on the roll of and their evaluations.
boost::json::object member_life(App& app, const core::Principal& who, std::int64_t member_id);
// The member signed in: their campaigns, what they wrote, and the members they may assess.
boost::json::object my_evaluations(App& app, const core::Principal& who);

// ---- 谈心谈话 ----

// The branch names its committee members (from its own members); the talk pairs follow from them.
boost::json::object set_committee(App& app, const Actor& by, std::int64_t org_id,
                                  const std::vector<std::int64_t>& member_ids);
// The year's required pairs (committee members with each other and with each member), done or not.
boost::json::object talks(App& app, const core::Principal& who, std::int64_t org_id, int year);
// Marks a required pair's talk done on a day (not after today).
boost::json::object record_talk(App& app, const Actor& by, std::int64_t org_id, std::int64_t a, std::int64_t b,
                                const std::string& done_on);

// ---- 组织生活会 ----

struct Criticism final {
  std::int64_t member_id = 0;
  std::string kind;  // self (自我批评) or given (批评, from by_member_id)
  std::optional<std::int64_t> by_member_id;
  std::string body;
};
// The record of a 组织生活会: each participant's criticism and self-criticism, and the rectification
// list with owners and due dates, overdue items flagged.
boost::json::object life_record(App& app, const core::Principal& who, std::int64_t meeting_id);
boost::json::object add_criticism(App& app, const Actor& by, std::int64_t meeting_id, const Criticism& item);
struct Rectification final {
  std::string item, owner, due_on;
};
boost::json::object add_rectification(App& app, const Actor& by, std::int64_t meeting_id, const Rectification& r);
// Marks an item done on a day not after today.
boost::json::object rectification_done(App& app, const Actor& by, std::int64_t id, const std::string& done_on);

// For the member pipeline (不合格党员组织处置): the open cases under an organisation path.
struct Case final {
  std::int64_t id = 0, member_id = 0, org_id = 0, year = 0, opened_at = 0;
  std::string member_name, reason, state;
};
std::vector<Case> open_cases(store::Conn& c, const std::string& org_path);

// ---- Lookups for the pages ----

// A meeting's guest by name or number: the members under the areas the caller writes organisation
// life for (an organisation's binding reaches its own area), whatever their organisation, marked
// when already on the meeting's roll.
boost::json::object member_lookup(App& app, const core::Principal& who, std::int64_t meeting_id,
                                  const std::string& text);
// A branch's committee (named members) and term, with its members to name them from.
boost::json::object committee_and_term(App& app, const core::Principal& who, std::int64_t org_id);

// ---- For relations (流而失管, 空挂, 处置) ----
// The last day (core::local_day) each of `member_ids` was present at a held meeting that counts, as
// a member or a guest (a mobile member at the receiving side); members never present are left out.
std::map<std::int64_t, std::int64_t> last_attended(store::Conn& c, std::span<const std::int64_t> member_ids);
// An open case as relations takes it over: it leaves this list (state handed_over) and relations'
// case carries it on; nullopt when it is not open or not there.
std::optional<Case> take_case(store::Conn& c, std::int64_t case_id);

}  // namespace jiceng::org_life
