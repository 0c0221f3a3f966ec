#pragma once
// Account administration (the console's account pages): who reaches which account, the account
// list, and the audited changes an administrator makes to someone else's account. Each change
// runs in one write, audited as the caller, and forgets remembered principals.
#include <cstdint>
#include <string>
#include <vector>

#include "auth/service.hpp"

namespace jiceng::auth {

constexpr std::size_t kMaxRolesPerAccount = 20;
constexpr char kAdminByCli[] = "三员账号只能由运维人员在服务器上用 jiceng user 命令管理";

// The county level: a binding to a root area ("/1/") of a role allowed to write `reg`.
bool at_root(const core::Principal& who, core::Register reg);

// Where a caller reads accounts: the areas of their bindings that read `accounts` (none: they read
// no account), and whether they also see accounts holding no role (from the county level).
struct AccountReach final {
  std::vector<std::string> areas;
  bool unbound = false;
};
AccountReach account_reach(const core::Principal& who);

struct AccountLine final {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  bool disabled = false;
  std::int64_t locked_until = 0;
  bool must_change_password = false;
  bool totp_enabled = false;
  std::int64_t created_at = 0;
  std::vector<core::Binding> roles;  // those this build knows
};
// Up to `limit` accounts within `reach` after the id `after`, in id order; `q` (when not empty)
// matches a part of the username or the display name.
std::vector<AccountLine> list_accounts(App& app, const AccountReach& reach, const std::string& q, std::int64_t after,
                                       std::int64_t limit);

struct NewAccount final {
  std::string username;
  std::string display_name;
  std::string password;  // checked against the policy by the caller
  std::vector<Grant> grants;
};
// Creates the account with its roles, each inside the caller's own reach (403 otherwise).
std::int64_t add_account(App& app, const core::Principal& who, const NewAccount& account, const std::string& ip);

// The changes below answer 404 for an account outside the caller's reach (an account holding no
// role is reached from the county level; one holding roles, when every role is bound inside the
// caller's subtree), 403 for the caller's own account and for the three administrators'.
enum class AccountChange { disable, enable, unlock, totp_reset };
// The register a change is made through: `accounts` for standing, `grants` for what guards it.
core::Register register_of(AccountChange change);
void change_account(App& app, const core::Principal& who, AccountChange change, std::int64_t account_id,
                    const std::string& ip);
// A new password chosen by the caller: checked against the policy (400) once the account is known
// to be within reach; its owner must change it at the next login.
void reset_password(App& app, const core::Principal& who, std::int64_t account_id, const std::string& password,
                    const std::string& ip);
// Binds a role inside the caller's reach; returns the binding's id. 409 when the account holds it.
std::int64_t grant_role(App& app, const core::Principal& who, std::int64_t account_id, const Grant& grant,
                        const std::string& ip);
// 404 when the binding is not the account's.
void revoke_role(App& app, const core::Principal& who, std::int64_t account_id, std::int64_t binding_id,
                 const std::string& ip);

}  // namespace jiceng::auth
