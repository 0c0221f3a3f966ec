#include "open311/module.hpp"

namespace jiceng::open311 {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"open311_key", "open311_request", "open311_update"};

const Module kModule{"open311", nullptr, register_routes, nullptr, seed, kTables};

}  // namespace jiceng::open311
