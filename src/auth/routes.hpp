#pragma once
// The auth module's route files, wired in by auth::register_routes.
#include "core/router.hpp"

namespace jiceng::auth {
void register_account_routes(Router& r);
void register_audit_routes(Router& r);
}  // namespace jiceng::auth
