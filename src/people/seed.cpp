// The demo county's party members and people: grid staff, community workers, volunteers,
// residents, the big committee's members, reserve secretaries and each grid's "1+1+1+N" posts.
#include <algorithm>
#include <array>

#include "demo/seed.hpp"
#include "people/seed.hpp"

#include "orgs/seed.hpp"
#include "orgs/service.hpp"
#include "people/rules.hpp"

namespace jiceng::people {
namespace {

using demo::kRegionCode;
using demo::Seed;

constexpr int kCommunities = 8;
constexpr int kUnits = 300;

// The value of member.full_on: a year after joining, as the probation has it (29 February: the 28th).
store::Value full_on(const std::string& joined, bool probationary) {
  if (probationary) return store::null();
  const auto rest = joined.substr(4) == "-02-29" ? std::string("-02-28") : joined.substr(4);
  return store::Value(std::to_string(std::stoi(joined.substr(0, 4)) + 1) + rest);
}

// Members, spread over every branch that takes members.
void seed_members(Seed& s) {
  static constexpr std::array<const char*, 5> kEducation = {"postgraduate", "bachelor", "college", "secondary",
                                                            "primary"};
  static constexpr std::array<const char*, 5> kCategory = {"in_service", "retired", "rural", "mobile", "student"};
  auto& g = s.fake;
  for (int i = 0; i < s.members; ++i) {
    const auto org = s.member_orgs[static_cast<std::size_t>(i) % s.member_orgs.size()];
    const auto paths = orgs::seed_org_of(s, org);
    const bool male = g.chance(0.68);
    const bool retired_branch = s.retired_branches.count(org) != 0;
    const auto birth = retired_branch                  ? g.date(1938, 1961)
                       : s.working_branches.count(org) ? g.date(1962, 2000)
                                                       : g.date(1938, 2003);
    const auto idn = g.id_number(kRegionCode, birth, male);
    const auto phone = g.phone();
    const int birth_year = std::stoi(birth.substr(0, 4));
    const auto joined = g.date(std::min(2024, birth_year + 19), std::min(2025, birth_year + 45));
    const bool probationary = joined >= "2025-01-01";
    const std::string kind = paths.kind;
    const char* category = kind == "rural" ? (g.chance(0.12) ? "mobile" : "rural")
                           : birth_year < 1962
                               ? "retired"
                               : kCategory[static_cast<std::size_t>(g.chance(0.9) ? 0 : g.between(3, 4))];
    const auto id = store::next_id(s.c, "member");
    s.c.execute(
        "INSERT INTO member (id, name, gender, ethnicity, birth_date, id_number_enc, id_number_idx, id_number_mask, "
        "phone_enc, phone_mask, education, joined_on, full_on, org_id, org_path, area_path, category, status, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id,
         g.name(),
         std::string(male ? "male" : "female"),
         std::string(g.chance(0.9)   ? "汉族"
                     : g.chance(0.5) ? "回族"
                                     : "裕固族"),
         birth,
         s.cipher.encrypt(idn),
         s.cipher.blind_index(idn),
         mask_id_number(idn),
         s.cipher.encrypt(phone),
         mask_phone(phone),
         std::string(kEducation[static_cast<std::size_t>(g.between(0, 4))]),
         joined,
         full_on(joined, probationary),
         org,
         paths.path,
         paths.area_path,
         std::string(category),
         std::string(probationary ? "probationary" : "full"),
         s.now,
         s.now});
  }
}

std::int64_t add_person(Seed& s, std::int64_t area_id, const std::string& name, const char* kind, const char* grid_role,
                        std::optional<std::int64_t> unit, const std::string& title) {
  auto& g = s.fake;
  const auto phone = g.phone();
  const auto id = store::next_id(s.c, "person");
  s.c.execute(
      "INSERT INTO person (id, name, kind, gender, phone_enc, phone_mask, area_id, area_path, grid_role, "
      "unit_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, name, std::string(kind), std::string(g.chance(0.5) ? "male" : "female"), s.cipher.encrypt(phone),
       mask_phone(phone), area_id, orgs::area_by_id(s.c, area_id)->path,
       grid_role ? store::Value(std::string(grid_role)) : store::null(), store::opt(unit), title, s.now, s.now});
  return id;
}

// People: 1+1+1+N grid staff, community workers, reserve secretaries, volunteers, residents.
void seed_people(Seed& s) {
  auto& g = s.fake;
  for (const auto& [grid, place] : s.grids) {
    add_person(s, grid, g.name(), "grid_staff", "chief", std::nullopt, "网格长");
    add_person(s, grid, g.name(), "grid_staff", "full_time", std::nullopt, "专职网格员");
    add_person(s, grid, g.name(), "grid_staff", "assistant", std::nullopt, "网格协管员");
    for (int k = g.between(1, 3); k > 0; --k)
      add_person(s, grid, g.name(), "grid_staff", "other", std::nullopt, "楼栋长");
  }
  for (int i = 0; i < kCommunities; ++i) {
    const auto community = s.places[static_cast<std::size_t>(i)].id;
    for (int k = 0; k < 8; ++k)
      add_person(s, community, g.name(), "community_worker", nullptr, std::nullopt, "社区工作者");
    for (int k = 0; k < 6; ++k) add_person(s, community, g.name(), "volunteer", nullptr, std::nullopt, "敲门嫂");
    for (int k = 0; k < 25; ++k) add_person(s, community, g.name(), "resident", nullptr, std::nullopt, "");
    // The big committee: concurrent members from units in the community.
    for (int k = 0; k < 6; ++k) {
      const auto u = s.units[static_cast<std::size_t>(g.between(0, kUnits - 1))];
      const auto pid = add_person(s, community, g.name(), "cadre", nullptr, u, "兼职委员");
      orgs::seed_committee_seat(s, community, pid, u);
    }
  }
  for (std::size_t i = kCommunities; i < s.places.size(); i += 2) {
    add_person(s, s.places[i].id, g.name(), "reserve_secretary", nullptr, std::nullopt, "后备村书记");
  }
}

