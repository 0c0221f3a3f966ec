#include "auth/module.hpp"

namespace jiceng::auth {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"account", "role_binding", "session", "api_token"};

const Module kModule{"auth", nullptr, register_routes, nullptr, seed, kTables};

}  // namespace jiceng::auth
