#include "people/module.hpp"

namespace jiceng::people {

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"people", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::people
