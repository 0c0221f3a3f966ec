#pragma once
// What relations answers to the orgs module below it: its rows carry both sides' organisation and
// area paths, which follow a moved subtree or an organisation's new area.
#include <cstdint>
#include <string>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::relations::hooks {

void area_paths_moved(store::Conn& c, const PathMove& move);
void org_paths_moved(store::Conn& c, const PathMove& move);
void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path);

}  // namespace jiceng::relations::hooks
