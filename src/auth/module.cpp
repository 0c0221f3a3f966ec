#include "auth/module.hpp"

namespace jiceng::auth {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"auth", nullptr, register_routes, nullptr, seed};

}  // namespace jiceng::auth
