#include "orgs/module.hpp"

#include "orgs/seed.hpp"

namespace jiceng::orgs {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

const Module kModule{"orgs", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::orgs
