#include "people/hooks.hpp"

#include <algorithm>

#include "core/path_follow.hpp"
#include "core/principal.hpp"
#include "people/queries.hpp"
#include "store/db.hpp"

namespace jiceng::people::hooks {
namespace {

// The tables whose area_path follows the area tree.
constexpr const char* kAreaPathTables[] = {"member", "person", "member_problem"};
// The tables that keep a member's organisation: its path and its area follow the organisation.
constexpr const char* kOrgTables[] = {"member", "member_problem"};

void area_paths_moved(store::Conn& c, const PathMove& move) {
  for (const char* t : kAreaPathTables) core::rebase_paths(c, t, "area_path", move);
}

void org_paths_moved(store::Conn& c, const PathMove& move) {
  for (const char* t : kOrgTables) core::rebase_paths(c, t, "org_path", move);
}

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  for (const char* t : kOrgTables) core::follow_org_area(c, t, "area_path", "org_id", org_id, area_path);
}

}  // namespace

constinit const TreeHooks kFollow{area_paths_moved, org_paths_moved, org_area_changed};

std::map<std::int64_t, PersonRef> people_by_ids(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, PersonRef> out;
  for (const auto& r : store::query_ids(c, sql::kPersonRefsIn, ids)) {
    out.emplace(r.integer(0), PersonRef{r.text(1), r.text(2)});
  }
  return out;
}

// One range statement over the span of the grids' paths, counted up to each grid the staff sit under.
std::vector<std::int64_t> grid_staff_counts(store::Conn& c, std::span<const std::string> grid_paths) {
  std::vector<std::int64_t> counts(grid_paths.size(), 0);
  if (grid_paths.empty()) return counts;
  const auto [lo, hi] = std::minmax_element(grid_paths.begin(), grid_paths.end());
  std::map<std::string, std::vector<std::size_t>> at;  // a grid path → where it is in grid_paths
  for (std::size_t i = 0; i < grid_paths.size(); ++i) at[grid_paths[i]].push_back(i);
  for (const auto& r : c.query(sql::kGridStaffPerPath, {*lo, core::path_end(*hi)})) {
    for (const auto& p : core::path_and_ancestors(r.text(0))) {
      const auto found = at.find(p);
      if (found == at.end()) continue;
      for (const auto i : found->second) counts[i] += r.integer(1);
    }
  }
  return counts;
}

}  // namespace jiceng::people::hooks
