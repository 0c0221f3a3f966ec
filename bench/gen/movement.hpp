#pragma once
// Dues accounts, mobile members and transfers for the generated province, so that relations'
// checks (流而失管, 失联, 空挂 with dues, transfers unconfirmed) have real work: every member gets an
// account (most paid up, some behind by months, a few by over half a year), 2% are out-flowing
// (most in touch, some not for over six months, a few untraceable), and 0.3% are in a transfer
// waiting for the receiver, some for months.
#include <cstdint>
#include <string>

#include "store/db.hpp"

namespace jiceng::bench {

struct MovementCounts final {
  std::int64_t accounts = 0, behind = 0, flows = 0, out_of_touch = 0, transfers = 0;
};

// Reads the members already loaded, a page at a time; loads into empty dues and relations tables.
MovementCounts load_movement(store::Database& db, std::uint64_t seed, std::int64_t now,
                             void (*progress)(const std::string&));

}  // namespace jiceng::bench
