#include "org_life/hooks.hpp"

#include "core/principal.hpp"
#include "org_life/queries.hpp"
#include "org_life/standing.hpp"

namespace jiceng::org_life::hooks {
namespace {

// Every table of ours that keeps an organisation's org_path and area_path.
constexpr const char* kPathTables[] = {"meeting",           "org_life_term", "org_life_tally",     "org_life_warning",
                                       "org_life_campaign", "org_life_case", "org_life_committee", "org_life_standing"};

store::Params rebase_params(const PathMove& move) {
  return {move.new_prefix, static_cast<std::int64_t>(move.old_prefix.size()) + 1, move.old_prefix,
          core::path_end(move.old_prefix)};
}

void rebase(store::Conn& c, const char* set_clause, const PathMove& move) {
  const auto params = rebase_params(move);
  for (const char* t : kPathTables) c.execute(std::string("UPDATE ") + t + set_clause, params);
}

}  // namespace

// The area rollup keeps a row for every area above an organisation's: the moved subtree's totals
// go from the areas above its old place to those above its new one, then its own rows follow.
void area_paths_moved(store::Conn& c, const PathMove& move) {
  detail::rollup_area_moved(c, move.old_prefix, move.new_prefix);
  rebase(c, sql::kRebaseAreaPaths, move);
  c.execute(std::string("UPDATE org_life_compliance") + sql::kRebaseAreaPaths, rebase_params(move));
}

void org_paths_moved(store::Conn& c, const PathMove& move) { rebase(c, sql::kRebaseOrgPaths, move); }

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  detail::rollup_org_area_changed(c, org_id, area_path);  // reads the standings' old area first
  for (const char* t : kPathTables) c.execute(std::string("UPDATE ") + t + sql::kFollowOrgArea, {area_path, org_id});
}

}  // namespace jiceng::org_life::hooks
