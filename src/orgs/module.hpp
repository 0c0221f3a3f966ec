#pragma once
// The orgs module: the organisation matrix: areas, party organisations, units and venues.
#include "core/module.hpp"

namespace jiceng::orgs {

void add_registers();
void register_routes(Router& r);

extern const Module kModule;

}  // namespace jiceng::orgs
