#include "people/module.hpp"

namespace jiceng::people {

const Module kModule{"people", add_registers, register_routes, nullptr, nullptr};

}  // namespace jiceng::people
