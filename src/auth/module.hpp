#pragma once
// The auth module: accounts, sessions, roles and the audit log's reader.
#include "core/module.hpp"

namespace jiceng::auth {

void register_routes(Router& r);

extern const Module kModule;

}  // namespace jiceng::auth
