#pragma once
// Rows a module keeps under the orgs module's trees (an area_path or org_path beside their own
// data) follow a move of those trees: what each module's Module hooks do, one statement per table
// and column, inside orgs' write.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::core {

// Every path in `column` of `table` that lay under the moved subtree takes its new prefix.
void rebase_paths(store::Conn& c, std::string_view table, std::string_view column, const PathMove& move);

// The rows of `table` whose `org_column` is the organisation take its new area path in `area_column`.
void follow_org_area(store::Conn& c, std::string_view table, std::string_view area_column, std::string_view org_column,
                     std::int64_t org_id, const std::string& area_path);

// The three Module hooks of a module each of whose tables in `kTables` (an array of table names)
// keeps an organisation's org_id, org_path and area_path: every one follows both trees.
template <const auto& kTables>
struct FollowOrgTrees final {
  static void area_paths_moved(store::Conn& c, const PathMove& move) {
    for (const char* t : kTables) rebase_paths(c, t, "area_path", move);
  }
  static void org_paths_moved(store::Conn& c, const PathMove& move) {
    for (const char* t : kTables) rebase_paths(c, t, "org_path", move);
  }
  static void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
    for (const char* t : kTables) follow_org_area(c, t, "area_path", "org_id", org_id, area_path);
  }
  static constexpr TreeHooks hooks() { return {area_paths_moved, org_paths_moved, org_area_changed}; }
};

}  // namespace jiceng::core
