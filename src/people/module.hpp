#pragma once
// The people module: party members, residents and staff, and who staffs each grid.
#include "core/module.hpp"

namespace jiceng::people {

void add_registers();
void register_routes(Router& r);

extern const Module kModule;

}  // namespace jiceng::people
