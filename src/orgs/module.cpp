#include "orgs/module.hpp"

#include "orgs/seed.hpp"

namespace jiceng::orgs {

const Module kModule{"orgs", add_registers, register_routes, nullptr, seed};

}  // namespace jiceng::orgs
