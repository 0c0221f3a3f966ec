#include "open311/module.hpp"

namespace jiceng::open311 {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"open311", nullptr, register_routes, nullptr, seed};

}  // namespace jiceng::open311
