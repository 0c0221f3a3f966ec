#pragma once
// The appeals module: residents' appeals handled in a closed loop.
#include "core/module.hpp"

namespace jiceng::appeals {

void register_routes(Router& r);
SweepCounts sweep_due(App& app);

extern const Module kModule;

}  // namespace jiceng::appeals
