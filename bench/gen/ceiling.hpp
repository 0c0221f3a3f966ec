#pragma once
// The storage ceiling: how many appeal-sized rows a second the store takes with the server's own
// durability (WAL, synchronous=FULL on SQLite; synchronous_commit on PostgreSQL), with nothing else
// in the way, once with one commit per row and once with rows sharing a commit as group commit does.
#include <cstdint>
#include <string>

#include "store/db.hpp"

namespace jiceng::bench {

struct Ceiling final {
  double single_rps = 0;   // one row per commit
  double grouped_rps = 0;  // kGroupRows rows per commit
  int group_rows = 0;
};

Ceiling storage_ceiling(store::Database& db, double seconds_each);

}  // namespace jiceng::bench
