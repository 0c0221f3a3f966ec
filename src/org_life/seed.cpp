// The demo county's organisation life: a year of meetings up to today for every branch and group,
// with the gaps real counties have (a few weak branches skip months, some lectures and life
// meetings are still to come, a general meeting fell short of quorum), committees and terms (some
// village terms overdue), and the demo branch's upcoming meetings with their roll. Attendance rows
// are written for the demo community's organisations; elsewhere a meeting carries its counts.
#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "core/dates.hpp"
#include "demo/seed.hpp"
#include "org_life/rules.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"

namespace jiceng::org_life {
namespace {

using demo::kDay;
using demo::kHour;
using demo::Seed;

constexpr std::uint64_t kStream = 0x0126'11FEULL;  // this module's own random stream
constexpr std::int64_t kMaxOrgs = 100000;
constexpr int kThemeDay = 15;  // the fixed day of the month most branches keep

struct Org final {
  orgs::OrgInfo info;
  people::Headcount heads;
  std::int64_t committee = 0;
  double skip = 0;    // how often this organisation lets a meeting slip
  bool roll = false;  // attendance rows written (the demo community's)
};

struct Kit final {
  Seed& s;
  demo::Fake g;
  std::int64_t today;
  std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> tally;
  std::map<std::int64_t, std::string> org_paths, area_paths;
};

void term(Kit& k, Org& o) {
  auto& g = k.g;
  const bool village = o.info.kind == "rural" || o.info.kind == "community";
  if (o.info.level != "branch" && o.info.level != "general_branch") return;
  // Most organisations elected in 2021 (the village-wide 换届); a few never recorded a committee.
  o.committee = o.heads.full >= kCommitteeFrom ? (g.chance(0.9) ? (o.heads.full >= 30 ? 5 : 3) : 0) : 0;
  const auto elected = village ? g.date(2021, 2021) : g.date(2022, 2024);
  k.s.c.execute(
      "INSERT INTO org_life_term (org_id, org_path, area_path, elected_on, term_years, committee_size, updated_at) "
      "VALUES (?, ?, ?, ?, NULL, ?, ?)",
      {o.info.id, o.info.path, o.info.area_path, elected, o.committee, k.s.now});
}

// One meeting, held (with quorum as given) or not, and its roll for the demo community.
std::int64_t meeting(Kit& k, const Org& o, const char* kind, const char* topic, std::int64_t at, const char* status,
                     std::int64_t due, std::int64_t present) {
  const bool held = std::string_view(status) == "held";
  const bool valid = held && quorum_met(kind, due, present);
  const auto month = core::month_of(at);
  const auto id = k.s.insert(
      "INSERT INTO meeting (org_id, org_path, area_path, kind, topic, agenda, place, presider, starts_at, month, "
      "status, minutes, due, present, quorum, counted, created_by, created_at, updated_at, announced_at, held_at) "
      "VALUES (?, ?, ?, ?, ?, '', '党群服务中心', ?, ?, ?, ?, ?, ?, ?, ?, ?, '演示数据', ?, ?, ?, ?)",
      {o.info.id, o.info.path, o.info.area_path, std::string(kind), std::string(topic), std::string("支部书记"), at,
       month, std::string(status), std::string(held ? "会议按议程进行，与会党员逐一发言。" : ""), due, present,
       std::int64_t{valid ? 1 : 0}, std::int64_t{valid ? 1 : 0}, at - 7 * kDay, held ? at + 2 * kHour : at,
       std::string_view(status) == "planned" ? store::null() : store::Value(at - 5 * kDay),
       held ? store::Value(at + 2 * kHour) : store::null()});
  if (valid) k.tally[{o.info.id, kind, month}] += 1;
  k.org_paths[o.info.id] = o.info.path;
  k.area_paths[o.info.id] = o.info.area_path;
  if (!o.roll || std::string_view(kind) == kCommitteeMeeting) return id;
  std::int64_t came = 0;
  for (const auto& m : people::members_of_org(k.s.c, o.info.id)) {
    const bool full_vote = std::string_view(kind) != kGeneralMeeting || m.full;
    const char* st =
        !held ? "expected" : (full_vote && came < present ? "present" : (k.g.chance(0.5) ? "leave" : "absent"));
    if (held && full_vote && came < present) ++came;
    k.s.c.execute(
        "INSERT INTO meeting_attendance (meeting_id, member_id, member_name, full_member, guest, status, leave_reason, "
        "updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
        {id, m.id, m.name, std::int64_t{m.full ? 1 : 0}, std::string(st),
         std::string_view(st) == "leave" ? store::Value(std::string("外出务工")) : store::null(), at});
  }
  return id;
}

// The day of month `m` of `year` a meeting of this organisation fell on, or nullopt if it slipped.
std::optional<std::int64_t> when(Kit& k, const Org& o, int year, int m, int day, double extra_skip = 0) {
  char ymd[48];
  std::snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", year, m, day);
  const auto at = core::day_start(core::parse_day(ymd)) + 9 * kHour + 30 * 60;
  if (k.g.chance(o.skip + extra_skip)) return std::nullopt;
  if (at + 3 * kHour > k.s.now) return std::nullopt;
  return at;
}

void year_of(Kit& k, const Org& o, int year, int last_month) {
  // A group's members sit in its branch: a group meets about eight of them.
  const auto members = o.info.level == "group" ? std::int64_t{8} : o.heads.members, full = o.heads.full;
  const auto turnout = [&](std::int64_t n) { return std::max<std::int64_t>(1, n * k.g.between(70, 98) / 100); };
  for (int m = 1; m <= last_month; ++m) {
    if (o.info.level == "group") {
      if (auto at = when(k, o, year, m, k.g.between(5, 25)))
        meeting(k, o, "group_meeting", "党小组学习", *at, "held", members, turnout(members));
      continue;
    }
    if (auto at = when(k, o, year, m, kThemeDay))
      meeting(k, o, "theme_day", "主题党日：学习与志愿服务", *at, "held", members, turnout(members));
    if (o.committee > 0) {
      if (auto at = when(k, o, year, m, k.g.between(2, 8)))
        meeting(k, o, "committee_meeting", "支委会：研究本月工作", *at, "held", o.committee, o.committee);
    }
    if (m % 3 == 0) {
      // Now and then a general meeting falls short of quorum: kept, counted for nothing.
      const bool short_of = k.g.chance(0.05);
      if (auto at = when(k, o, year, m, k.g.between(18, 26), 0.05)) {
        meeting(k, o, "general_meeting", "党员大会：季度工作通报", *at, "held", full,
                short_of ? std::max<std::int64_t>(0, full / 2 - 1) : turnout(full));
      }
      if (auto at = when(k, o, year, m, k.g.between(10, 20), 0.15))
        meeting(k, o, "party_lecture", "书记讲党课", *at, "held", members, turnout(members));
    }
  }
}

// The year's 组织生活会 and 民主评议 come late in the fourth quarter: about half are done by December.
void year_end(Kit& k, const Org& o, int year, int last_month) {
  constexpr int kLifeMonth = 11;
  if (o.info.level == "group" || last_month < kLifeMonth) return;
  if (auto at = when(k, o, year, kLifeMonth, k.g.between(20, 28), 0.5)) {
    meeting(k, o, "life_meeting", "年度组织生活会：批评与自我批评", *at, "held", o.heads.members,
            std::max<std::int64_t>(1, o.heads.members * 9 / 10));
    if (*at + kDay + 3 * kHour <= k.s.now) {
      meeting(k, o, "evaluation", "民主评议党员", *at + kDay, "held", o.heads.members,
              std::max<std::int64_t>(1, o.heads.members * 9 / 10));
    }
  }
}

// What the demo branch's secretary finds to do: an announced theme day, a planned life meeting, and
// a lecture called off.
void upcoming(Kit& k, const Org& o) {
  meeting(k, o, "theme_day", "主题党日：走访困难党员", k.s.now + 3 * kDay, "announced", 0, 0);
  meeting(k, o, "life_meeting", "年度组织生活会", k.s.now + 20 * kDay, "planned", 0, 0);
  meeting(k, o, "party_lecture", "专题党课（因防汛取消）", k.s.now - 40 * kDay, "cancelled", 0, 0);
}

}  // namespace

void seed(Seed& s) {
  Kit k{s, demo::Fake(s.seed ^ kStream), core::local_day(s.now), {}, {}, {}};
  const auto county = orgs::area_by_id(s.c, s.county);
  const auto heads = people::headcounts_under(s.c, "/");
  const auto today = period_of(Period::month, k.today);
  const auto demo_area = s.places.front().path;
  for (const auto& info : orgs::orgs_under(s.c, "", county->path, kMaxOrgs)) {
    if (info.level != "branch" && info.level != "general_branch" && info.level != "group") continue;
    Org o{info, {}, 0, 0, core::path_within(info.area_path, demo_area)};
    if (auto it = heads.find(info.id); it != heads.end()) o.heads = it->second;
    if (o.heads.members == 0 && info.level != "group") continue;
    const double r = k.g.unit();
    o.skip = r < 0.7 ? 0.03 : (r < 0.9 ? 0.2 : 0.5);  // most keep to it; a tenth are weak
    if (info.id == s.demo_branch) o.skip = 0.1;
    term(k, o);
    year_of(k, o, today.year, today.index);
    year_end(k, o, today.year, today.index);
    if (info.id == s.demo_branch) upcoming(k, o);
  }
  for (const auto& [key, held] : k.tally) {
    const auto& [org_id, kind, month] = key;
    s.c.execute("INSERT INTO org_life_tally (org_path, kind, month, org_id, area_path, held) VALUES (?, ?, ?, ?, ?, ?)",
                {k.org_paths[org_id], kind, month, org_id, k.area_paths[org_id], held});
  }
  restand_all(s.c, s.now);  // the county's matrix reads the rollup over these
}

}  // namespace jiceng::org_life
