#pragma once
// What organisation life answers to the orgs module below it (core::Module's hooks): its meetings,
// terms and tallies carry their organisation's paths, so the compliance matrix stays an index range
// after a branch or an area is moved.
#include <cstdint>
#include <string>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::org_life::hooks {

void area_paths_moved(store::Conn& c, const PathMove& move);
void org_paths_moved(store::Conn& c, const PathMove& move);
void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path);

}  // namespace jiceng::org_life::hooks
