#pragma once
// Accounts, sessions and API tokens over the store.
#include <optional>
#include <string>
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
  Principal principal;
};

// Checks the password and opens a session; nullopt when the username or password is wrong or
// the account is disabled. Both outcomes are audited.
std::optional<NewSession> login(App& app, const std::string& username, const std::string& password,
                                const std::string& ip);
void logout(App& app, const std::string& token, const Principal& who, const std::string& ip);

// The caller of a request: session cookie or `Authorization: Bearer` API token. A session's
// principal is remembered for a few seconds so a busy console does not reread the account and its
// bindings on every request; changes made by this process to what a principal holds (logout,
// register writes, tree moves) forget them at once, changes by another process within seconds.
std::optional<Principal> authenticate(const http::Request& req, App& app);
// Forgets every remembered session principal: call after a change to accounts, bindings or the
// paths their scopes resolve to.
void forget_principals();

std::optional<Principal> load_principal(store::Conn& c, std::int64_t account_id);

struct Grant final {
  Role role;
  ScopeType scope_type;
  std::int64_t scope_id;
};
// Creates an account with its role bindings; throws ApiError on bad input.
std::int64_t create_account(store::Conn& c, const std::string& username, const std::string& display_name,
                            const std::string& password, const std::vector<Grant>& grants, std::int64_t now);
// The materialised path of the node a grant binds to, or nullopt when it does not exist.
std::optional<std::string> scope_path(store::Conn& c, ScopeType t, std::int64_t id);
// True when `granter` reaches the node of `g` through a binding of a role allowed to manage accounts.
bool may_grant(store::Conn& c, const Principal& granter, const Grant& g);

std::string create_api_token(store::Conn& c, std::int64_t account_id, const std::string& name, std::int64_t now);

}  // namespace jiceng::auth
