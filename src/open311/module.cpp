#include "open311/module.hpp"

#include <boost/json/value.hpp>

#include "open311/staff_fields.hpp"

namespace jiceng::open311 {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"open311_key", "open311_request", "open311_update"};

const Module kModule{
    .name = "open311", .routes = register_routes, .seed = seed, .tables = kTables, .appeal_detail = staff_fields};

}  // namespace jiceng::open311
