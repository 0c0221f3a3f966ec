#include "auth/service.hpp"

#include <mutex>
#include <unordered_map>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "crypto/crypto.hpp"

namespace jiceng::auth {
namespace {

constexpr std::int64_t kLastSeenGranularity = 60;
// How long a remembered session principal serves before the session row is read again; bounds
// how late this process sees a change another process made (a disabled account, a new role).
constexpr std::int64_t kPrincipalTtlSeconds = 5;
constexpr std::size_t kPrincipalCacheLimit = 50000;

std::string token_hash(const std::string& token) { return crypto::sm3_hex(token); }

struct RememberedSession final {
  Principal principal;
  std::int64_t last_seen = 0;
  std::int64_t expires_at = 0;
  std::int64_t read_at = 0;
};

std::mutex g_sessions_mu;
std::unordered_map<std::string, RememberedSession> g_sessions;  // by token hash

}  // namespace

std::optional<std::string> scope_path(store::Conn& c, ScopeType t, std::int64_t id) {
  std::optional<store::Row> row;
  switch (t) {
    case ScopeType::area: row = c.one("SELECT path FROM area WHERE id = ?", {id}); break;
    case ScopeType::org: row = c.one("SELECT path FROM party_org WHERE id = ?", {id}); break;
    case ScopeType::unit: row = c.one("SELECT area_path FROM unit WHERE id = ?", {id}); break;
    case ScopeType::member: row = c.one("SELECT org_path FROM member WHERE id = ?", {id}); break;
  }
  if (!row) return std::nullopt;
  return row->text(0);
}

std::optional<Principal> load_principal(store::Conn& c, std::int64_t account_id) {
  auto acc = c.one("SELECT id, username, display_name, disabled FROM account WHERE id = ?", {account_id});
  if (!acc || acc->integer(3) != 0) return std::nullopt;
  Principal p;
  p.account_id = acc->integer(0);
  p.username = acc->text(1);
  p.display_name = acc->text(2);
  auto rs = c.query(
      "SELECT b.role, b.scope_type, b.scope_id, "
      "  COALESCE(a.path, o.path, ''), COALESCE(a.name, o.name, u.name, m.name, '') "
      "FROM role_binding b "
      "LEFT JOIN area a ON b.scope_type = 'area' AND a.id = b.scope_id "
      "LEFT JOIN party_org o ON b.scope_type = 'org' AND o.id = b.scope_id "
      "LEFT JOIN unit u ON b.scope_type = 'unit' AND u.id = b.scope_id "
      "LEFT JOIN member m ON b.scope_type = 'member' AND m.id = b.scope_id "
      "WHERE b.account_id = ? ORDER BY b.id",
      {account_id});
  for (const auto& r : rs) {
    auto role = parse_role(r.text(0));
    auto type = parse_scope_type(r.text(1));
    if (!role || !type) continue;
    p.bindings.push_back(Binding{*role, *type, r.integer(2), r.text(3), r.text(4)});
  }
  return p;
}

std::optional<NewSession> login(App& app, const std::string& username, const std::string& password,
                                const std::string& ip) {
  auto acc = app.db.read([&](store::Conn& c) {
    return c.one("SELECT id, password_hash, disabled FROM account WHERE username = ?", {username});
  });
  // Hash even for unknown users so timing does not reveal which usernames exist.
  static const std::string kDummy = crypto::hash_password("not-a-real-password");
  const bool ok = acc ? crypto::verify_password(acc->text(1), password) && acc->integer(2) == 0
                      : (crypto::verify_password(kDummy, password), false);
  const std::int64_t now = app.now();
  if (!ok) {
    app.db.write([&](store::Conn& c) {
      audit::record(c, {now, username.substr(0, 64), acc ? std::optional(acc->integer(0)) : std::nullopt, ip,
                        "login_failed", "account", acc ? acc->text(0) : "", "", ""});
    });
    return std::nullopt;
  }
  NewSession s;
  s.token = crypto::random_token();
  s.csrf = crypto::random_token(24);
  const std::int64_t account_id = acc->integer(0);
  auto principal = app.db.write([&](store::Conn& c) {
    c.execute("INSERT INTO session (token_hash, account_id, csrf, created_at, last_seen, expires_at) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {token_hash(s.token), account_id, s.csrf, now, now, now + kSessionMaxSeconds});
    c.execute("DELETE FROM session WHERE expires_at < ? OR last_seen < ?", {now, now - kSessionIdleSeconds});
    audit::record(c, {now, username, account_id, ip, "login", "account", std::to_string(account_id), "", ""});
    return load_principal(c, account_id);
  });
  if (!principal) return std::nullopt;
  s.principal = std::move(*principal);
  s.principal.via_cookie = true;
  s.principal.csrf = s.csrf;
  return s;
}

void forget_principals() {
  std::lock_guard lock(g_sessions_mu);
  g_sessions.clear();
}

void logout(App& app, const std::string& token, const Principal& who, const std::string& ip) {
  app.db.write([&](store::Conn& c) {
    c.execute("DELETE FROM session WHERE token_hash = ?", {token_hash(token)});
    audit::record(c, {app.now(), who.username, who.account_id, ip, "logout", "account", std::to_string(who.account_id),
                      "", ""});
  });
  // After the delete has committed, so no request can remember the session again.
  forget_principals();
}

std::optional<Principal> authenticate(const http::Request& req, App& app) {
  const std::int64_t now = app.now();
  if (auto authz = req.header("authorization"); authz && authz->rfind("Bearer ", 0) == 0) {
    const std::string token = authz->substr(7);
    return app.db.read([&](store::Conn& c) -> std::optional<Principal> {
      auto row = c.one("SELECT account_id FROM api_token WHERE token_hash = ? AND revoked = 0", {token_hash(token)});
      if (!row) return std::nullopt;
      return load_principal(c, row->integer(0));
    });
  }
  const auto cookie = req.cookie(kSessionCookie);
  if (!cookie || cookie->empty() || cookie->size() > 128) return std::nullopt;
  const std::string hash = token_hash(*cookie);
  std::optional<RememberedSession> found;
  {
    std::lock_guard lock(g_sessions_mu);
    if (auto it = g_sessions.find(hash); it != g_sessions.end()) {
      if (now >= it->second.read_at && now - it->second.read_at < kPrincipalTtlSeconds) found = it->second;
      else g_sessions.erase(it);
    }
  }
  if (!found) {
    found = app.db.read([&](store::Conn& c) -> std::optional<RememberedSession> {
      auto row = c.one("SELECT account_id, csrf, last_seen, expires_at FROM session WHERE token_hash = ?", {hash});
      if (!row) return std::nullopt;
      auto p = load_principal(c, row->integer(0));
      if (!p) return std::nullopt;
      p->via_cookie = true;
      p->csrf = row->text(1);
      return RememberedSession{std::move(*p), row->integer(2), row->integer(3), now};
    });
    if (!found) return std::nullopt;
    std::lock_guard lock(g_sessions_mu);
    if (g_sessions.size() >= kPrincipalCacheLimit) g_sessions.clear();
    g_sessions[hash] = *found;
  }
  if (found->expires_at < now || found->last_seen < now - kSessionIdleSeconds) return std::nullopt;
  if (found->last_seen < now - kLastSeenGranularity) {
    app.db.write([&](store::Conn& c) { c.execute("UPDATE session SET last_seen = ? WHERE token_hash = ?", {now, hash}); });
    std::lock_guard lock(g_sessions_mu);
    if (auto it = g_sessions.find(hash); it != g_sessions.end()) it->second.last_seen = now;
  }
  return std::move(found->principal);
}

bool may_grant(store::Conn& c, const Principal& granter, const Grant& g) {
  const auto target = scope_path(c, g.scope_type, g.scope_id);
  if (!target) return false;
  // Area-bound targets are checked against area paths; org-, unit- and member-bound ones
  // against the org or area path their node hangs under.
  std::string target_area = *target;
  std::string target_org;
  if (g.scope_type == ScopeType::org) {
    auto r = c.one("SELECT area_path, path FROM party_org WHERE id = ?", {g.scope_id});
    target_area = r ? r->text(0) : "";
    target_org = r ? r->text(1) : "";
  } else if (g.scope_type == ScopeType::member) {
    auto r = c.one("SELECT area_path, org_path FROM member WHERE id = ?", {g.scope_id});
    target_area = r ? r->text(0) : "";
    target_org = r ? r->text(1) : "";
  }
  for (const auto& b : granter.bindings) {
    if (!allowed(b.role, Register::accounts, Action::write)) continue;
    if (b.scope_type == ScopeType::area && path_within(target_area, b.path)) return true;
    if (b.scope_type == ScopeType::org && !target_org.empty() && path_within(target_org, b.path)) return true;
  }
  return false;
}

std::int64_t create_account(store::Conn& c, const std::string& username, const std::string& display_name,
                            const std::string& password, const std::vector<Grant>& grants, std::int64_t now) {
  if (c.one("SELECT 1 FROM account WHERE username = ?", {username})) conflict("用户名已存在", "username");
  auto row = c.one(
      "INSERT INTO account (username, display_name, password_hash, created_at, password_changed_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {username, display_name, crypto::hash_password(password), now, now});
  const std::int64_t id = row->integer(0);
  for (const auto& g : grants) {
    c.execute("INSERT INTO role_binding (account_id, role, scope_type, scope_id) VALUES (?, ?, ?, ?)",
              {id, std::string(role_name(g.role)), std::string(scope_type_name(g.scope_type)), g.scope_id});
  }
  return id;
}

std::string create_api_token(store::Conn& c, std::int64_t account_id, const std::string& name, std::int64_t now) {
  const std::string token = "jct_" + crypto::random_token();
  c.execute("INSERT INTO api_token (token_hash, account_id, name, created_at) VALUES (?, ?, ?, ?)",
            {token_hash(token), account_id, name, now});
  return token;
}

}  // namespace jiceng::auth
