#pragma once
// The lists module: the three lists (resources, needs, projects) and two-way claiming.
#include "core/module.hpp"

namespace jiceng::lists {

void add_registers();
void register_routes(Router& r);

extern const Module kModule;

}  // namespace jiceng::lists
