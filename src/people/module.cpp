#include "people/module.hpp"

#include "people/hooks.hpp"
#include "people/service.hpp"

namespace jiceng::people {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"member", "member_fts", "person", "member_problem"};

// The data-quality check walks every member: once a day is what a list for the office needs.
constexpr std::int64_t kCheckEverySeconds = 24 * 3600;
SweepCounts sweep(App& app) { return {{"member_problems", check_records(app)}}; }

// Members and people hang off orgs' trees, which sits below: it calls these in its own writes.
const Module kModule{.name = "people",
                     .add_registers = add_registers,
                     .routes = register_routes,
                     .sweep = sweep,
                     .seed = seed,
                     .tables = kTables,
                     .follow = hooks::kFollow,
                     .people_by_ids = hooks::people_by_ids,
                     .grid_staff_counts = hooks::grid_staff_counts,
                     .sweep_every_seconds = kCheckEverySeconds};

}  // namespace jiceng::people
