// The demo county's dual reports: the demo unit's party organisation and two more, in-service
// members reporting where they live, the communities' activities and their check-ins.
#include <algorithm>
#include <array>
#include <vector>

#include "cogov/common.hpp"
#include "crypto/crypto.hpp"
#include "demo/seed.hpp"
#include "dual_report/registers.hpp"
#include "dual_report/tally.hpp"
#include "orgs/seed.hpp"
#include "people/seed.hpp"

namespace jiceng::dual_report {
namespace {

using demo::kDay;
using demo::kHour;
using demo::Seed;

constexpr std::array<const char*, 5> kActivities = {"环境整治志愿服务", "文明城市创建宣传", "敬老院慰问",
                                                    "防诈骗知识宣讲", "垃圾分类入户指导"};
constexpr std::int64_t kCheckinAfter = 5 * 60;  // members check in five minutes after the start
constexpr std::size_t kOrgReports = 3;          // the demo unit's organisation and two more

struct Reported final {
  std::int64_t report, member;
  std::optional<std::int64_t> unit;
  std::size_t community;
};
using Activities = std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>>;  // per community: (id, starts)

// The demo unit's organisation when it has one of its own, and two more units' beside it.
void seed_org_reports(Seed& s) {
  const auto& first = s.places.front();
  auto units = orgs::seed_units(s);
  std::erase_if(units, [](const auto& u) { return !u.party_org_id; });
  std::stable_partition(units.begin(), units.end(), [&](const auto& u) { return u.id == s.demo_unit(); });
  units.resize(std::min(units.size(), kOrgReports));
  for (const auto& u : units) {
    if (s.c.one("SELECT 1 FROM dual_report WHERE kind = 'org' AND party_org_id = ?", {*u.party_org_id})) continue;
    s.c.execute(
        "INSERT INTO dual_report (kind, party_org_id, unit_id, org_path, area_id, area_path, commitments, reported_on, "
        "status, created_at, updated_at) VALUES ('org', ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
        {*u.party_org_id, u.id, u.org_path, first.id, first.path, std::string("每季度开展一次共建活动，认领社区需求"),
         core::day_of(s.now - 60 * kDay), s.now - 60 * kDay, s.now});
  }
}

// The demo member, then in-service members spread over the communities, each reporting where they live.
std::vector<Reported> seed_member_reports(Seed& s) {
  auto& g = s.cogov_fake;
  const auto& communities = s.places;
  std::vector<Reported> reported;
  // The first in-service members but the demo member, who reports first.
  const auto limit = static_cast<std::size_t>(s.scale.reported);
  auto candidates = people::seed_in_service_members(s, static_cast<std::int64_t>(limit) + 1);
  std::erase_if(candidates, [&](const auto& m) { return m.id == s.demo_member; });
  candidates.resize(std::min(candidates.size(), limit));
  auto add_report = [&](std::int64_t member, const std::string& org_path, std::size_t community) {
    const auto& place = communities[community];
    const auto unit = orgs::unit_on_org_path(s.c, org_path);
    const auto id = s.insert(
        "INSERT INTO dual_report (kind, unit_id, member_id, org_path, area_id, area_path, commitments, address, "
        "reported_on, status, created_at, updated_at) VALUES ('member', ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
        {store::opt(unit), member, org_path, place.id, place.path, std::string("参加社区志愿服务，每月至少一次"),
         place.name + std::to_string(g.between(1, 30)) + "号楼", core::day_of(s.now - 90 * kDay), s.now - 90 * kDay,
         s.now});
    count_report(s.c, place.path, unit, core::month_of(s.now - 90 * kDay), false);
    reported.push_back({id, member, unit, community});
  };
  add_report(s.demo_member, people::seed_member(s, s.demo_member).org_path, 0);
  for (const auto& m : candidates) {
    add_report(m.id, m.org_path, static_cast<std::size_t>(g.between(0, static_cast<int>(communities.size()) - 1)));
  }
  return reported;
}

// Last month's and this month's finished activities per community, one under way in the first
// community (the QR check-in demo) and one to come.
Activities seed_activities(Seed& s) {
  auto& g = s.cogov_fake;
  const auto& communities = s.places;
  const auto& first = communities.front();
  const auto month_start = core::month_range(core::month_of(s.now)).first;
  Activities past(communities.size());
  for (std::size_t i = 0; i < communities.size(); ++i) {
    const auto& place = communities[i];
    std::vector<std::int64_t> starts = {month_start - 20 * kDay, month_start - 10 * kDay};
    if (s.now - month_start > kDay) starts.push_back(month_start + (s.now - month_start) / 2);
    for (const auto start : starts) {
      const auto aligned = start - start % kHour + 9 * kHour;
      const auto id = s.insert(
          "INSERT INTO activity (title, area_id, area_path, place, starts_at, ends_at, places, needs, max_hours, "
          "checkin_code, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 200, ?, 4, ?, 'open', ?, ?)",
          {std::string(kActivities[static_cast<std::size_t>(g.between(0, 4))]), place.id, place.path,
           place.name + "党群服务站", aligned, aligned + 3 * kHour, std::string("需要 10 名志愿者"),
           crypto::random_token(12), aligned - 7 * kDay, aligned});
      past[i].push_back({id, aligned});
    }
  }
  for (const auto& [offset, title] : {std::pair<std::int64_t, const char*>{-kHour, "“周末卫生日”环境整治"},
                                      std::pair<std::int64_t, const char*>{3 * kDay, "重阳节敬老慰问"}}) {
    s.insert(
        "INSERT INTO activity (title, area_id, area_path, place, starts_at, ends_at, places, needs, max_hours, "
        "checkin_code, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 30, ?, 4, ?, 'open', ?, ?)",
        {std::string(title), first.id, first.path, first.name + "党群服务站", s.now + offset,
         s.now + offset + 4 * kHour, std::string("清扫工具自备，社区提供手套"), crypto::random_token(12), s.now - kDay,
         s.now});
  }
  return past;
}

// Most reported members took part in one or two finished activities; the rollups follow.
void seed_checkins(Seed& s, const std::vector<Reported>& reported, const Activities& past) {
  auto& g = s.cogov_fake;
  const auto month_start = core::month_range(core::month_of(s.now)).first;
  for (const auto& r : reported) {
    std::int64_t last = 0;
    for (const auto& [activity, starts] : past[r.community]) {
      if (r.member == s.demo_member ? starts < month_start : !g.chance(0.45)) continue;
      const double hours = 3.0;
      s.c.execute(
          "INSERT INTO activity_signup (activity_id, member_id, report_id, signed_at, checked_in_at, hours) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {activity, r.member, r.report, starts - 2 * kDay, starts + kCheckinAfter, hours});
      s.c.execute("UPDATE activity SET signed_up = signed_up + 1, checked_in = checked_in + 1 WHERE id = ?",
                  {activity});
      count_participation(s.c, r.member, core::month_of(starts), r.unit, s.places[r.community].path, hours);
      last = std::max(last, starts + kCheckinAfter);
    }
    if (last) s.c.execute("UPDATE dual_report SET last_active_at = ? WHERE id = ?", {last, r.report});
  }
}

}  // namespace

void seed(Seed& s) {
  // The demo member works, so reports as an in-service member.
  people::seed_member_category(s, s.demo_member, "in_service");
  seed_org_reports(s);
  const auto reported = seed_member_reports(s);
  const auto past = seed_activities(s);
  seed_checkins(s, reported, past);
}

}  // namespace jiceng::dual_report
