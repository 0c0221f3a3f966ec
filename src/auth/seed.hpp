#pragma once
// What the seeds above auth's set of the demo accounts: they call this rather than touch the
// account table.
#include <cstdint>

#include "demo/seed.hpp"

namespace jiceng::auth {

// The resident account's household (a deliberation voter).
void seed_resident_household(demo::Seed& s, std::int64_t household_id);

}  // namespace jiceng::auth
