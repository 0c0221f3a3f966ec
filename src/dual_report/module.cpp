#include "dual_report/module.hpp"

namespace jiceng::dual_report {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"dual_report", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::dual_report
