#include "auth/service.hpp"

#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <unordered_map>

#include "audit/audit.hpp"
#include "auth/password_policy.hpp"
#include "auth/queries.hpp"
#include "core/errors.hpp"
#include "crypto/crypto.hpp"
#include "crypto/totp.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/lookups.hpp"

namespace jiceng::auth {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kLastSeenGranularity = 60;
// How long a remembered session principal serves before the session row is read again; bounds
// how late this process sees a change another process made (a disabled account, a new role).
constexpr std::int64_t kPrincipalTtlSeconds = 5;
constexpr std::size_t kPrincipalCacheLimit = 50000;

std::string token_hash(const std::string& token) { return crypto::sm3_hex(token); }

struct RememberedSession final {
  core::Principal principal;
  std::int64_t last_seen = 0;
  std::int64_t expires_at = 0;
  std::int64_t read_at = 0;
  std::uint64_t generation = 0;  // core::principals_generation() before it was read
};

std::mutex g_sessions_mu;
std::unordered_map<std::string, RememberedSession> g_sessions;  // by token hash

}  // namespace

std::optional<std::string> scope_path(store::Conn& c, core::ScopeType t, std::int64_t id) {
  const std::span<const std::int64_t> one(&id, 1);
  switch (t) {
    case core::ScopeType::area: {
      auto area = orgs::area_by_id(c, id);
      if (!area) return std::nullopt;
      return area->path;
    }
    case core::ScopeType::org: {
      auto org = orgs::org_paths_by_id(c, id);
      if (!org) return std::nullopt;
      return org->path;
    }
    case core::ScopeType::unit: {
      auto units = orgs::units_by_ids(c, one);
      if (units.empty()) return std::nullopt;
      return units.begin()->second.area_path;
    }
    case core::ScopeType::member: {
      auto members = people::members_by_ids(c, one);
      if (members.empty()) return std::nullopt;
      return members.begin()->second.org_path;
    }
  }
  return std::nullopt;
}

namespace {

struct BindingRow final {
  std::int64_t account_id = 0;
  std::string role, scope_type;
  std::int64_t scope_id = 0;
};

// The node a binding names, as the module that keeps it has it.
struct BoundNode final {
  std::string path;  // an area's or an organisation's own path; empty for units and members
  std::string name;
  std::string area_path;
};

// The nodes of these bindings: one lookup per kind of node, whatever their number.
std::map<std::pair<std::string, std::int64_t>, BoundNode> bound_nodes(store::Conn& c,
                                                                      const std::vector<BindingRow>& rows) {
  std::map<std::string, std::vector<std::int64_t>> ids;
  for (const auto& r : rows) ids[r.scope_type].push_back(r.scope_id);
  std::map<std::pair<std::string, std::int64_t>, BoundNode> out;
  if (ids.count("area")) {
    for (auto& [id, a] : orgs::areas_by_ids(c, ids["area"])) out[{"area", id}] = {a.path, a.name, a.path};
  }
  if (ids.count("org")) {
    for (auto& [id, o] : orgs::orgs_by_ids(c, ids["org"])) out[{"org", id}] = {o.path, o.name, o.area_path};
  }
  if (ids.count("unit")) {
    for (auto& [id, u] : orgs::units_by_ids(c, ids["unit"])) out[{"unit", id}] = {"", u.name, u.area_path};
  }
  if (ids.count("member")) {
    for (auto& [id, m] : people::members_by_ids(c, ids["member"])) out[{"member", id}] = {"", m.name, m.area_path};
  }
  return out;
}

}  // namespace

