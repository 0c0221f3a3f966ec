// The demo county's deliberation: the first community's households, and matters at each stage.
#include <array>

#include "deliberation/seed.hpp"

#include "auth/seed.hpp"

namespace jiceng::deliberation {
namespace {

using demo::kDay;
using demo::Seed;

constexpr int kHouseholds = 30;
constexpr int kRepresentativeEvery = 5;  // a fifth of the households are representatives

// The resident account's household is the first.
void seed_households(Seed& s) {
  static constexpr std::array<const char*, 10> kHeads = {"王建国", "李秀英", "张志强", "刘桂兰", "陈国华",
                                                         "杨丽娟", "赵德胜", "黄淑珍", "周明亮", "吴玉梅"};
  auto& g = s.cogov_fake;
  const auto& first = s.places.front();
  for (int i = 0; i < kHouseholds; ++i) {
    s.households.push_back(
        s.insert("INSERT INTO household (address, head_name, area_id, area_path, representative, people, created_at, "
                 "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {first.name + std::to_string(i / 6 + 1) + "号楼" + std::to_string(i % 6 + 1) + "01室",
                  std::string(kHeads[static_cast<std::size_t>(i) % kHeads.size()]), first.id, first.path,
                  static_cast<std::int64_t>(i % kRepresentativeEvery == 0 ? 1 : 0),
                  static_cast<std::int64_t>(g.between(1, 5)), s.now, s.now}));
  }
  auth::seed_resident_household(s, s.households[0]);
}

std::int64_t add_matter(Seed& s, const char* title, const char* body, const char* stage) {
  const auto& first = s.places.front();
  return s.insert(
      "INSERT INTO deliberation (title, body, area_id, area_path, proposer, proposer_kind, voter_base, quorum, "
      "majority, stage, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'resident', 'households', 0.5, 0.5, ?, ?, ?)",
      {std::string(title), std::string(body), first.id, first.path, std::string("李秀英"), std::string(stage),
       s.now - 20 * kDay, s.now});
}

void add_note(Seed& s, std::int64_t id, const char* kind, const char* author, const char* body, std::int64_t at) {
  s.c.execute("INSERT INTO deliberation_note (deliberation_id, kind, author, body, at) VALUES (?, ?, ?, ?, ?)",
              {id, std::string(kind), std::string(author), std::string(body), at});
}

// Voting, with the resident's household yet to vote.
void seed_vote(Seed& s) {
  const auto now = s.now;
  const auto drains =
      add_matter(s, "雨污管网改造出资方案", "老旧管网雨季返水，拟申请老旧小区改造资金并由住户少量自筹。", "voting");
  for (const auto household : s.households) {
    s.c.execute("INSERT INTO deliberation_voter (deliberation_id, household_id) VALUES (?, ?)", {drains, household});
  }
  for (std::size_t i = 1; i < 9; ++i) {
    const char* choice = i % 4 == 0 ? "no" : "yes";
    s.c.execute(
        "INSERT INTO deliberation_ballot (deliberation_id, household_id, choice, cast_by, at) "
        "VALUES (?, ?, ?, 'demo', ?)",
        {drains, s.households[i], std::string(choice), now - kDay});
    s.c.execute(
        "UPDATE deliberation SET " + std::string(choice) + " = " + choice + " + 1, ballots = ballots + 1 WHERE id = ?",
        {drains});
  }
  s.c.execute("UPDATE deliberation SET opens_at = ?, closes_at = ?, eligible = ? WHERE id = ?",
              {now - 2 * kDay, now + 5 * kDay, static_cast<std::int64_t>(s.households.size()), drains});
}

// Deliberations at each stage: proposed, discussing, voting, carried out.
void seed_matters(Seed& s) {
  const auto now = s.now;
  add_matter(s, "增设电动自行车集中充电棚", "3 号楼下电动车飞线充电隐患大，建议在小区东侧空地增设集中充电棚。",
             "proposed");
  const auto parking =
      add_matter(s, "小区停车位重新规划", "小区车位紧张、消防通道常被占用，拟重新划线并实行错时停车。", "discussing");
  add_note(s, parking, "comment", "张志强", "建议把消防通道两侧划为禁停区，晚上允许临时停车。", now - 5 * kDay);
  add_note(s, parking, "meeting", "社区书记", "11 月居民议事会：到会居民代表 18 人，形成划线方案初稿。",
           now - 3 * kDay);
  seed_vote(s);
  const auto road = add_matter(s, "背街小巷道路硬化", "西侧小巷雨天泥泞，拟硬化路面 200 米。", "carrying_out");
  s.c.execute(
      "UPDATE deliberation SET opens_at = ?, closes_at = ?, decided_at = ?, eligible = 30, ballots = 24, yes = 21, "
      "no = 2, abstain = 1 WHERE id = ?",
      {now - 40 * kDay, now - 33 * kDay, now - 33 * kDay, road});
  add_note(s, road, "progress", "社区书记", "表决通过，施工队已进场，预计月底完工。", now - 10 * kDay);
}

}  // namespace

void seed(Seed& s) {
  seed_households(s);
  seed_matters(s);
}

SeedHousehold seed_household(const Seed& s, std::int64_t id) {
  const auto r = s.c.one("SELECT head_name, address FROM household WHERE id = ?", {id});
  return {r->text(0), r->text(1)};
}

}  // namespace jiceng::deliberation
