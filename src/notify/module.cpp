#include "notify/module.hpp"

namespace jiceng::notify {

// Defined beside what they wire (api.cpp, registers.cpp).
void register_routes(Router& r);

const Module kModule{"notify", nullptr, register_routes, nullptr, nullptr};

}  // namespace jiceng::notify
