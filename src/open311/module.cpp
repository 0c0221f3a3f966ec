#include "open311/module.hpp"

namespace jiceng::open311 {

const Module kModule{"open311", nullptr, register_routes, nullptr, nullptr};

}  // namespace jiceng::open311