std::map<std::int64_t, std::vector<BoundBinding>> bound_bindings_of(store::Conn& c,
                                                                    const std::vector<std::int64_t>& account_ids) {
  std::map<std::int64_t, std::vector<BoundBinding>> out;
  if (account_ids.empty()) return out;
  store::Params params(account_ids.begin(), account_ids.end());
  std::vector<BindingRow> rows;
  // The nodes they name are looked up from their modules.
  for (const auto& r :
       c.query(sql::kBindingsOf + store::placeholders(account_ids.size()) + sql::kBindingsOfTail, params)) {
    rows.push_back({r.integer(0), r.text(1), r.text(2), r.integer(3)});
  }
  const auto nodes = bound_nodes(c, rows);
  for (const auto& r : rows) {
    const auto node = nodes.find({r.scope_type, r.scope_id});
    const BoundNode none;
    const auto& n = node == nodes.end() ? none : node->second;
    BoundBinding b;
    b.area_path = n.area_path;
    const auto role = core::parse_role(r.role);
    const auto type = core::parse_scope_type(r.scope_type);
    if (role && type) b.binding = core::Binding{*role, *type, r.scope_id, n.path, n.name};
    out[r.account_id].push_back(std::move(b));
  }
  return out;
}

std::map<std::int64_t, std::vector<core::Binding>> bindings_of(store::Conn& c,
                                                               const std::vector<std::int64_t>& account_ids) {
  std::map<std::int64_t, std::vector<core::Binding>> out;
  for (auto& [account, bound] : bound_bindings_of(c, account_ids)) {
    for (auto& b : bound) {
      if (b.binding) out[account].push_back(std::move(*b.binding));
    }
  }
  return out;
}

std::optional<core::Principal> load_principal(store::Conn& c, std::int64_t account_id, int password_max_age_days,
                                              std::int64_t now) {
  auto acc = c.one(sql::kPrincipal, {account_id});
  if (!acc || acc->integer(3) != 0) return std::nullopt;
  core::Principal p;
  p.account_id = acc->integer(0);
  p.username = acc->text(1);
  p.display_name = acc->text(2);
  if (acc->integer(4) != 0)
    p.password_change = "first_login";
  else if (password_expired(acc->integer(5), now, password_max_age_days))
    p.password_change = "expired";
  p.totp_enabled = acc->integer(6) != 0;
  p.bindings = std::move(bindings_of(c, {account_id})[account_id]);
  return p;
}

void check_new_password(const std::string& password, const std::string& username, const std::string& field) {
  if (auto problem = password_problem(password, username)) bad_request(field, *problem, "weak_password");
}

namespace {

struct LoginRow final {
  std::int64_t id = 0;
  std::string hash;
  bool disabled = false;
  int failed = 0;
  std::int64_t locked_until = 0;
  std::string totp_secret_enc;
  bool totp_enabled = false;
  std::int64_t totp_last_step = 0;
};

// `query` is sql::kLoginByUsername or sql::kLoginById.
std::optional<LoginRow> login_row(store::Conn& c, const char* query, const store::Value& key) {
  auto r = c.one(query, {key});
  if (!r) return std::nullopt;
  return LoginRow{r->integer(0), r->text(1), r->integer(2) != 0, static_cast<int>(r->integer(3)),
                  r->integer(4), r->text(5), r->integer(6) != 0, r->integer(7)};
}

[[noreturn]] void throw_locked(std::int64_t until, std::int64_t now) {
  const auto seconds = std::max<std::int64_t>(until - now, 1);
  const auto minutes = (seconds + 59) / 60;
  throw ApiError(423, "account_locked",
                 "连续 5 次登录失败，账号已锁定，请 " + std::to_string(minutes) + " 分钟后再试，或联系安全管理员解锁",
                 "", static_cast<int>(seconds));
}

// Counts a failed proof of identity (password or code) against the account, locking it on the
// fifth, and audits it. Returns the time the account is now locked until (0: not locked).
// `now` is the caller's, so the lock's end and the minutes it reports come from one clock reading.
std::int64_t record_failure(App& app, const std::string& username, const std::optional<LoginRow>& acc,
                            const std::string& ip, const std::string& why, std::int64_t now) {
  return app.db.write([&](store::Conn& c) -> std::int64_t {
    std::int64_t until = 0;
    if (acc) {
      // Read again inside the writer: concurrent failures must all count.
      const auto failed = c.one(sql::kFailedLogins, {acc->id})->integer(0) + 1;
      until = locked_until_after_failure(static_cast<int>(failed), now);
      c.execute(sql::kCountFailure, {failed, until, acc->id});
    }
    const std::optional<std::int64_t> id = acc ? std::optional(acc->id) : std::nullopt;
    audit::record(c, {now, username.substr(0, 64), id, ip, "login_failed", "account",
                      acc ? std::to_string(acc->id) : "", "", why});
    if (until) audit::record(c, {now, "system", std::nullopt, ip, "lock", "account", std::to_string(acc->id), "", ""});
    return until;
  });
}

}  // namespace

