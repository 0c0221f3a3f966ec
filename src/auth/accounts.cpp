#include "auth/accounts.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "auth/queries.hpp"
#include "core/errors.hpp"
#include "crypto/crypto.hpp"

namespace jiceng::auth {
namespace {

namespace bj = boost::json;

// Accounts read at a time while a page is filled with those the caller may see.
constexpr std::int64_t kAccountsPerScan = 200;

// Out of reach is 404, as for any object outside the caller's scope: an account holding no role
// is reached from the county level; one holding roles, only when every role is bound inside the
// caller's subtree.
void require_manageable(store::Conn& c, const core::Principal& who, core::Register reg, std::int64_t account_id) {
  if (!c.one(sql::kAccountExists, {account_id})) not_found();
  auto bs = c.query(sql::kRolesOf, {account_id});
  if (bs.empty()) {
    if (!at_root(who, reg)) not_found();
    return;
  }
  bool admin = false;
  for (const auto& b : bs) {
    const auto role = core::parse_role(b.text(0));
    if (!role || !may_grant(c, who, Grant{*role, core::scope_type_for(*role), b.integer(1)}, reg)) not_found();
    admin = admin || core::is_admin_role(*role);
  }
  if (admin) forbidden(kAdminByCli);
}

void audit_account(store::Conn& c, App& app, const core::Principal& who, const std::string& ip,
                   const std::string& action, std::int64_t id, const std::string& after = "") {
  audit::record(c, {app.now(), who.username, who.account_id, ip, action, "account", std::to_string(id), "", after});
}

// One administrative change to an account the caller may manage through `reg`: `apply` makes it
// inside the write and returns what the audit record keeps as its after value.
template <typename Apply>
void change(App& app, const core::Principal& who, core::Register reg, const std::string& action,
            std::int64_t account_id, const std::string& ip, Apply apply) {
  if (account_id == who.account_id) forbidden("不能对本人账号执行此操作");
  app.db.write([&](store::Conn& c) {
    require_manageable(c, who, reg, account_id);
    const std::string after = apply(c, account_id);
    audit_account(c, app, who, ip, action, account_id, after);
  });
  forget_principals();
}

// Whether the caller sees an account: one of its roles is bound to a node inside an area the
// caller reads accounts over; an account holding no role, from the county level.
bool sees_account(const AccountReach& reach, const std::vector<BoundBinding>& bound) {
  if (bound.empty()) return reach.unbound;
  return std::any_of(bound.begin(), bound.end(), [&](const BoundBinding& b) {
    return std::any_of(reach.areas.begin(), reach.areas.end(),
                       [&](const std::string& a) { return core::path_within(b.area_path, a); });
  });
}

// As the audit log names the change.
const char* action_of(AccountChange change) {
  switch (change) {
    case AccountChange::disable: return "disable";
    case AccountChange::enable: return "enable";
    case AccountChange::unlock: return "unlock";
    case AccountChange::totp_reset: return "totp_reset";
  }
  return "";
}

AccountLine line_of(const store::Row& r, const std::vector<BoundBinding>& bound) {
  AccountLine line;
  line.id = r.integer(0);
  line.username = r.text(1);
  line.display_name = r.text(2);
  line.disabled = r.integer(3) != 0;
  line.locked_until = r.integer(4);
  line.must_change_password = r.integer(5) != 0;
  line.totp_enabled = r.integer(6) != 0;
  line.created_at = r.integer(7);
  for (const auto& b : bound) {
    if (b.binding) line.roles.push_back(*b.binding);
  }
  return line;
}

}  // namespace

bool at_root(const core::Principal& who, core::Register reg) {
  return std::any_of(who.bindings.begin(), who.bindings.end(), [&](const core::Binding& b) {
    return core::allowed(b.role, reg, core::Action::write) && b.scope_type == core::ScopeType::area &&
           std::count(b.path.begin(), b.path.end(), '/') == 2;
  });
}

AccountReach account_reach(const core::Principal& who) {
  AccountReach reach;
  for (const auto& b : who.bindings) {
    if (core::allowed(b.role, core::Register::accounts, core::Action::read) && b.scope_type == core::ScopeType::area)
      reach.areas.push_back(b.path);
  }
  reach.unbound = at_root(who, core::Register::accounts) || at_root(who, core::Register::grants);
  return reach;
}

std::vector<AccountLine> list_accounts(App& app, const AccountReach& reach, const std::string& q, std::int64_t after,
                                       std::int64_t limit) {
  std::string query = sql::kAccountsAfter;
  store::Params filter;
  if (!q.empty()) {
    query += sql::kAccountsMatching;
    filter.push_back(store::like_contains(q));
    filter.push_back(store::like_contains(q));
  }
  query += sql::kAccountsTail;
  std::vector<AccountLine> out;
  app.db.read([&](store::Conn& c) {
    // Accounts in id order, a batch at a time, with their bindings' areas looked up from the
    // modules that keep the nodes (one statement each a batch), until the page is full.
    for (std::int64_t cursor = after;;) {
      store::Params params{cursor};
      params.insert(params.end(), filter.begin(), filter.end());
      params.emplace_back(kAccountsPerScan);
      auto rs = c.query(query, params);
      std::vector<std::int64_t> ids;
      for (const auto& r : rs) ids.push_back(r.integer(0));
      auto bound = bound_bindings_of(c, ids);  // disabled accounts included
      for (const auto& r : rs) {
        if (!sees_account(reach, bound[r.integer(0)])) continue;
        out.push_back(line_of(r, bound[r.integer(0)]));
        if (static_cast<std::int64_t>(out.size()) == limit) return;
      }
      if (static_cast<std::int64_t>(rs.size()) < kAccountsPerScan) return;
      cursor = rs.rows.back().integer(0);
    }
  });
  return out;
}

std::int64_t add_account(App& app, const core::Principal& who, const NewAccount& a, const std::string& ip) {
  return app.db.write([&](store::Conn& c) {
    for (const auto& g : a.grants) {
      if (!may_grant(c, who, g)) forbidden("只能在您自己的管辖范围内授予角色");
    }
    const auto id = create_account(c, a.username, a.display_name, a.password, a.grants, app.now());
    audit_account(c, app, who, ip, "create", id, bj::serialize(bj::object{{"username", a.username}}));
    return id;
  });
}

core::Register register_of(AccountChange change) {
  switch (change) {
    case AccountChange::disable:
    case AccountChange::enable: return core::Register::accounts;
    case AccountChange::unlock:
    case AccountChange::totp_reset: return core::Register::grants;
  }
  return core::Register::grants;
}

void change_account(App& app, const core::Principal& who, AccountChange kind, std::int64_t account_id,
                    const std::string& ip) {
  change(app, who, register_of(kind), action_of(kind), account_id, ip, [&](store::Conn& c, std::int64_t id) {
    switch (kind) {
      case AccountChange::disable: disable_account(c, id); break;
      case AccountChange::enable: enable_account(c, id); break;
      case AccountChange::unlock: unlock_account(c, id); break;
      case AccountChange::totp_reset: reset_totp(c, id); break;
    }
    return std::string();
  });
}

void reset_password(App& app, const core::Principal& who, std::int64_t account_id, const std::string& password,
                    const std::string& ip) {
  // Reach first, so the password rule says nothing about accounts outside the caller's scope;
  // the slow hash then runs outside the writer.
  app.db.read([&](store::Conn& c) {
    require_manageable(c, who, core::Register::accounts, account_id);
    check_new_password(password, c.one(sql::kUsernameOf, {account_id})->text(0), "password");
  });
  const auto hash = crypto::hash_password(password);
  change(app, who, core::Register::accounts, "password_reset", account_id, ip, [&](store::Conn& c, std::int64_t id) {
    set_password_by_admin(c, id, hash, app.now());
    return std::string();
  });
}

std::int64_t grant_role(App& app, const core::Principal& who, std::int64_t account_id, const Grant& g,
                        const std::string& ip) {
  std::int64_t binding = 0;
  change(app, who, core::Register::grants, "grant", account_id, ip, [&](store::Conn& c, std::int64_t id) {
    if (!may_grant(c, who, g)) forbidden("只能在您自己的管辖范围内授予角色");
    if (c.scalar(sql::kCountRoles, {id}) >= static_cast<std::int64_t>(kMaxRolesPerAccount)) {
      bad_request("role", "角色过多");
    }
    const std::string role(core::role_name(g.role));
    if (c.one(sql::kRoleHeld, {id, role, g.scope_id})) conflict("该账号已有此角色", "role");
    binding =
        c.one(sql::kAddBinding, {id, role, std::string(core::scope_type_name(g.scope_type)), g.scope_id})->integer(0);
    return bj::serialize(bj::object{{"role", core::role_name(g.role)}, {"scope_id", g.scope_id}});
  });
  return binding;
}

void revoke_role(App& app, const core::Principal& who, std::int64_t account_id, std::int64_t binding_id,
                 const std::string& ip) {
  change(app, who, core::Register::grants, "revoke", account_id, ip, [&](store::Conn& c, std::int64_t id) {
    auto row = c.one(sql::kBindingOf, {binding_id, id});
    if (!row) not_found();
    c.execute(sql::kDeleteBinding, {binding_id});
    return bj::serialize(bj::object{{"role", row->text(0)}, {"scope_id", row->integer(1)}});
  });
}

}  // namespace jiceng::auth
