#include "deliberation/module.hpp"

#include "deliberation/service.hpp"

namespace jiceng::deliberation {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

// Votes whose time is up are counted even if nobody looks.
SweepCounts sweep_due(App& app) { return {{"settled", settle_due(app)}}; }

const Module kModule{"deliberation", add_registers, register_routes, sweep_due, seed};

}  // namespace jiceng::deliberation
