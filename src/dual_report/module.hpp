#pragma once
// The dual_report module: dual reporting: in-service members and units reporting to communities.
#include "core/module.hpp"

namespace jiceng::dual_report {

void add_registers();
void register_routes(Router& r);

extern const Module kModule;

}  // namespace jiceng::dual_report
