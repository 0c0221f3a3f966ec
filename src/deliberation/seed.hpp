#pragma once
// What the seeds after deliberation's read of the demo county's households: they call this rather
// than touch the household table.
#include <cstdint>
#include <string>

#include "demo/seed.hpp"

namespace jiceng::deliberation {

struct SeedHousehold final {
  std::string head_name, address;
};
SeedHousehold seed_household(const demo::Seed& s, std::int64_t id);

}  // namespace jiceng::deliberation
