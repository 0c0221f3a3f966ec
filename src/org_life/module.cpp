#include "org_life/module.hpp"

namespace jiceng::org_life {

// Defined beside what they wire (api.cpp, seed.cpp).
void register_routes(Router& r);
void seed(demo::Seed& s);

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {
    "meeting",       "meeting_attendance", "meeting_resolution", "meeting_attachment", "meeting_observer",
    "org_life_file", "meeting_kind",       "org_life_duty",      "org_life_term",      "org_life_tally"};

const Module kModule{"org_life", nullptr, register_routes, nullptr, seed, kTables};

}  // namespace jiceng::org_life
