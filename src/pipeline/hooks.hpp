#pragma once
// What the member pipeline answers to the orgs module below it (core::Module's hooks): its files,
// warnings and quotas carry their organisation's paths, so scope stays an index range after a
// branch or an area is moved.
#include <cstdint>
#include <string>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::pipeline::hooks {

void area_paths_moved(store::Conn& c, const PathMove& move);
void org_paths_moved(store::Conn& c, const PathMove& move);
void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path);

}  // namespace jiceng::pipeline::hooks
