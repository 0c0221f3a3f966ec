#pragma once
// The organisation matrix's part of the demo county, the rows of its tables that later seeds place
// beside their own (a grid's party organisation, venues, committee seats), and what they read of it:
// the seeds above call these rather than touch the area, party organisation and unit tables.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "demo/seed.hpp"

namespace jiceng::orgs {

// The county, its streets, communities, villages and grids, their party organisations, and the units.
void seed(demo::Seed& s);

std::int64_t seed_org(demo::Seed& s, std::optional<std::int64_t> parent, const std::string& name, const char* level,
                      const char* kind, std::int64_t area_id, const std::string& secretary, const std::string& founded);
// A service centre per street and a station per village and community; drawn after the members.
void seed_venues(demo::Seed& s);
void seed_committee_seat(demo::Seed& s, std::int64_t area_id, std::int64_t person_id, std::int64_t unit_id);

// A party organisation's paths, kind and level.
struct SeedOrg final {
  std::string path, area_path, kind, level;
};
SeedOrg seed_org_of(const demo::Seed& s, std::int64_t id);
// The first branch (lowest id) whose area is `area_id`.
std::int64_t seed_first_branch(const demo::Seed& s, std::int64_t area_id);
// Every unit in id order, with its party organisation's path when it has one.
struct SeedUnit final {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::int64_t> party_org_id;
  std::string org_path;  // empty without a party organisation
};
std::vector<SeedUnit> seed_units(const demo::Seed& s);

}  // namespace jiceng::orgs
