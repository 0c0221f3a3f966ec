#pragma once
// What dues answers to the orgs module below it (core::Module's hooks): its rows carry their
// organisation's paths, so a subtree's sheet and totals stay an index range after a move.
#include <cstdint>
#include <string>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::dues::hooks {

void area_paths_moved(store::Conn& c, const PathMove& move);
void org_paths_moved(store::Conn& c, const PathMove& move);
void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path);

}  // namespace jiceng::dues::hooks
