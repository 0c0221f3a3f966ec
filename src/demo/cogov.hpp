#pragma once
// The demo county's co-governance: lists and orders, dual reports with activities and check-ins,
// pairings, a volunteer team, households and deliberations at every stage.
#include <cstdint>
#include <string>

#include "store/db.hpp"

namespace jiceng::demo {

struct CogovScale final {
  int resources = 80;  // offered by units and members
  int reported = 400;  // in-service members reported to their communities
};

// Runs inside demo::load's transaction, after the matrix, people and accounts exist.
std::string load_cogov(store::Conn& c, std::uint64_t seed, std::int64_t now, const CogovScale& scale);

}  // namespace jiceng::demo
