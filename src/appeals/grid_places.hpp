#pragma once
// What the resident map searches besides grid and community names: the compounds (小区) that sit
// in each grid.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/db.hpp"

namespace jiceng::appeals {

// Compound names by the id of the grid they sit in, each grid's sorted by name.
std::unordered_map<std::int64_t, std::vector<std::string>> compounds_by_grid(store::Conn& c);

}  // namespace jiceng::appeals
