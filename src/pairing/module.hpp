#pragma once
// The pairing module: pairing parties, help records and volunteers.
#include "core/module.hpp"

namespace jiceng::pairing {

void add_registers();
void register_routes(Router& r);

extern const Module kModule;

}  // namespace jiceng::pairing
