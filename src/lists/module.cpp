#include "lists/module.hpp"

namespace jiceng::lists {

void seed(demo::Seed& s);  // seed.cpp: its part of the demo county

const Module kModule{"lists", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::lists
