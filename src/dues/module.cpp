#include "dues/module.hpp"

#include "dues/hooks.hpp"
#include "dues/service.hpp"

namespace jiceng::dues {

// Defined beside what they wire (api.cpp, seed.cpp).
void register_routes(Router& r);
void seed(demo::Seed& s);

// Members behind with their dues: warned once per episode, at most hourly (kHourlySweep); bases
// dated ahead come into force as their month begins.
SweepCounts sweep_due(App& app) {
  return {{"dues_bases_applied", apply_bases(app)}, {"dues_warned", warn_arrears(app)}};
}

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"dues_setting", "dues_account",    "dues_base",
                                        "dues_payment", "dues_month",      "dues_reduction",
                                        "dues_tally",   "dues_remittance", "dues_warning"};

// Accounts, payments and tallies hang off orgs' trees, which sits below: it calls these in its writes.
const Module kModule{.name = "dues",
                     .routes = register_routes,
                     .sweep = sweep_due,
                     .seed = seed,
                     .tables = kTables,
                     .follow = hooks::Follow::hooks(),
                     .member_record = member_section<member_dues>,
                     .sweep_every_seconds = kHourlySweep,
                     .months_since_dues_paid = hooks::months_since_paid};

}  // namespace jiceng::dues
