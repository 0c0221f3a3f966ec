#include "appeals/module.hpp"

#include "appeals/service.hpp"

namespace jiceng::appeals {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

SweepCounts sweep_due(App& app) {
  const auto r = sweep(app);
  return {{"escalated", r.escalated}, {"warned", r.warned}, {"late_checkins", r.late_checkins}};
}

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"appeal",         "appeal_category", "appeal_limit",    "holiday",
                                        "appeal_event",   "mediation",       "photo",           "appeal_photo",
                                        "appeal_whistle", "appeal_day",      "appeal_node_day", "rollup_rebuild_due"};

const Module kModule{"appeals", nullptr, register_routes, sweep_due, nullptr, kTables};

}  // namespace jiceng::appeals
