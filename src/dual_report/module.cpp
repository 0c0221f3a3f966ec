#include "dual_report/module.hpp"

namespace jiceng::dual_report {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"dual_report", "activity", "activity_signup", "dual_report_month",
                                        "dual_report_unit_month"};

const Module kModule{"dual_report", add_registers, register_routes, nullptr, seed, kTables};

}  // namespace jiceng::dual_report
