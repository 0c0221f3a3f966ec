#include "pairing/module.hpp"

namespace jiceng::pairing {

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"pairing", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::pairing
