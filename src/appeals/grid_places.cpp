#include "appeals/grid_places.hpp"

namespace jiceng::appeals {

std::unordered_map<std::int64_t, std::vector<std::string>> compounds_by_grid(store::Conn& c) {
  std::unordered_map<std::int64_t, std::vector<std::string>> out;
  for (const auto& r : c.query("SELECT a.parent_id, a.name FROM area a JOIN area g ON g.id = a.parent_id "
                               "WHERE a.kind = 'compound' AND g.kind = 'grid' ORDER BY a.parent_id, a.name")) {
    out[r.integer(0)].push_back(r.text(1));
  }
  return out;
}

}  // namespace jiceng::appeals