// "1+1+1+N" (seed 002): each grid's party organisation, led by its chief, and its town contact
// cadre, with the gaps a real county has. Drawn from a generator of their own, so the rest of the
// demo county stays as it was.
void seed_grid_posts(Seed& s) {
  demo::Fake h(s.seed + 1);
  constexpr std::size_t kNoContactEvery = 9, kNoAssistantEvery = 13, kOtherSecretaryEvery = 17;
  for (std::size_t i = 0; i < s.grids.size(); ++i) {
    const auto [grid, place] = s.grids[i];
    const auto& p = s.places[place];
    const auto parent = s.place_orgs[place];
    const bool under_general = orgs::seed_org_of(s, parent).level == "general_branch";
    const auto grid_area = orgs::area_by_id(s.c, grid);
    const auto chief = s.c.one("SELECT name FROM person WHERE area_id = ? AND grid_role = 'chief'", {grid})->text(0);
    orgs::seed_org(s, parent, grid_area->name + (under_general ? "党支部" : "党小组"),
                   under_general ? "branch" : "group", p.community ? "community" : "rural", grid,
                   i % kOtherSecretaryEvery == 3 ? h.name() : chief, h.date(2019, 2024));
    if (i % kNoAssistantEvery == kNoAssistantEvery - 1) {
      s.c.execute(
          "UPDATE person SET grid_role = 'other', title = '楼栋长' WHERE area_id = ? AND grid_role = 'assistant'",
          {grid});
    }
    if (i % kNoContactEvery == kNoContactEvery - 1) continue;
    const auto street = s.streets[p.street];
    const auto phone = h.phone();
    const auto cadre = store::next_id(s.c, "person");
    s.c.execute(
        "INSERT INTO person (id, name, kind, gender, phone_enc, phone_mask, area_id, area_path, title, "
        "created_at, updated_at) VALUES (?, ?, 'cadre', ?, ?, ?, ?, ?, ?, ?, ?)",
        {cadre, h.name(), std::string(h.chance(0.5) ? "male" : "female"), s.cipher.encrypt(phone), mask_phone(phone),
         street, orgs::area_by_id(s.c, street)->path, std::string("镇（街道）党员干部（包联") + grid_area->name + "）",
         s.now, s.now});
    orgs::set_grid_contact(s.c, grid, cadre, s.now);
  }
}

}  // namespace

SeedMember seed_member(const Seed& s, std::int64_t id) {
  const auto r = s.c.one("SELECT id, name, org_path FROM member WHERE id = ?", {id});
  return {r->integer(0), r->text(1), r->text(2)};
}

std::vector<SeedMember> seed_in_service_members(const Seed& s, std::int64_t limit) {
  std::vector<SeedMember> out;
  for (const auto& r :
       s.c.query("SELECT id, name, org_path FROM member WHERE category = 'in_service' ORDER BY id LIMIT ?", {limit}))
    out.push_back({r.integer(0), r.text(1), r.text(2)});
  return out;
}

void seed_member_category(Seed& s, std::int64_t member_id, const std::string& category) {
  s.c.execute("UPDATE member SET category = ? WHERE id = ?", {category, member_id});
}

std::vector<std::pair<std::int64_t, std::string>> seed_people_of_kind(const Seed& s, std::int64_t area_id,
                                                                      const std::string& kind) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& r :
       s.c.query("SELECT id, name FROM person WHERE kind = ? AND area_id = ? ORDER BY id", {kind, area_id}))
    out.emplace_back(r.integer(0), r.text(1));
  return out;
}

void seed_grid_worker_account(Seed& s, std::int64_t grid_id, std::int64_t account_id) {
  s.c.execute(
      "UPDATE person SET account_id = ? WHERE id = "
      "(SELECT MIN(id) FROM person WHERE area_id = ? AND grid_role = 'full_time')",
      {account_id, grid_id});
}

void seed(Seed& s) {
  seed_members(s);
  orgs::seed_venues(s);  // the county drew its venues between the members and the people
  seed_people(s);
  // The demo accounts' own branch and member: the first branch of the first community.
  s.demo_branch = orgs::seed_first_branch(s, s.first_community());
  s.demo_member = s.c.one("SELECT id FROM member WHERE org_id = ? ORDER BY id LIMIT 1", {s.demo_branch})->integer(0);
  seed_grid_posts(s);
}

}  // namespace jiceng::people
