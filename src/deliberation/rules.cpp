#include "deliberation/rules.hpp"

#include <array>

#include "core/names.hpp"

namespace jiceng::deliberation {
namespace {

constexpr std::array<core::Named<Stage>, 7> kStages = {{
    {Stage::proposed, "proposed", "民提"},
    {Stage::discussing, "discussing", "民议"},
    {Stage::voting, "voting", "民决（投票中）"},
    {Stage::decided, "decided", "民决（通过）"},
    {Stage::rejected, "rejected", "民决（未通过）"},
    {Stage::carrying_out, "carrying_out", "实施中"},
    {Stage::evaluated, "evaluated", "民评"},
}};

}  // namespace

std::optional<Stage> parse_stage(std::string_view s) { return core::parse_named(kStages, s); }
std::string_view stage_name(Stage s) { return core::row_of(kStages, s).name; }
std::string_view stage_label(Stage s) { return core::row_of(kStages, s).label; }

bool may_advance(Stage from, Stage to) {
  switch (from) {
    case Stage::proposed: return to == Stage::discussing || to == Stage::rejected;
    case Stage::discussing: return to == Stage::voting;
    case Stage::voting: return to == Stage::decided || to == Stage::rejected;  // only by counting the vote
    case Stage::decided: return to == Stage::carrying_out;
    case Stage::carrying_out: return to == Stage::evaluated;
    case Stage::rejected:
    case Stage::evaluated: return false;
  }
  return false;
}

Result decide(const Count& c, const VoteRule& rule) {
  Result r;
  const auto cast = c.yes + c.no + c.abstain;
  r.turnout = c.eligible > 0 ? static_cast<double>(cast) / static_cast<double>(c.eligible) : 0.0;
  r.yes_share = cast > 0 ? static_cast<double>(c.yes) / static_cast<double>(cast) : 0.0;
  r.quorum_reached = c.eligible > 0 && r.turnout >= rule.quorum;
  r.passed = r.quorum_reached && r.yes_share > rule.majority;
  return r;
}

bool may_show_result(std::int64_t now, std::int64_t closes_at) { return now >= closes_at; }

bool voting_open(std::int64_t now, std::int64_t opens_at, std::int64_t closes_at) {
  return now >= opens_at && now < closes_at;
}

}  // namespace jiceng::deliberation
