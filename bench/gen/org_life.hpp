#pragma once
// A year of organisation life for the generated province's branches, as src/org_life/seed.cpp
// writes the demo county's and the server would have written it: meetings of the seeded kinds up
// to now with their counts and quorum, the monthly tally kept with them, each branch's committee
// and term, attendance rows for the first street's branches, then every organisation's standing
// and the area rollup (org_life::restand_all). Most branches keep to the rules, some are patchy,
// a tenth are weak.
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace jiceng::bench {

struct LifeOrg final {
  std::int64_t id = 0;
  std::string path, area_path, kind;
  std::int64_t members = 0, full = 0;
  bool roll = false;  // its meetings get attendance rows
};

struct LifeCounts final {
  std::int64_t meetings = 0, valid = 0, tallies = 0, terms = 0, attendance = 0;
};

// What the bulk load leaves for after the members' indexes are back: the meetings whose rolls to write.
struct LifeRoll final {
  std::int64_t meeting_id = 0, org_id = 0, present = 0;
  bool general = false;  // a 党员大会: only full members count towards those present
  std::int64_t at = 0;
};

// Meetings, tallies and terms, a transaction per tens of thousands of rows.
LifeCounts load_org_life(store::Database& db, const std::vector<LifeOrg>& orgs, std::uint64_t seed, std::int64_t now,
                         std::vector<LifeRoll>& rolls, void (*progress)(const std::string&));
// The rolls (read from the members of each organisation), then the standings and the rollup.
void finish_org_life(store::Database& db, const std::vector<LifeRoll>& rolls, std::uint64_t seed, std::int64_t now,
                     LifeCounts& counts);

}  // namespace jiceng::bench
