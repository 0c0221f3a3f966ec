#pragma once
// The orgs module's calls to the modules above it (core::Module's hooks), inside its own
// transactions: the rows they keep under its trees follow a move, and its pages show their people.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::orgs::hooks {

void area_paths_moved(store::Conn& c, const PathMove& move);
void org_paths_moved(store::Conn& c, const PathMove& move);
void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path);

// The people with these ids (those that exist), from the module that keeps them.
std::map<std::int64_t, PersonRef> people_by_ids(store::Conn& c, std::span<const std::int64_t> ids);
// The grid staff within each grid's subtree, one count per path given (zeros when no module keeps them).
std::vector<std::int64_t> grid_staff_counts(store::Conn& c, std::span<const std::string> grid_paths);

}  // namespace jiceng::orgs::hooks
