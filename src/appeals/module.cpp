#include "appeals/module.hpp"

#include "appeals/service.hpp"

namespace jiceng::appeals {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

SweepCounts sweep_due(App& app) {
  const auto r = sweep(app);
  return {{"escalated", r.escalated}, {"warned", r.warned}, {"late_checkins", r.late_checkins}};
}

const Module kModule{"appeals", nullptr, register_routes, sweep_due, nullptr};

}  // namespace jiceng::appeals
