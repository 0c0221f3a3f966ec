#pragma once
// Village cadres (村“两委”干部) as pure rules: the posts, whether a village's party secretary is also
// its committee director (一肩挑, seed 004: 127 villages, 96.9%), terms due for election, and pay
// as base plus an assessed bonus (以绩定酬, seed 002: “基本报酬+考核奖励报酬”), every bonus
// explained by its points. Money is integer fen. No I/O: days are day numbers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/rules.hpp"

namespace jiceng::assessment {

// ---- Posts ----

enum class Post { secretary, director, deputy, member };  // 书记 / 主任 / 副职 / 委员
std::string_view post_name(Post p);
std::string_view post_label(Post p);
std::optional<Post> parse_post(std::string_view s);

// One line of the 两委 roster: who held which post in which village, from when to when.
struct Tenure final {
  std::string village;  // the caller's key
  Post post = Post::member;
  std::string person;  // the caller's key for the person
  std::int64_t from = 0;
  std::optional<std::int64_t> to;  // the day they left (exclusive); none: in post
};
bool in_post(const Tenure& t, std::int64_t day);

// ---- 一肩挑 ----

struct OneShoulder final {
  std::int64_t villages = 0;         // villages with a secretary in post on the day
  std::int64_t one_shoulder = 0;     // of them, the secretary is also the director
  std::string text;                  // "96.9%"
  std::vector<std::string> not_yet;  // villages whose secretary is not the director, in key order
};
OneShoulder one_shoulder(const std::vector<Tenure>& roster, std::int64_t day);

// ---- Terms ----

// Village and community 两委: five years (村民委员会组织法 2018 修正; 农村基层组织工作条例).
constexpr std::int64_t kVillageTermYears = 5;
struct TermDue final {
  std::string village;
  std::int64_t elected_on = 0, due_on = 0;
  bool overdue = false;
  std::string text;  // "2021-03-15换届，任期将于2026-03-15届满"
};
// The villages whose term ends within `warn_months` of `today` (or has ended), soonest first.
// `elected` maps a village to the day of its last election.
std::vector<TermDue> terms_due(const std::map<std::string, std::int64_t>& elected, std::int64_t today,
                               std::int64_t warn_months);

// ---- 以绩定酬 ----

using Fen = std::int64_t;  // 1 元 = 100 分
std::string yuan(Fen f);   // 1234567 → "12345.67"

// [local] The county's pay formula, as dated settings ("pay_…" in setting_keys, in whole 元).
struct PayFormula final {
  Fen base = 3'600'000;                           // a secretary's base pay for the year
  Fen bonus_full = 1'200'000;                     // a secretary's bonus at 100 分
  Tenths bonus_min = 60 * kTenthsPerPoint;        // no bonus below
  Fen bonus_cap = 0;                              // 0: no cap
  Fen floor = 4'000'000;                          // base + bonus is at least this (about twice rural income per head)
  std::int64_t deputy_pct = 80, member_pct = 70;  // of the secretary's base and bonus
};
PayFormula pay_formula_from(const std::map<std::string, std::int64_t>& in_force);
// The post's share of the secretary's pay, in percent (secretary and director 100).
std::int64_t post_pct(Post p, const PayFormula& f);

struct Pay final {
  Fen base = 0, bonus = 0, topped_up = 0, total = 0;
  std::string explanation;  // every figure that made the bonus, in words
};
// The year's pay of a cadre in `post` whose village scored `points`.
Pay pay(Post post, Tenths points, const PayFormula& f);

}  // namespace jiceng::assessment
