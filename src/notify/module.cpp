#include "notify/module.hpp"

namespace jiceng::notify {

const Module kModule{"notify", nullptr, register_routes, nullptr, nullptr};

}  // namespace jiceng::notify
