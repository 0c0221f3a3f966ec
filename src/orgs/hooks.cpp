#include "orgs/hooks.hpp"

namespace jiceng::orgs::hooks {

void area_paths_moved(store::Conn& c, const PathMove& move) {
  for (const auto* m : installed_modules()) {
    if (m->follow.area_paths_moved) m->follow.area_paths_moved(c, move);
  }
}

void org_paths_moved(store::Conn& c, const PathMove& move) {
  for (const auto* m : installed_modules()) {
    if (m->follow.org_paths_moved) m->follow.org_paths_moved(c, move);
  }
}

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  for (const auto* m : installed_modules()) {
    if (m->follow.org_area_changed) m->follow.org_area_changed(c, org_id, area_path);
  }
}

std::map<std::int64_t, PersonRef> people_by_ids(store::Conn& c, std::span<const std::int64_t> ids) {
  for (const auto* m : installed_modules()) {
    if (m->people_by_ids) return m->people_by_ids(c, ids);
  }
  return {};
}

std::vector<std::int64_t> grid_staff_counts(store::Conn& c, std::span<const std::string> grid_paths) {
  for (const auto* m : installed_modules()) {
    if (m->grid_staff_counts) return m->grid_staff_counts(c, grid_paths);
  }
  return std::vector<std::int64_t>(grid_paths.size(), 0);
}

}  // namespace jiceng::orgs::hooks
