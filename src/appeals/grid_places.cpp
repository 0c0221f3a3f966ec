#include "appeals/grid_places.hpp"

#include "appeals/queries.hpp"

namespace jiceng::appeals {

std::unordered_map<std::int64_t, std::vector<std::string>> compounds_by_grid(store::Conn& c) {
  std::unordered_map<std::int64_t, std::vector<std::string>> out;
  for (const auto& r : c.query(sql::kCompounds)) {
    out[r.integer(0)].push_back(r.text(1));
  }
  return out;
}

}  // namespace jiceng::appeals
