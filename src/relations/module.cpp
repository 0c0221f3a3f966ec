#include "relations/module.hpp"

#include "relations/hooks.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {

// Defined beside what they wire (api.cpp, seed.cpp).
void register_routes(Router& r);
void seed(demo::Seed& s);

// The checks change by the day: hourly is plenty (the app keeps the gate).
SweepCounts sweep(App& app) { return {{"relations_found", run_checks(app)}}; }

// The tables its migrations create: it alone writes them, and other modules call its service.
constexpr std::string_view kTables[] = {"relation_transfer", "relation_counter", "relation_flow",
                                        "relation_check",    "relation_case",    "relation_setting"};

const Module kModule{.name = "relations",
                     .routes = register_routes,
                     .sweep = sweep,
                     .seed = seed,
                     .tables = kTables,
                     .follow = hooks::kFollow,
                     .member_record = member_section<member_record>,
                     .sweep_every_seconds = kHourlySweep};

}  // namespace jiceng::relations
