#include "auth/module.hpp"

namespace jiceng::auth {

const Module kModule{"auth", nullptr, register_routes, nullptr, nullptr};

}  // namespace jiceng::auth
