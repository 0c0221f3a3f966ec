#pragma once
// The deliberation module: deliberation: matters, notes, ballots and households.
#include "core/module.hpp"

namespace jiceng::deliberation {

void add_registers();
void register_routes(Router& r);
SweepCounts sweep_due(App& app);

extern const Module kModule;

}  // namespace jiceng::deliberation
