#include "deliberation/module.hpp"

#include "deliberation/service.hpp"

namespace jiceng::deliberation {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

// Votes whose time is up are counted even if nobody looks.
SweepCounts sweep_due(App& app) { return {{"settled", settle_due(app)}}; }

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"household",           "deliberation",        "deliberation_voter",
                                        "deliberation_ballot", "deliberation_rating", "deliberation_note"};

const Module kModule{"deliberation", add_registers, register_routes, sweep_due, seed, kTables};

}  // namespace jiceng::deliberation