NewSession login(App& app, const LoginAttempt& in) {
  const std::int64_t now = app.now();
  auto acc = app.db.read([&](store::Conn& c) { return login_row(c, sql::kLoginByUsername, in.username); });
  // A locked account is not even checked, so guessing cannot go on while it is locked.
  if (acc && acc->locked_until > now) {
    app.db.write([&](store::Conn& c) {
      audit::record(c, {now, in.username.substr(0, 64), acc->id, in.ip, "login_failed", "account",
                        std::to_string(acc->id), "", "locked"});
    });
    throw_locked(acc->locked_until, now);
  }
  // Hash even for unknown users so timing does not reveal which usernames exist.
  static const std::string kDummy = crypto::hash_password("not-a-real-password");
  const bool password_ok =
      acc ? crypto::verify_password(acc->hash, in.password) : (crypto::verify_password(kDummy, in.password), false);
  auto refuse = [&](const std::string& why, ApiError error) {
    if (const auto until = record_failure(app, in.username, acc, in.ip, why, now)) throw_locked(until, now);
    throw error;
  };
  const ApiError bad_credentials(401, "bad_credentials", "用户名或密码错误", "password");
  if (!password_ok) refuse("password", bad_credentials);
  if (acc->disabled) refuse("disabled", bad_credentials);
  std::int64_t step = acc->totp_last_step;
  if (acc->totp_enabled) {
    if (in.totp.empty()) throw ApiError(401, "totp_required", "请输入身份验证器上的 6 位动态码", "totp");
    const auto matched = crypto::totp_match(app.cipher.decrypt(acc->totp_secret_enc), in.totp, now);
    if (!matched || *matched <= acc->totp_last_step) {
      refuse("totp", ApiError(401, "bad_totp", "动态码不正确或已使用过", "totp"));
    }
    step = *matched;
  }
  NewSession s;
  s.token = crypto::random_token();
  s.csrf = crypto::random_token(24);
  auto principal = app.db.write([&](store::Conn& c) {
    // Two logins racing with one code: only the first to commit may use it.
    if (acc->totp_enabled && c.one(sql::kTotpLastStep, {acc->id})->integer(0) >= step) {
      throw ApiError(401, "bad_totp", "动态码不正确或已使用过", "totp");
    }
    c.execute(sql::kLoggedIn, {step, acc->id});
    c.execute(sql::kInsertSession, {token_hash(s.token), acc->id, s.csrf, now, now, now + kSessionMaxSeconds});
    c.execute(sql::kDeleteStaleSessions, {now, now - kSessionIdleSeconds});
    audit::record(c, {now, in.username, acc->id, in.ip, "login", "account", std::to_string(acc->id), "", ""});
    return load_principal(c, acc->id, app.password_max_age_days, now);
  });
  if (!principal) throw bad_credentials;
  s.principal = std::move(*principal);
  s.principal.via_cookie = true;
  s.principal.csrf = s.csrf;
  return s;
}

