#pragma once
// The pipeline module's transactions (发展党员): a person's application, each step on their file
// checked against the rules (a central rule refuses, a county rule may be overridden with a reason,
// audited), the documents by content hash, the deadlines on the person's and the branch's views,
// the sweep's warnings, the county's settings, quotas and their moves, joint reviews and sampling
// re-checks. At approval the person becomes a probationary member through people's service.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cogov/common.hpp"
#include "core/app.hpp"
#include "io/blob_store.hpp"

namespace jiceng::pipeline {

using cogov::Actor;

constexpr std::size_t kMaxDocuments = 10;  // per step

struct Document final {
  std::string hash, name;
};

// ---- A person's file ----

struct Application final {
  std::int64_t org_id = 0;  // the branch applied to
  std::string name;
  std::string id_number;                  // checked as people checks members' (GB 11643)
  std::optional<std::int64_t> person_id;  // a resident of the people register, when they are one
  std::string applied_on;                 // YYYY-MM-DD
  std::vector<Document> documents;        // the application letter
};
// Opens the file of an applicant to a branch the caller writes for: 18 or older on the day, not
// already a member, no other open file.
boost::json::object apply(App& app, const Actor& by, const Application& a);

struct StepInput final {
  std::string step;  // rules' step names: talk, activist, review, candidate, filing, …
  std::string on;    // the day it happened, YYYY-MM-DD, not after today
  std::string decided_by, note;
  std::vector<std::int64_t> contacts, introducers;  // members of the branch
  std::int64_t training_days = 0, training_hours = 0;
  std::string publicity_to;
  std::optional<std::int64_t> ayes, noes, abstentions;
  std::string special_reason;        // an approval past three months
  std::string talked_on, talked_by;  // the higher committee's talk before its approval (上级党委派人谈话)
  std::int64_t months = 0;           // an extension
  std::vector<Document> documents;
  std::string override_reason;  // sets aside the county's rules the step breaks
};
// Records one step. Wrong stage: 409; a central rule broken: 422 with its words and source; a
// county rule broken without an override reason: 422 naming override_reason.
boost::json::object record_step(App& app, const Actor& by, std::int64_t person_id, const StepInput& s);

// The person's file with its steps, documents, rules and deadlines.
boost::json::object person(App& app, const core::Principal& who, std::int64_t id);
// For the member's record page: the development file of the person admitted as `member_id` (null
// when the member joined before the pipeline kept files; 404 outside the caller's scope).
boost::json::value member_file(App& app, const core::Principal& who, std::int64_t member_id);
struct ListQuery final {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> stage;
  std::int64_t limit = 50, offset = 0;
};
// Files in the caller's scope, the soonest deadline first.
boost::json::object people(App& app, const core::Principal& who, const ListQuery& q);
// A branch's pipeline: how many at each stage and what falls due, soonest first.
boost::json::object branch(App& app, const core::Principal& who, std::int64_t org_id);
// 积极分子清单: the organisation's activists with their contacts, reviews and the day they may
// become candidates.
boost::json::object activists(App& app, const core::Principal& who, std::int64_t org_id);
// Every rule with its words, source and whether it is central.
boost::json::object rule_table();

// ---- Documents (by SM3 hash, bytes in the shared blob store) ----

std::string save_file(App& app, std::string_view bytes, const std::string& mime);
// A stored document, for a hash on a file the caller sees (or not yet used, to a writer).
std::optional<io::Blob> file_for(App& app, const core::Principal& who, const std::string& hash);

// ---- County settings ([local] rules as dated numbers) ----

boost::json::object settings(App& app);
boost::json::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                                   const std::string& source, const std::string& effective_from);

// ---- Warnings ----

// The sweep: deadlines within the county's first warning, within its second, and missed, written
// once per file, deadline and level to the list and the notify outbox, in batches (at most hourly:
// Module::sweep_every_seconds).
// Returns how many new warnings it wrote.
std::int64_t warn_due(App& app);
struct WarningQuery final {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> level;  // ahead, close, missed
  std::int64_t limit = 50, offset = 0;
};
boost::json::object warnings(App& app, const core::Principal& who, const WarningQuery& q);

// ---- The county: quotas, joint reviews, re-checks ----

// 指标单列: each organisation's quota for a year with what it has used (admissions voted).
boost::json::object quotas(App& app, const core::Principal& who, int year);
boost::json::object set_quota(App& app, const Actor& by, int year, std::int64_t org_id, std::int64_t quota);
// 动态调剂: moves unused quota from one organisation to another.
boost::json::object move_quota(App& app, const Actor& by, int year, std::int64_t from_org, std::int64_t to_org,
                               std::int64_t amount, const std::string& reason);

// 县级联审: the county opens a batch of candidates and approves or returns each.
boost::json::object open_review(App& app, const Actor& by, const std::string& title,
                                const std::vector<std::int64_t>& person_ids);
struct Decision final {
  std::int64_t person_id = 0;
  bool approved = false;
  std::string note;
};
boost::json::object decide_review(App& app, const Actor& by, std::int64_t id, const std::vector<Decision>& decisions);
boost::json::object review(App& app, const core::Principal& who, std::int64_t id);
boost::json::object reviews(App& app, const core::Principal& who);

// 提级抽查复核: a sample of the year's admissions drawn with `seed` (the server picks one when none
// is given) and recorded, so anyone may draw it again; the county records each re-check.
boost::json::object draw_recheck(App& app, const Actor& by, int year, std::int64_t size,
                                 std::optional<std::uint64_t> seed);
boost::json::object recheck(App& app, const core::Principal& who, std::int64_t id);
// The year's re-check samples, newest first, with how many are checked and found wanting.
boost::json::object rechecks(App& app, const core::Principal& who, int year);
boost::json::object record_recheck(App& app, const Actor& by, std::int64_t id, std::int64_t person_id,
                                   const std::string& result, const std::string& note);
// The sample: `size` of `population` (ids in ascending order) by a Fisher–Yates shuffle driven by
// std::mt19937_64(seed), the first `size` taken; the same seed gives the same sample anywhere.
std::vector<std::int64_t> draw_sample(std::vector<std::int64_t> population, std::size_t size, std::uint64_t seed);

}  // namespace jiceng::pipeline
