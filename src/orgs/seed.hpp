#pragma once
// The organisation matrix's part of the demo county, and the rows of its tables that later seeds
// place beside their own (a unit's party organisation, a grid's, venues, committee seats).
#include <cstdint>
#include <optional>
#include <string>

#include "demo/seed.hpp"

namespace jiceng::orgs {

// The county, its streets, communities, villages and grids, their party organisations, and the units.
void seed(demo::Seed& s);

std::int64_t seed_org(demo::Seed& s, std::optional<std::int64_t> parent, const std::string& name, const char* level,
                      const char* kind, std::int64_t area_id, const std::string& secretary, const std::string& founded);
// A service centre per street and a station per village and community; drawn after the members.
void seed_venues(demo::Seed& s);
void seed_committee_seat(demo::Seed& s, std::int64_t area_id, std::int64_t person_id, std::int64_t unit_id);
void seed_grid_contact(demo::Seed& s, std::int64_t grid, std::int64_t person_id);

}  // namespace jiceng::orgs