void end_sessions(store::Conn& c, std::int64_t account_id) {
  c.execute(sql::kDeleteSessionsOf, {account_id});
  forget_principals();
}

void change_password(App& app, const core::Principal& who, const std::string& current, const std::string& next,
                     const std::string& keep_token, const std::string& ip) {
  auto acc = app.db.read([&](store::Conn& c) { return login_row(c, sql::kLoginById, who.account_id); });
  if (!acc) throw ApiError(401, "unauthenticated", "请先登录");
  if (!crypto::verify_password(acc->hash, current)) {
    const auto now = app.now();
    if (const auto until = record_failure(app, who.username, acc, ip, "password_change", now)) {
      app.db.write([&](store::Conn& c) { end_sessions(c, who.account_id); });
      throw_locked(until, now);
    }
    bad_request("current_password", "当前密码不正确", "bad_credentials");
  }
  check_new_password(next, who.username, "new_password");
  if (crypto::verify_password(acc->hash, next)) bad_request("new_password", "新密码不能与当前密码相同");
  const auto hash = crypto::hash_password(next);
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    c.execute(sql::kSetOwnPassword, {hash, now, who.account_id});
    // A stolen session must not outlive the password it was opened with.
    c.execute(sql::kDeleteOtherSessions, {who.account_id, token_hash(keep_token)});
    audit::record(c, {now, who.username, who.account_id, ip, "password_change", "account",
                      std::to_string(who.account_id), "", ""});
  });
  forget_principals();
}

std::string begin_totp(App& app, const core::Principal& who) {
  if (who.totp_enabled) conflict("已开启动态码验证；如需更换，请先关闭");
  const std::string secret = crypto::random_bytes(crypto::kTotpSecretBytes);
  app.db.write([&](store::Conn& c) { c.execute(sql::kSetPendingTotp, {app.cipher.encrypt(secret), who.account_id}); });
  return secret;
}

void confirm_totp(App& app, const core::Principal& who, const std::string& code, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    auto acc = login_row(c, sql::kLoginById, who.account_id);
    if (!acc || acc->totp_secret_enc.empty()) conflict("请先生成动态码密钥");
    if (acc->totp_enabled) conflict("已开启动态码验证");
    const auto step = crypto::totp_match(app.cipher.decrypt(acc->totp_secret_enc), code, now);
    if (!step) bad_request("code", "动态码不正确，请核对手机时间后重试");
    c.execute(sql::kEnableTotp, {*step, who.account_id});
    audit::record(
        c, {now, who.username, who.account_id, ip, "totp_enable", "account", std::to_string(who.account_id), "", ""});
  });
  forget_principals();
}

void disable_totp(App& app, const core::Principal& who, const std::string& password, const std::string& ip) {
  auto acc = app.db.read([&](store::Conn& c) { return login_row(c, sql::kLoginById, who.account_id); });
  if (!acc || !crypto::verify_password(acc->hash, password)) {
    const auto now = app.now();
    if (const auto until = record_failure(app, who.username, acc, ip, "totp_disable", now)) throw_locked(until, now);
    bad_request("password", "密码不正确", "bad_credentials");
  }
  app.db.write([&](store::Conn& c) {
    c.execute(sql::kClearTotp, {who.account_id});
    audit::record(c, {app.now(), who.username, who.account_id, ip, "totp_disable", "account",
                      std::to_string(who.account_id), "", ""});
  });
  forget_principals();
}

void forget_principals() {
  core::principals_changed();
  std::lock_guard lock(g_sessions_mu);
  g_sessions.clear();
}

void logout(App& app, const std::string& token, const core::Principal& who, const std::string& ip) {
  app.db.write([&](store::Conn& c) {
    c.execute(sql::kDeleteSession, {token_hash(token)});
    audit::record(
        c, {app.now(), who.username, who.account_id, ip, "logout", "account", std::to_string(who.account_id), "", ""});
  });
  // After the delete has committed, so no request can remember the session again.
  forget_principals();
}

