#include "relations/module.hpp"

#include "relations/hooks.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {

// Defined beside what they wire (api.cpp, seed.cpp).
void register_routes(Router& r);
void seed(demo::Seed& s);

// The checks, at most hourly (run_checks keeps the gate); -1 means not due this pass.
SweepCounts sweep(App& app) {
  const auto found = run_checks(app);
  return {{"relations_found", found < 0 ? 0 : found}};
}

// The tables its migrations create: it alone writes them, and other modules call its service.
constexpr std::string_view kTables[] = {"relation_transfer", "relation_counter", "relation_flow", "relation_check",
                                        "relation_case",     "relation_setting", "relation_sweep"};

const Module kModule{
    .name = "relations",
    .routes = register_routes,
    .sweep = sweep,
    .seed = seed,
    .tables = kTables,
    .area_paths_moved = hooks::area_paths_moved,
    .org_paths_moved = hooks::org_paths_moved,
    .org_area_changed = hooks::org_area_changed,
};

}  // namespace jiceng::relations
