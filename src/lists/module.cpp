#include "lists/module.hpp"

namespace jiceng::lists {

const Module kModule{"lists", add_registers, register_routes, nullptr, nullptr};

}  // namespace jiceng::lists
