#include "org_life/module.hpp"

#include "org_life/hooks.hpp"

namespace jiceng::org_life {

// Defined beside what they wire (api.cpp, seed.cpp).
void register_routes(Router& r);
void seed(demo::Seed& s);

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {
    "meeting",       "meeting_attendance", "meeting_resolution", "meeting_attachment", "meeting_observer",
    "org_life_file", "meeting_kind",       "org_life_duty",      "org_life_term",      "org_life_tally"};

// Meetings and tallies hang off orgs' trees, which sits below: it calls these in its own writes.
const Module kModule{
    .name = "org_life",
    .routes = register_routes,
    .seed = seed,
    .tables = kTables,
    .area_paths_moved = hooks::area_paths_moved,
    .org_paths_moved = hooks::org_paths_moved,
    .org_area_changed = hooks::org_area_changed,
};

}  // namespace jiceng::org_life
