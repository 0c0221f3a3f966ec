#include "deliberation/module.hpp"

#include "deliberation/service.hpp"

namespace jiceng::deliberation {

// Votes whose time is up are counted even if nobody looks.
SweepCounts sweep_due(App& app) { return {{"settled", settle_due(app)}}; }

const Module kModule{"deliberation", add_registers, register_routes, sweep_due, nullptr};

}  // namespace jiceng::deliberation
