#include "pairing/module.hpp"

namespace jiceng::pairing {

// Defined beside what they wire (api.cpp, registers.cpp).
void add_registers();
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"pairing", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::pairing
