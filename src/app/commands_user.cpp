// `jiceng user add|passwd|unlock|disable`: accounts from the server's command line, through the
// auth module's service, audited as "cli".
#include <functional>
#include <iostream>

#include "app/commands.hpp"
#include "audit/audit.hpp"
#include "auth/service.hpp"
#include "crypto/crypto.hpp"

namespace jiceng::app {
namespace {

constexpr char kCli[] = "cli";

void audit_cli(store::Conn& c, const char* action, std::int64_t account_id, const std::string& after) {
  audit::record(c, {now_seconds(), kCli, std::nullopt, kCli, action, "account", std::to_string(account_id), "", after});
}

void refuse_weak(const UserOptions& o) {
  if (auto problem = auth::password_problem(o.password, o.username)) {
    throw std::runtime_error("password refused: " + *problem);
  }
}

// Applies `change` to the named account and audits it as `action`; 1 when there is no such account.
int change_account(const Common& common, const UserOptions& o, const char* action,
                   const std::function<void(store::Conn&, std::int64_t)>& change) {
  auto db = open_db(common);
  const auto changed = db->write([&](store::Conn& c) {
    const auto id = auth::account_id_of(c, o.username);
    if (!id) return false;
    change(c, *id);
    audit_cli(c, action, *id, "");
    return true;
  });
  if (!changed) {
    std::cerr << "no account " << o.username << "\n";
    return 1;
  }
  std::cout << action << ": " << o.username << "\n";
  return 0;
}

}  // namespace

int user_add(const Common& common, const UserOptions& o) {
  refuse_weak(o);
  auto db = open_db(common);
  const auto role = core::parse_role(o.role);
  if (!role) throw std::runtime_error("unknown role " + o.role);
  const auto scope = core::scope_type_for(*role);
  const auto id = db->write([&](store::Conn& c) {
    if (!auth::scope_path(c, scope, o.scope_id)) throw std::runtime_error("no such scope node");
    const auto id = auth::create_account(c, o.username, o.display.empty() ? o.username : o.display, o.password,
                                         {{*role, scope, o.scope_id}}, now_seconds());
    audit_cli(c, "create", id, o.username);
    return id;
  });
  std::cout << "created account " << o.username << " (id " << id << ")\n";
  return 0;
}

int user_passwd(const Common& common, const UserOptions& o) {
  refuse_weak(o);
  // Hashed before the write: the slow hash never holds the writer.
  const auto hash = crypto::hash_password(o.password);
  // Set by someone else, so its owner changes it at the next login.
  return change_account(common, o, "password_reset", [&](store::Conn& c, std::int64_t id) {
    auth::set_password_by_admin(c, id, hash, now_seconds());
  });
}

int user_unlock(const Common& common, const UserOptions& o) {
  return change_account(common, o, "unlock", [](store::Conn& c, std::int64_t id) { auth::unlock_account(c, id); });
}

int user_disable(const Common& common, const UserOptions& o) {
  return change_account(common, o, "disable", [](store::Conn& c, std::int64_t id) { auth::disable_account(c, id); });
}

}  // namespace jiceng::app
