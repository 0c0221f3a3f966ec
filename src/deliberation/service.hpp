#pragma once
// The deliberation module's transactions: a resident's proposal (民提), stages moved by staff,
// comments and meeting records, one sealed ballot per household, the count when the vote's time is
// up, and residents' ratings; and the public page's reads. Every write to its tables outside the
// registers goes through here.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cogov/common.hpp"
#include "core/app.hpp"
#include "deliberation/rules.hpp"

namespace jiceng::deliberation {

// The longest a vote may stay open.
constexpr std::int64_t kMaxVoteSeconds = 90LL * 24 * 3600;

// A resident puts a matter forward in the community they live in; returns it as the phone shows it.
boost::json::object propose(App& app, const cogov::Actor& by, const std::string& title, const std::string& body);

struct Advance final {
  Stage to = Stage::discussing;
  std::string note;
  // Opening a vote: when it opens (default now) and closes (required, within kMaxVoteSeconds).
  std::optional<std::int64_t> opens_at;
  std::optional<std::int64_t> closes_at;
};
// Staff over the matter move it on; moving to voting fixes who may vote. A vote's result is
// never set by hand: settle_due() counts it.
void advance(App& app, const cogov::Actor& by, std::int64_t id, const Advance& a);
// A comment (anyone who sees it, while it is discussed), a meeting record or progress (staff).
void add_note(App& app, const cogov::Actor& by, std::int64_t id, const std::string& kind, const std::string& text);
// One ballot ("yes", "no", "abstain") for the caller's household, or a paper ballot staff enter
// for `paper_household`, while the vote is open.
void cast_ballot(App& app, const cogov::Actor& by, std::int64_t id, const std::string& choice,
                 std::optional<std::int64_t> paper_household);
// Staff end a vote early once every household has voted.
void close_vote(App& app, const cogov::Actor& by, std::int64_t id);
// A household rates a matter once, after it is carried out.
void rate(App& app, const cogov::Actor& by, std::int64_t id, std::int64_t score, const std::string& comment);
// Moves every matter whose vote has closed to decided or rejected; returns how many it moved.
std::int64_t settle_due(App& app);

// The public page: matters under an area (see cogov::report_area) with their stage, and one
// matter with its public notes (residents' comments left out).
boost::json::object public_matters(App& app, std::optional<std::int64_t> area_id, const core::Principal* who);
boost::json::object public_matter(App& app, std::int64_t id);

// For co-governance (pairing): a household as other modules name it, and the household a
// resident's account votes and rates for.
struct Household final {
  std::int64_t id = 0;
  std::string area_path;
  std::string head_name;
  std::string address;
};
std::optional<Household> household_by_id(store::Conn& c, std::int64_t id);
std::optional<Household> household_of_account(store::Conn& c, std::int64_t account_id);

}  // namespace jiceng::deliberation
