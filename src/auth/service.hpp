#pragma once
// Accounts, sessions and API tokens over the store.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "auth/principal.hpp"
#include "core/app.hpp"
#include "core/http.hpp"

namespace jiceng::auth {

constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
constexpr std::int64_t kSessionMaxSeconds = 12 * 60 * 60;
constexpr char kSessionCookie[] = "jiceng_session";

struct NewSession final {
  std::string token;
  std::string csrf;
  core::Principal principal;
};

struct LoginAttempt final {
  std::string username;
  std::string password;
  std::string totp;  // the authenticator's six digits, when the account has a second factor
  std::string ip;
};
// Checks the password (and the second factor) and opens a session. Throws ApiError: 401 for a
// wrong username, password or code (one answer for all, so usernames cannot be probed), 401
// `totp_required` when the code is missing, 423 while the account is locked. Every failure is
// audited and counts toward the lock.
NewSession login(App& app, const LoginAttempt& attempt);
void logout(App& app, const std::string& token, const core::Principal& who, const std::string& ip);

// Sets a new password for the caller after checking the current one and the policy; ends every
// other session of the account. A wrong current password counts as a failed login.
void change_password(App& app, const core::Principal& who, const std::string& current, const std::string& next,
                     const std::string& keep_token, const std::string& ip);

// Starts enrolling a second factor: stores a fresh secret (not yet in force) and returns it.
std::string begin_totp(App& app, const core::Principal& who);
// Puts the pending secret in force once the caller proves their authenticator shows its codes.
void confirm_totp(App& app, const core::Principal& who, const std::string& code, const std::string& ip);
// Turns the second factor off after checking the password.
void disable_totp(App& app, const core::Principal& who, const std::string& password, const std::string& ip);

// Throws ApiError 400 naming `field` when a new password breaks the policy.
void check_new_password(const std::string& password, const std::string& username, const std::string& field);

// The caller of a request: session cookie or `Authorization: Bearer` API token. A session's
// principal is remembered for a few seconds so a busy console does not reread the account and its
// bindings on every request; changes made by this process to what a principal holds (logout,
// register writes, tree moves) forget them at once, changes by another process within seconds.
std::optional<core::Principal> authenticate(const http::Request& req, App& app);
// Forgets every remembered session principal: call after a change to accounts, bindings or the
// paths their scopes resolve to.
void forget_principals();

// Every role binding of these accounts, with the path and name of the node each is bound to.
std::map<std::int64_t, std::vector<core::Binding>> bindings_of(store::Conn& c,
                                                               const std::vector<std::int64_t>& account_ids);
// The same, every row kept (a role or scope this build does not know has no binding), with the
// area path of the node each is bound to (empty when it is gone): what decides who sees an account.
struct BoundBinding final {
  std::optional<core::Binding> binding;
  std::string area_path;
};
std::map<std::int64_t, std::vector<BoundBinding>> bound_bindings_of(store::Conn& c,
                                                                    const std::vector<std::int64_t>& account_ids);

// The account's principal, or nullopt when it is disabled or gone; `password_change` says whether
// its password must be changed first under a limit of `password_max_age_days`.
std::optional<core::Principal> load_principal(store::Conn& c, std::int64_t account_id, int password_max_age_days,
                                              std::int64_t now);

struct Grant final {
  core::Role role;
  core::ScopeType scope_type;
  std::int64_t scope_id;
};
// Creates an account with its role bindings; throws ApiError on bad input. The password must be
// changed at the first login.
std::int64_t create_account(store::Conn& c, const std::string& username, const std::string& display_name,
                            const std::string& password, const std::vector<Grant>& grants, std::int64_t now);
// The materialised path of the node a grant binds to, or nullopt when it does not exist.
std::optional<std::string> scope_path(store::Conn& c, core::ScopeType t, std::int64_t id);
// True when `granter` reaches the node of `g` through a binding of a role allowed to write `reg`.
bool may_grant(store::Conn& c, const core::Principal& granter, const Grant& g,
               core::Register reg = core::Register::grants);

// Ends every session of an account and forgets remembered principals.
void end_sessions(store::Conn& c, std::int64_t account_id);

// An administrator's changes to someone else's account (the console's account pages and the
// `jiceng user` commands), inside the caller's write; the caller audits who did it.
std::optional<std::int64_t> account_id_of(store::Conn& c, const std::string& username);
void disable_account(store::Conn& c, std::int64_t account_id);  // and ends its sessions
void enable_account(store::Conn& c, std::int64_t account_id);
void unlock_account(store::Conn& c, std::int64_t account_id);  // clears the failed-login lock
void reset_totp(store::Conn& c, std::int64_t account_id);      // and ends its sessions
// A password someone else chose, hashed (crypto::hash_password) outside the writer: its owner must
// change it at the next login. Ends the account's sessions.
void set_password_by_admin(store::Conn& c, std::int64_t account_id, const std::string& password_hash, std::int64_t now);

// A new API token of the caller's account, audited; the token itself is shown this once.
std::string create_api_token(App& app, const core::Principal& who, const std::string& name, const std::string& ip);

// For co-governance (deliberation): the household a resident's account votes and rates for, when
// the account names one.
std::optional<std::int64_t> household_of(store::Conn& c, std::int64_t account_id);

// ---- For appeals ----
// Batch lookups take the ids of a page and answer in one statement; ids that name no account are
// left out of the answer.

// The display names of these accounts, disabled ones too.
std::unordered_map<std::int64_t, std::string> display_names(store::Conn& c, std::span<const std::int64_t> ids);
// Those of these accounts that are not disabled.
std::unordered_set<std::int64_t> active_accounts(store::Conn& c, std::span<const std::int64_t> ids);
// The active accounts bound with one of `roles` to one of these areas, a line a binding, by display
// name then account id.
struct AreaStaff final {
  std::int64_t account_id = 0;
  std::string display_name;
  core::Role role;
  std::int64_t area_id = 0;
};
std::vector<AreaStaff> area_staff(store::Conn& c, std::span<const std::int64_t> area_ids,
                                  std::span<const core::Role> roles);

}  // namespace jiceng::auth
