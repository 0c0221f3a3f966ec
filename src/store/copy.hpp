#pragma once
// `jiceng copy`: a whole installation moved from one store to another (a county outgrowing SQLite
// moves to PostgreSQL), then checked: every table's rows counted on both sides, the audit chain
// verified where it now lives, and the appeal figures equal.
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace jiceng::store {

struct CopyReport final {
  std::vector<std::pair<std::string, std::int64_t>> tables;  // table, rows copied
  std::int64_t rows = 0;
  std::vector<std::string> problems;  // empty when the copy reads back equal
};

// Copies every row of `from` into `to`, which must hold no data yet (only what migrations seed).
// Both must have been migrated by this binary: the tables and columns are compared, and a
// difference stops the copy before anything is written.
// Tables kept by triggers (tallies, the member name index) are rebuilt by those triggers.
CopyReport copy(Database& from, Database& to);

}  // namespace jiceng::store
