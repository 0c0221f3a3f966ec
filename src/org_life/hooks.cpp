#include "org_life/hooks.hpp"

#include "core/path_follow.hpp"
#include "org_life/standing.hpp"

namespace jiceng::org_life::hooks {
namespace {

// Every table of ours that keeps an organisation's org_path and area_path.
constexpr const char* kPathTables[] = {"meeting",           "org_life_term", "org_life_tally",     "org_life_warning",
                                       "org_life_campaign", "org_life_case", "org_life_committee", "org_life_standing"};

// The area rollup keeps a row for every area above an organisation's: the moved subtree's totals
// go from the areas above its old place to those above its new one, then its own rows follow.
void area_paths_moved(store::Conn& c, const PathMove& move) {
  detail::rollup_area_moved(c, move.old_prefix, move.new_prefix);
  for (const char* t : kPathTables) core::rebase_paths(c, t, "area_path", move);
  core::rebase_paths(c, "org_life_compliance", "area_path", move);
}

void org_paths_moved(store::Conn& c, const PathMove& move) {
  for (const char* t : kPathTables) core::rebase_paths(c, t, "org_path", move);
}

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  detail::rollup_org_area_changed(c, org_id, area_path);  // reads the standings' old area first
  for (const char* t : kPathTables) core::follow_org_area(c, t, "area_path", "org_id", org_id, area_path);
}

}  // namespace

constinit const TreeHooks kFollow{area_paths_moved, org_paths_moved, org_area_changed};

}  // namespace jiceng::org_life::hooks
