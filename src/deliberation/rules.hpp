#pragma once
// 四民工作法 as pure rules: a matter goes proposed (民提) → discussed (民议) → decided (民决) →
// carried out → evaluated (民评); the decision is a vote of one ballot per household, with a
// quorum and a majority the community sets, and the result sealed until the vote closes.
#include <cstdint>
#include <optional>
#include <string_view>

namespace jiceng::deliberation {

enum class Stage { proposed, discussing, voting, decided, rejected, carrying_out, evaluated };

std::optional<Stage> parse_stage(std::string_view s);
std::string_view stage_name(Stage s);
std::string_view stage_label(Stage s);  // 民提 民议 民决 …
// Whether a matter may move from one stage to the next one named.
bool may_advance(Stage from, Stage to);

struct VoteRule final {
  double quorum = 0.5;    // share of eligible households that must vote
  double majority = 0.5;  // share of cast ballots that must say yes (strictly more than)
};

struct Count final {
  std::int64_t eligible = 0;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
};

struct Result final {
  bool quorum_reached = false;
  bool passed = false;
  double turnout = 0;
  double yes_share = 0;
};

Result decide(const Count& c, const VoteRule& rule);
// Ballots are secret until the vote closes: before then only the turnout may be shown.
bool may_show_result(std::int64_t now, std::int64_t closes_at);
bool voting_open(std::int64_t now, std::int64_t opens_at, std::int64_t closes_at);

}  // namespace jiceng::deliberation
