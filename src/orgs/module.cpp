#include "orgs/module.hpp"

#include "orgs/seed.hpp"

namespace jiceng::orgs {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"area",  "party_org",      "tree_change", "unit",
                                        "venue", "committee_seat", "area_tally",  "org_tally"};

const Module kModule{"orgs", add_registers, register_routes, nullptr, seed, kTables};

}  // namespace jiceng::orgs