std::optional<core::Principal> authenticate(const http::Request& req, App& app) {
  const std::int64_t now = app.now();
  if (auto authz = req.header("authorization"); authz && authz->rfind("Bearer ", 0) == 0) {
    const std::string token = authz->substr(7);
    return app.db.read([&](store::Conn& c) -> std::optional<core::Principal> {
      auto row = c.one(sql::kApiTokenAccount, {token_hash(token)});
      if (!row) return std::nullopt;
      auto p = load_principal(c, row->integer(0), app.password_max_age_days, now);
      // Integration tokens never log in with the password, so its age does not hold them up.
      if (p) p->password_change.clear();
      return p;
    });
  }
  const auto cookie = req.cookie(kSessionCookie);
  if (!cookie || cookie->empty() || cookie->size() > 128) return std::nullopt;
  const std::string hash = token_hash(*cookie);
  std::optional<RememberedSession> found;
  {
    std::lock_guard lock(g_sessions_mu);
    if (auto it = g_sessions.find(hash); it != g_sessions.end()) {
      if (it->second.generation == core::principals_generation() && now >= it->second.read_at &&
          now - it->second.read_at < kPrincipalTtlSeconds)
        found = it->second;
      else
        g_sessions.erase(it);
    }
  }
  if (!found) {
    const auto generation = core::principals_generation();
    found = app.db.read([&](store::Conn& c) -> std::optional<RememberedSession> {
      auto row = c.one(sql::kSessionByToken, {hash});
      if (!row) return std::nullopt;
      auto p = load_principal(c, row->integer(0), app.password_max_age_days, now);
      if (!p) return std::nullopt;
      p->via_cookie = true;
      p->csrf = row->text(1);
      return RememberedSession{std::move(*p), row->integer(2), row->integer(3), now, generation};
    });
    if (!found) return std::nullopt;
    std::lock_guard lock(g_sessions_mu);
    if (g_sessions.size() >= kPrincipalCacheLimit) g_sessions.clear();
    g_sessions[hash] = *found;
  }
  if (found->expires_at < now || found->last_seen < now - kSessionIdleSeconds) return std::nullopt;
  if (found->last_seen < now - kLastSeenGranularity) {
    app.db.write([&](store::Conn& c) { c.execute(sql::kTouchSession, {now, hash}); });
    std::lock_guard lock(g_sessions_mu);
    if (auto it = g_sessions.find(hash); it != g_sessions.end()) it->second.last_seen = now;
  }
  return std::move(found->principal);
}

bool may_grant(store::Conn& c, const core::Principal& granter, const Grant& g, core::Register reg) {
  const auto target = scope_path(c, g.scope_type, g.scope_id);
  if (!target) return false;
  // Area-bound targets are checked against area paths; org-, unit- and member-bound ones
  // against the org or area path their node hangs under.
  std::string target_area = *target;
  std::string target_org;
  if (g.scope_type == core::ScopeType::org) {
    const auto org = orgs::org_paths_by_id(c, g.scope_id);
    target_area = org ? org->area_path : "";
    target_org = org ? org->path : "";
  } else if (g.scope_type == core::ScopeType::member) {
    const auto members = people::members_by_ids(c, std::span(&g.scope_id, 1));
    target_area = members.empty() ? "" : members.begin()->second.area_path;
    target_org = members.empty() ? "" : members.begin()->second.org_path;
  }
  for (const auto& b : granter.bindings) {
    if (!core::allowed(b.role, reg, core::Action::write)) continue;
    if (b.scope_type == core::ScopeType::area && core::path_within(target_area, b.path)) return true;
    if (b.scope_type == core::ScopeType::org && !target_org.empty() && core::path_within(target_org, b.path))
      return true;
  }
  return false;
}

