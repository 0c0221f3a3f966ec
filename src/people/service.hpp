#pragma once
// The people module's transactions: revealing a masked field (always audited) and naming a grid's
// contact cadre.
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/app.hpp"
#include "core/principal.hpp"
#include "store/db.hpp"

namespace jiceng::people {

// Whose field is revealed: a party member (ID number or phone) or another person (phone).
enum class Holder { member, person };

// The column a revealable field is kept in, encrypted; nullopt when `field` cannot be revealed.
std::optional<std::string> revealed_column(Holder h, const std::string& field);

// A masked field of a record in full, audited as a reveal; nullopt when the record is not within
// what `who` may reveal. `field` must have a revealed_column().
std::optional<std::string> reveal(App& app, const core::Principal& who, Holder h, std::int64_t id,
                                  const std::string& field, const std::string& ip);

// Names the town cadre who is a grid's contact (包联), or nobody. Only a street or the county
// assigns them, and only its own cadres or the county's. Throws ApiError.
void set_grid_contact(App& app, const core::Principal& who, std::int64_t grid_id, std::optional<std::int64_t> person_id,
                      const std::string& ip);

// ---- For appeals ----
// The logins of the grid's full-time workers (专职网格员), in the order they were registered.
std::vector<std::int64_t> full_time_grid_worker_accounts(store::Conn& c, std::int64_t grid_id);

// ---- For org_life ----

// A member as a meeting's roll needs them: full members vote, probationary ones do not.
// One member's record page (record.cpp): the row with its data-quality findings, and a section from
// each module above that keeps something about the member; 404 outside the caller's members scope
// (a member reads their own).
boost::json::object member_record_page(App& app, const core::Principal& who, std::int64_t id);

// The daily data-quality check (record.cpp): every member's record against record_rules, in batches
// by id, one transaction each; a row in member_problem for each member with findings, none for the
// rest. Returns how many members have findings.
std::int64_t check_records(App& app);

// The county's list (GET /api/v1/member-problems): members with findings in the caller's members
// scope, under an organisation or an area when given, of one kind of finding when given.
struct ProblemQuery final {
  std::optional<std::int64_t> org_id, area_id;
  std::optional<std::string> code;
  std::int64_t limit = 50, offset = 0;
};
boost::json::object problem_members(App& app, const core::Principal& who, const ProblemQuery& q);
// The organisations with such members, most first (GET /api/v1/member-problems/orgs).
boost::json::object problem_orgs(App& app, const core::Principal& who, std::optional<std::int64_t> area_id);

struct MemberBrief final {
  std::int64_t id = 0;
  std::string name;
  std::int64_t org_id = 0;
  std::string org_path;
  bool full = false;
};
std::optional<MemberBrief> member_brief(store::Conn& c, std::int64_t id);
// The members in good standing (full and probationary) whose organisation is `org_id` itself, in id
// order: a meeting's roll, a vote's members due to attend, an evaluation's members. A member stopped,
// removed, gone or deceased is kept on the register but is on no roll.
std::vector<MemberBrief> members_of_org(store::Conn& c, std::int64_t org_id);
// Members and full members in good standing per organisation under `org_path` (organisations with
// none left out).
struct Headcount final {
  std::int64_t members = 0;
  std::int64_t full = 0;
};
std::map<std::int64_t, Headcount> headcounts_under(store::Conn& c, const std::string& org_path);

// ---- For pipeline (发展党员): the member row a person's file becomes ----
// Pipeline keeps an applicant's ID number as this module keeps members' (SM4 under the same field
// cipher, the same blind index and mask), so the row moves across without being decrypted.

// Whether a member holds the ID number with this blind index.
bool member_with_id_index(store::Conn& c, const std::string& id_number_idx);
struct Admission final {
  std::string name, gender, birth_date;
  std::string id_number_enc, id_number_idx, id_number_mask;
  std::string joined_on;  // the branch meeting's day: membership counts from it
  std::int64_t org_id = 0;
  std::string org_path, area_path;
};
// Adds a probationary member of the branch (category in-service until the register says otherwise);
// returns its id. 409 naming id_number when the ID number is a member's already.
std::int64_t admit_probationary(store::Conn& c, const Admission& a, std::int64_t now);
// The probationary member becomes full on `full_on`.
void confirm_full(store::Conn& c, std::int64_t member_id, const std::string& full_on, std::int64_t now);
// The probation is cancelled (取消预备党员资格): the row is kept, its status says so.
void cancel_probation(store::Conn& c, std::int64_t member_id, std::int64_t now);

// ---- For dues (issue 16; appended by the dues helper) ----
// A member as a dues sheet lists one: the branch, the category (which settles a farmer's or a
// student's amount) and the day they were admitted (dues are owed from it).
struct RollMember final {
  std::int64_t id = 0;
  std::string name;
  std::int64_t org_id = 0;
  std::string org_path, area_path, category, status, joined_on;
};
std::optional<RollMember> roll_member(store::Conn& c, std::int64_t id);
// The members whose organisation lies under `org_path`, in organisation path then id order, at
// most `limit` (an index range over member.org_path).
std::vector<RollMember> roll_under(store::Conn& c, const std::string& org_path, std::int64_t limit);
// The member with this ID number (by its blind index), if any.
std::optional<std::int64_t> member_by_id_number(store::Conn& c, const crypto::FieldCipher& cipher,
                                                const std::string& id_number);

// ---- For relations (组织关系转接, 处置): a member's organisation and status change only here ----
// Relations calls these inside its own transaction, after its rules allowed the step; each change
// is audited with before and after. A member is never deleted: removal, leaving and death are
// statuses. Statuses: full, probationary, stopped (停止党籍), removed (除名), left (退党/劝退),
// deceased, and transferred_out (the relation left the installation with a letter whose receipt came back).

// The member's organisation and status, or nullopt when there is no such member.
struct MemberStanding final {
  std::int64_t id = 0;
  std::string name, status;
  std::int64_t org_id = 0;
  std::string org_path, area_path;
};
std::optional<MemberStanding> member_standing(store::Conn& c, std::int64_t id);
// Members in good standing (full or probationary) with an id above `after_id`, in id order, at most
// `limit`: the nightly checks walk the county a page at a time.
std::vector<MemberStanding> standing_members_after(store::Conn& c, std::int64_t after_id, std::int64_t limit);
// A confirmed transfer: the member now belongs to `org_id` (its paths looked up from orgs); the
// organisation tallies follow through the member table's triggers.
void move_member(store::Conn& c, std::int64_t id, std::int64_t org_id, const std::string& by, std::int64_t now);
// Whether a member in `from` may be moved to `to` (full/probationary/stopped → stopped/removed/left/
// deceased; full/probationary → transferred_out; nobody returns from removed, left or deceased).
bool status_step_allowed(const std::string& from, const std::string& to);
// Sets the status after an approved step; throws ApiError (409 naming "status") when not allowed.
void set_member_status(store::Conn& c, std::int64_t id, const std::string& status, const std::string& by,
                       std::int64_t now);

}  // namespace jiceng::people
