#include "dual_report/module.hpp"

namespace jiceng::dual_report {

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"dual_report", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::dual_report
