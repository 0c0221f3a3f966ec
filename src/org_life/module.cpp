#include "org_life/module.hpp"

#include "org_life/hooks.hpp"
#include "org_life/service.hpp"

namespace jiceng::org_life {

// Defined beside what they wire (api.cpp, seed.cpp).
void register_routes(Router& r);
void seed(demo::Seed& s);

// Duties about to fall due or missed: the secretary is warned once per cell and state.
SweepCounts sweep_due(App& app) { return {{"org_life_warned", warn_due(app)}}; }

// The sweep walks every organisation under every county (100,000 in a province: seconds of the
// writer's time, in batches) while a warning is days apart from the next: `due` from kWarnDays
// before a period ends, `missing` after its kRecordGraceDays. An hour late is nothing to a
// secretary, and hourly passes (kHourlySweep) leave the writer to the people in the field the rest
// of the time.

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {
    "meeting",           "meeting_attendance", "meeting_resolution", "meeting_attachment",  "meeting_observer",
    "org_life_file",     "meeting_kind",       "org_life_duty",      "org_life_term",       "org_life_tally",
    "org_life_warning",  "org_life_setting",   "org_life_campaign",  "org_life_evaluation", "org_life_peer",
    "org_life_case",     "org_life_committee", "org_life_talk",      "org_life_criticism",  "org_life_rectification",
    "org_life_standing", "org_life_compliance"};

// Meetings and tallies hang off orgs' trees, which sits below: it calls these in its own writes.
const Module kModule{.name = "org_life",
                     .routes = register_routes,
                     .sweep = sweep_due,
                     .seed = seed,
                     .tables = kTables,
                     .follow = hooks::kFollow,
                     .member_record = member_section<member_life>,
                     .sweep_every_seconds = kHourlySweep};

}  // namespace jiceng::org_life
