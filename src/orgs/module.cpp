#include "orgs/module.hpp"

namespace jiceng::orgs {

const Module kModule{"orgs", add_registers, register_routes, nullptr, nullptr};

}  // namespace jiceng::orgs
