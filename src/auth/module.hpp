#pragma once
// The auth module: accounts, sessions, roles and the audit log's reader.
#include "core/module.hpp"

namespace jiceng::auth {

extern const Module kModule;

}  // namespace jiceng::auth
