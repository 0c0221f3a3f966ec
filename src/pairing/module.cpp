#include "pairing/module.hpp"

namespace jiceng::pairing {

const Module kModule{"pairing", add_registers, register_routes, nullptr, nullptr};

}  // namespace jiceng::pairing