std::int64_t create_account(store::Conn& c, const std::string& username, const std::string& display_name,
                            const std::string& password, const std::vector<Grant>& grants, std::int64_t now) {
  if (c.one(sql::kUsernameTaken, {username})) conflict("用户名已存在", "username");
  auto row = c.one(sql::kInsertAccount, {username, display_name, crypto::hash_password(password), now, now});
  const std::int64_t id = row->integer(0);
  for (const auto& g : grants) {
    c.execute(sql::kInsertBinding,
              {id, std::string(core::role_name(g.role)), std::string(core::scope_type_name(g.scope_type)), g.scope_id});
  }
  return id;
}

std::optional<std::int64_t> account_id_of(store::Conn& c, const std::string& username) {
  auto row = c.one(sql::kAccountIdByUsername, {username});
  if (!row) return std::nullopt;
  return row->integer(0);
}

void disable_account(store::Conn& c, std::int64_t account_id) {
  c.execute(sql::kDisable, {account_id});
  end_sessions(c, account_id);
}

void enable_account(store::Conn& c, std::int64_t account_id) { c.execute(sql::kEnable, {account_id}); }

void unlock_account(store::Conn& c, std::int64_t account_id) { c.execute(sql::kUnlock, {account_id}); }

void reset_totp(store::Conn& c, std::int64_t account_id) {
  c.execute(sql::kClearTotp, {account_id});
  end_sessions(c, account_id);
}

void set_password_by_admin(store::Conn& c, std::int64_t account_id, const std::string& password_hash,
                           std::int64_t now) {
  c.execute(sql::kSetPasswordByAdmin, {password_hash, now, account_id});
  end_sessions(c, account_id);
}

std::string create_api_token(App& app, const core::Principal& who, const std::string& name, const std::string& ip) {
  const std::string token = "jct_" + crypto::random_token();
  app.db.write([&](store::Conn& c) {
    c.execute(sql::kInsertApiToken, {token_hash(token), who.account_id, name, app.now()});
    audit::record(c, {app.now(), who.username, who.account_id, ip, "create", "api_token", "", "",
                      bj::serialize(bj::object{{"name", name}})});
  });
  return token;
}

// For co-governance (see service.hpp).
std::optional<std::int64_t> household_of(store::Conn& c, std::int64_t account_id) {
  auto r = c.one(sql::kHouseholdOf, {account_id});
  if (!r) return std::nullopt;
  return r->opt_integer(0);
}

// ---- For appeals ----

std::unordered_map<std::int64_t, std::string> display_names(store::Conn& c, std::span<const std::int64_t> ids) {
  std::unordered_map<std::int64_t, std::string> out;
  for (const auto& r : store::query_ids(c, sql::kDisplayNames, ids)) out.emplace(r.integer(0), r.text(1));
  return out;
}

std::unordered_set<std::int64_t> active_accounts(store::Conn& c, std::span<const std::int64_t> ids) {
  std::unordered_set<std::int64_t> out;
  for (const auto& r : store::query_ids(c, sql::kActiveAccounts, ids)) out.insert(r.integer(0));
  return out;
}

std::vector<AreaStaff> area_staff(store::Conn& c, std::span<const std::int64_t> area_ids,
                                  std::span<const core::Role> roles) {
  std::vector<AreaStaff> out;
  if (area_ids.empty() || roles.empty()) return out;
  store::Params params;
  for (auto role : roles) params.emplace_back(std::string(core::role_name(role)));
  params.insert(params.end(), area_ids.begin(), area_ids.end());
  const auto query = sql::kAreaStaff + store::placeholders(roles.size()) + sql::kAreaStaffIn +
                     store::placeholders(area_ids.size()) + sql::kAreaStaffOrder;
  for (const auto& r : c.query(query, params)) {
    if (auto role = core::parse_role(r.text(2))) out.push_back({r.integer(0), r.text(1), *role, r.integer(3)});
  }
  return out;
}

}  // namespace jiceng::auth
