#include "auth/module.hpp"

namespace jiceng::auth {

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"auth", nullptr, register_routes, nullptr, seed};

}  // namespace jiceng::auth
