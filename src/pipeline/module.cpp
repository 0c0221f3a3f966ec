#include "pipeline/module.hpp"

#include "pipeline/hooks.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {

// Defined beside what they wire (api.cpp, seed.cpp).
void register_routes(Router& r);
void seed(demo::Seed& s);

// Deadlines near or missed: each file's secretary is warned once per deadline and level.
// Deadlines are days: an hour between runs is often enough (kHourlySweep).
SweepCounts sweep_due(App& app) { return {{"pipeline_warned", warn_due(app)}}; }

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them.
constexpr std::string_view kTables[] = {"pipeline_person",      "pipeline_step",       "pipeline_upload",
                                        "pipeline_document",    "pipeline_setting",    "pipeline_warning",
                                        "pipeline_quota",       "pipeline_quota_move", "pipeline_review",
                                        "pipeline_review_item", "pipeline_recheck",    "pipeline_recheck_item"};

// Files, warnings and quotas hang off orgs' trees: it calls these in its own writes.
const Module kModule{.name = "pipeline",
                     .routes = register_routes,
                     .sweep = sweep_due,
                     .seed = seed,
                     .tables = kTables,
                     .follow = hooks::Follow::hooks(),
                     .member_record = member_section<member_file>,
                     .sweep_every_seconds = kHourlySweep};

}  // namespace jiceng::pipeline
