#include "notify/module.hpp"

namespace jiceng::notify {

// Defined in api.cpp.
void register_routes(Router& r);

// The tables its migrations create: it alone writes them, and other modules call its service
// rather than read them (scripts/check_tables.py lists the reads still left).
constexpr std::string_view kTables[] = {"webhook", "outbox"};

const Module kModule{"notify", nullptr, register_routes, nullptr, nullptr, kTables};

}  // namespace jiceng::notify
