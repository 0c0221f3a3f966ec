// The demo county's pairings (a member with a household in need, the first community with three
// units) and its 敲门嫂 volunteer team.
#include "demo/seed.hpp"
#include "cogov/common.hpp"
#include "deliberation/seed.hpp"
#include "orgs/seed.hpp"
#include "people/seed.hpp"

namespace jiceng::pairing {
namespace {

using demo::kDay;
using demo::Seed;

constexpr std::size_t kPairedUnits = 3;

void seed_pairings(Seed& s) {
  const auto now = s.now;
  const auto& first = s.places.front();
  const auto household = deliberation::seed_household(s, s.households[1]);
  const auto p1 = s.insert(
      "INSERT INTO pairing (kind, title, area_id, area_path, content, started_on, parties_count, helps, "
      "help_hours, created_at, updated_at) VALUES ('one_one', ?, ?, ?, ?, ?, 2, 1, 2, ?, ?)",
      {std::string("党员联系困难户"), first.id, first.path, std::string("每月上门走访，帮办代办"),
       core::day_of(now - 60 * kDay), now, now});
  s.c.execute(
      "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helper', 'member', ?, ?)",
      {p1, s.demo_member, people::seed_member(s, s.demo_member).name});
  s.c.execute(
      "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helped', 'household', ?, ?)",
      {p1, s.households[1], household.head_name + "户（" + household.address + "）"});
  s.c.execute(
      "INSERT INTO pairing_help (pairing_id, on_date, content, hours, recorded_by, at) VALUES (?, ?, ?, 2, '党员', ?)",
      {p1, core::day_of(now - 7 * kDay), std::string("上门送米面油，代办医保报销"), now - 7 * kDay});
  const auto p2 = s.insert(
      "INSERT INTO pairing (kind, title, area_id, area_path, content, started_on, parties_count, "
      "created_at, updated_at) VALUES ('one_n', ?, ?, ?, ?, ?, 4, ?, ?)",
      {first.name + "“1+N”共建", first.id, first.path, std::string("社区与驻区单位签订共建协议"),
       core::day_of(now - 120 * kDay), now, now});
  s.c.execute(
      "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helper', 'area', ?, ?)",
      {p2, first.id, first.name});
  const auto units = orgs::seed_units(s);
  for (std::size_t i = 0; i < kPairedUnits && i < units.size(); ++i) {
    s.c.execute(
        "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helped', 'unit', ?, ?)",
        {p2, units[i].id, units[i].name});
  }
}

// The first community's 敲门嫂 volunteers, with the hours they have served.
void seed_volunteer_team(Seed& s) {
  auto& g = s.cogov_fake;
  const auto& first = s.places.front();
  const auto team = s.insert(
      "INSERT INTO volunteer_team (name, area_id, area_path, description, leader, created_at, updated_at) "
      "VALUES ('敲门嫂志愿服务队', ?, ?, '入户走访独居老人，收集民情', '刘桂兰', ?, ?)",
      {first.id, first.path, s.now, s.now});
  std::int64_t volunteers = 0;
  double hours = 0;
  for (const auto& [id, name] : people::seed_people_of_kind(s, first.id, "volunteer")) {
    const double h = g.between(4, 40);
    s.c.execute("INSERT INTO volunteer (team_id, name, person_id, hours, joined_at) VALUES (?, ?, ?, ?, ?)",
                {team, name, id, h, s.now - 200 * kDay});
    ++volunteers;
    hours += h;
  }
  s.c.execute("UPDATE volunteer_team SET volunteers = ?, hours = ? WHERE id = ?", {volunteers, hours, team});
}

}  // namespace

void seed(Seed& s) {
  seed_pairings(s);
  seed_volunteer_team(s);
}

}  // namespace jiceng::pairing
