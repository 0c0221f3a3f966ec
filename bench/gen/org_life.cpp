#include "gen/org_life.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>

#include "core/dates.hpp"
#include "demo/fake.hpp"
#include "org_life/rules.hpp"
#include "org_life/service.hpp"
#include "store/bulk.hpp"

namespace jiceng::bench {
namespace {

using store::BulkInsert;
using store::Conn;
using store::Value;

constexpr std::uint64_t kStream = 0x0126'11FEULL;  // the same stream as the demo's organisation life
constexpr std::int64_t kDay = 86400, kHour = 3600;
constexpr std::size_t kOrgsPerTransaction = 2000;  // ~60,000 meetings and their tally
constexpr int kThemeDay = 15;                      // the fixed day of the month most branches keep
constexpr int kLifeMonth = 11;                     // 组织生活会 and 民主评议 late in the year

struct Kit final {
  demo::Fake g;
  std::int64_t now;
  int year, last_month;
  std::int64_t next_id = 1;
  BulkInsert* meetings = nullptr;
  std::map<std::pair<std::string, std::string>, std::int64_t> tally;  // this organisation's (kind, month)
  std::vector<LifeRoll>* rolls = nullptr;
  LifeCounts* counts = nullptr;
};

// The day of month `m` a meeting of this organisation fell on, or nullopt if it slipped or is to come.
std::optional<std::int64_t> when(Kit& k, double skip, int m, int day) {
  char ymd[32];
  std::snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", k.year, m, day);
  const auto at = core::day_start(core::parse_day(ymd)) + 9 * kHour + 30 * 60;
  if (k.g.chance(skip)) return std::nullopt;
  if (at + 3 * kHour > k.now) return std::nullopt;
  return at;
}

void meeting(Kit& k, const LifeOrg& o, const char* kind, const char* topic, std::int64_t at, std::int64_t due,
             std::int64_t present) {
  const bool valid = org_life::quorum_met(kind, due, present);
  const auto month = core::month_of(at);
  const auto id = k.next_id++;
  k.meetings->add({id,
                   o.id,
                   o.path,
                   o.area_path,
                   std::string(kind),
                   std::string(topic),
                   std::string(),
                   std::string("党群服务中心"),
                   std::string("支部书记"),
                   at,
                   month,
                   std::string("held"),
                   std::string("会议按议程进行，与会党员逐一发言。"),
                   due,
                   present,
                   std::int64_t{valid ? 1 : 0},
                   std::int64_t{valid ? 1 : 0},
                   std::string("压测数据"),
                   at - 7 * kDay,
                   at + 2 * kHour,
                   at - 5 * kDay,
                   at + 2 * kHour});
  ++k.counts->meetings;
  if (valid) {
    ++k.counts->valid;
    k.tally[{kind, month}] += 1;
  }
  if (o.roll && std::string_view(kind) != org_life::kCommitteeMeeting) {
    k.rolls->push_back({id, o.id, present, std::string_view(kind) == org_life::kGeneralMeeting, at});
  }
}

// A year up to now, as the demo's seed has it: theme days, committee meetings, quarterly general
// meetings (now and then short of quorum) and lectures, the life meeting and the evaluation.
void year_of(Kit& k, const LifeOrg& o, double skip, std::int64_t committee) {
  auto& g = k.g;
  const auto turnout = [&](std::int64_t n) { return std::max<std::int64_t>(1, n * g.between(70, 98) / 100); };
  for (int m = 1; m <= k.last_month; ++m) {
    if (auto at = when(k, skip, m, kThemeDay)) {
      meeting(k, o, "theme_day", "主题党日：学习与志愿服务", *at, o.members, turnout(o.members));
    }
    if (committee > 0) {
      if (auto at = when(k, skip, m, g.between(2, 8))) {
        meeting(k, o, "committee_meeting", "支委会：研究本月工作", *at, committee, committee);
      }
    }
    if (m % 3 != 0) continue;
    const bool short_of = g.chance(0.05);
    if (auto at = when(k, skip + 0.05, m, g.between(18, 26))) {
      meeting(k, o, "general_meeting", "党员大会：季度工作通报", *at, o.full,
              short_of ? std::max<std::int64_t>(0, o.full / 2 - 1) : turnout(o.full));
    }
    if (auto at = when(k, skip + 0.15, m, g.between(10, 20))) {
      meeting(k, o, "party_lecture", "书记讲党课", *at, o.members, turnout(o.members));
    }
  }
  if (k.last_month < kLifeMonth) return;
  if (auto at = when(k, skip + 0.5, kLifeMonth, g.between(20, 28))) {
    const auto came = std::max<std::int64_t>(1, o.members * 9 / 10);
    meeting(k, o, "life_meeting", "年度组织生活会：批评与自我批评", *at, o.members, came);
    if (*at + kDay + 3 * kHour <= k.now) meeting(k, o, "evaluation", "民主评议党员", *at + kDay, o.members, came);
  }
}

void one_org(Kit& k, BulkInsert& terms, BulkInsert& tallies, const LifeOrg& o) {
  auto& g = k.g;
  // Most keep to the rules; a fifth are patchy and a tenth weak.
  const double r = g.unit();
  const double skip = r < 0.7 ? 0.03 : (r < 0.9 ? 0.2 : 0.5);
  // Most elected in 2021 (the village-wide 换届) or since; a few never recorded a committee.
  const std::int64_t committee = o.full >= org_life::kCommitteeFrom ? (g.chance(0.9) ? (o.full >= 30 ? 5 : 3) : 0) : 0;
  const auto elected = o.kind == "community" ? g.date(2021, 2021) : g.date(2022, 2024);
  terms.add({o.id, o.path, o.area_path, elected, store::null(), committee, k.now});
  ++k.counts->terms;
  k.tally.clear();
  year_of(k, o, skip, committee);
  for (const auto& [key, held] : k.tally) {
    tallies.add({o.path, key.first, key.second, o.id, o.area_path, held});
    ++k.counts->tallies;
  }
}

}  // namespace

LifeCounts load_org_life(store::Database& db, const std::vector<LifeOrg>& orgs, std::uint64_t seed, std::int64_t now,
                         std::vector<LifeRoll>& rolls, void (*progress)(const std::string&)) {
  LifeCounts counts;
  const auto today = org_life::period_of(org_life::Period::month, core::local_day(now));
  Kit k{demo::Fake(seed ^ kStream), now, today.year, today.index, 1, nullptr, {}, &rolls, &counts};
  for (std::size_t from = 0; from < orgs.size(); from += kOrgsPerTransaction) {
    db.write([&](Conn& c) {
      BulkInsert meetings(c,
                          "INSERT INTO meeting (id, org_id, org_path, area_path, kind, topic, agenda, place, presider, "
                          "starts_at, month, status, minutes, due, present, quorum, counted, created_by, created_at, "
                          "updated_at, announced_at, held_at)",
                          22);
      BulkInsert terms(c,
                       "INSERT INTO org_life_term (org_id, org_path, area_path, elected_on, term_years, "
                       "committee_size, updated_at)",
                       7);
      BulkInsert tallies(c, "INSERT INTO org_life_tally (org_path, kind, month, org_id, area_path, held)", 6);
      k.meetings = &meetings;
      for (std::size_t i = from; i < std::min(orgs.size(), from + kOrgsPerTransaction); ++i) {
        one_org(k, terms, tallies, orgs[i]);
      }
      meetings.flush();
      terms.flush();
      tallies.flush();
      k.meetings = nullptr;
    });
    progress("organisation life: " + std::to_string(std::min(orgs.size(), from + kOrgsPerTransaction)) + " branches, " +
             std::to_string(counts.meetings) + " meetings");
  }
  return counts;
}

void finish_org_life(store::Database& db, const std::vector<LifeRoll>& rolls, std::uint64_t seed, std::int64_t now,
                     LifeCounts& counts) {
  demo::Fake g(seed ^ kStream ^ 1);
  db.write([&](Conn& c) {
    BulkInsert roll(c,
                    "INSERT INTO meeting_attendance (meeting_id, member_id, member_name, full_member, guest, status, "
                    "leave_reason, updated_at)",
                    8);
    std::int64_t org = 0;
    store::ResultSet members;
    for (const auto& m : rolls) {
      if (m.org_id != org) {
        org = m.org_id;
        members = c.query("SELECT id, name, status FROM member WHERE org_id = ? ORDER BY id", {org});
      }
      std::int64_t came = 0;
      for (const auto& r : members) {
        const bool full = r.text(2) == "full", full_vote = !m.general || full;
        const char* st = full_vote && came < m.present ? "present" : (g.chance(0.5) ? "leave" : "absent");
        if (full_vote && came < m.present) ++came;
        roll.add({m.meeting_id, r.integer(0), r.text(1), std::int64_t{full ? 1 : 0}, std::int64_t{0}, std::string(st),
                  std::string_view(st) == "leave" ? Value(std::string("外出务工")) : store::null(), m.at});
        ++counts.attendance;
      }
    }
    roll.flush();
  });
  // What the server keeps beside the tally: each organisation's standing and the area rollup.
  org_life::restand_all(db, now);
}

}  // namespace jiceng::bench
