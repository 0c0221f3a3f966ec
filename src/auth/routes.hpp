#pragma once
// The auth module's route files, wired in by auth::register_routes.
#include <boost/json/array.hpp>
#include <cstddef>
#include <vector>

#include "auth/password_policy.hpp"
#include "auth/principal.hpp"
#include "core/router.hpp"

namespace jiceng::auth {

// Bounds on the fields the session and account routes take.
constexpr std::size_t kMaxUsername = 64;
constexpr std::size_t kMaxPassword = kMaxPasswordLength;
constexpr std::size_t kMaxDisplayName = 64;
// Roles as the API shows them: role, role_label, scope_type, scope_id, scope_name.
boost::json::array roles_json(const std::vector<core::Binding>& bindings);

void register_account_routes(Router& r);
void register_audit_routes(Router& r);
}  // namespace jiceng::auth
