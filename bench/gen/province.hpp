#pragma once
// A deterministic province for the benchmarks, written straight into the tables in bulk (not
// through the API): cities, counties, streets, communities and grids; party organisations and
// members; appeals over the past year with their timelines; then the rollups the server keeps on
// every write. The same sizes and seed always give the same data.
#include <cstdint>
#include <string>

#include "crypto/crypto.hpp"
#include "store/db.hpp"

namespace jiceng::bench {

struct Sizes final {
  int cities = 10;
  int counties = 100;
  int streets_per_county = 8;
  int communities_per_street = 10;
  int grids = 10000;
  std::int64_t orgs = 100000;
  std::int64_t members = 2000000;
  std::int64_t appeals = 5000000;
  std::uint64_t seed = 7;
};

// Loads the province into an empty, migrated database; returns a one-paragraph summary.
// `progress` receives a line per stage.
std::string load_province(store::Database& db, const crypto::FieldCipher& cipher, const Sizes& sizes, std::int64_t now,
                          void (*progress)(const std::string&));

}  // namespace jiceng::bench
