// Account administration: creating, listing, disabling and resetting accounts (`accounts`), and
// binding roles, unlocking and clearing second factors (`grants`). The three administrators'
// own accounts are managed only with `jiceng user` on the server.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "auth/routes.hpp"
#include "auth/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"

namespace jiceng::auth {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxRolesPerAccount = 20;
constexpr std::int64_t kDefaultPage = 50;
constexpr std::int64_t kMaxPage = 200;
// Accounts read at a time while a page is filled with those the caller may see.
constexpr std::int64_t kAccountsPerScan = 200;
constexpr char kAdminByCli[] = "三员账号只能由运维人员在服务器上用 jiceng user 命令管理";

// The county level: a binding to a root area ("/1/").
bool at_root(const core::Principal& who, core::Register reg) {
  return std::any_of(who.bindings.begin(), who.bindings.end(), [&](const core::Binding& b) {
    return core::allowed(b.role, reg, core::Action::write) && b.scope_type == core::ScopeType::area &&
           std::count(b.path.begin(), b.path.end(), '/') == 2;
  });
}

std::optional<Grant> parse_grant(const bj::object& o) {
  const auto role = core::parse_role(json::req_string(o, "role", 32));
  if (!role) bad_request("role", "未知角色");
  if (core::is_admin_role(*role)) bad_request("role", kAdminByCli);
  const auto id = json::opt_int(o, "scope_id");
  if (!id) bad_request("scope_id", "缺少授权范围 scope_id", "required");
  return Grant{*role, core::scope_type_for(*role), *id};
}

std::vector<Grant> parse_grants(const bj::object& body) {
  std::vector<Grant> out;
  const auto* roles = body.if_contains("roles");
  if (!roles || roles->is_null()) return out;
  if (!roles->is_array()) bad_request("roles", "角色格式错误");
  if (roles->as_array().size() > kMaxRolesPerAccount) bad_request("roles", "角色过多");
  for (const auto& v : roles->as_array()) {
    if (!v.is_object()) bad_request("roles", "角色格式错误");
    out.push_back(*parse_grant(v.as_object()));
  }
  return out;
}

// Out of reach is 404, as for any object outside the caller's scope: an account holding no role
// is reached from the county level; one holding roles, only when every role is bound inside the
// caller's subtree.
void require_manageable(store::Conn& c, const core::Principal& who, core::Register reg, std::int64_t account_id) {
  if (!c.one("SELECT 1 FROM account WHERE id = ?", {account_id})) not_found();
  auto bs = c.query("SELECT role, scope_id FROM role_binding WHERE account_id = ?", {account_id});
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

void audit_account(Ctx& ctx, store::Conn& c, const std::string& action, std::int64_t id,
                   const std::string& after = "") {
  audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, action, "account",
                    std::to_string(id), "", after});
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

http::Response post_account(Ctx& ctx) {
  if (!ctx.who().can(core::Register::accounts, core::Action::write)) forbidden();
  const auto body = json::parse_object(ctx.req.body);
  const auto username = json::req_string(body, "username", kMaxUsername);
  for (char c : username) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      bad_request("username", "用户名只能包含字母、数字、下划线、短横线和点");
    }
  }
  const auto display = json::req_string(body, "display_name", kMaxDisplayName);
  const auto password = json::req_string(body, "password", kMaxPassword);
  check_new_password(password, username, "password");
  const auto grants = parse_grants(body);
  if (!grants.empty() && !ctx.who().can(core::Register::grants, core::Action::write))
    forbidden("授予角色由安全管理员办理");
  if (grants.empty() && !at_root(ctx.who(), core::Register::accounts))
    bad_request("roles", "至少授予一个角色", "required");
  const auto id = ctx.app.db.write([&](store::Conn& c) {
    for (const auto& g : grants) {
      if (!may_grant(c, ctx.who(), g)) forbidden("只能在您自己的管辖范围内授予角色");
    }
    const auto id = create_account(c, username, display, password, grants, ctx.app.now());
    audit_account(ctx, c, "create", id, bj::serialize(bj::object{{"username", username}}));
    return id;
  });
  return json::respond(bj::object{{"id", id}, {"username", username}}, 201);
}

// Whether the caller sees an account: one of its roles is bound to a node inside an area the
// caller reads accounts over; an account holding no role, from the county level.
bool sees_account(const std::vector<std::string>& areas, bool sees_unbound, const std::vector<BoundBinding>& bound) {
  if (bound.empty()) return sees_unbound;
  return std::any_of(bound.begin(), bound.end(), [&](const BoundBinding& b) {
    return std::any_of(areas.begin(), areas.end(),
                       [&](const std::string& a) { return core::path_within(b.area_path, a); });
  });
}

bj::object account_json(const store::Row& r, const std::vector<BoundBinding>& bound, std::int64_t now) {
  std::vector<core::Binding> bindings;
  for (const auto& b : bound) {
    if (b.binding) bindings.push_back(*b.binding);
  }
  return bj::object{{"id", r.integer(0)},
                    {"username", r.text(1)},
                    {"display_name", r.text(2)},
                    {"disabled", r.integer(3) != 0},
                    {"locked", r.integer(4) > now},
                    {"locked_until", r.integer(4) > now ? bj::value(r.integer(4)) : bj::value(nullptr)},
                    {"must_change_password", r.integer(5) != 0},
                    {"totp_enabled", r.integer(6) != 0},
                    {"created_at", r.integer(7)},
                    {"roles", roles_json(bindings)}};
}

http::Response get_accounts(Ctx& ctx) {
  if (!ctx.who().can(core::Register::accounts, core::Action::read)) forbidden();
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto after = http::int_param(ctx.req, "after", 0, INT64_MAX / 2).value_or(0);
  std::vector<std::string> areas;
  for (const auto& b : ctx.who().bindings) {
    if (core::allowed(b.role, core::Register::accounts, core::Action::read) && b.scope_type == core::ScopeType::area)
      areas.push_back(b.path);
  }
  if (areas.empty()) forbidden();
  const bool sees_unbound = at_root(ctx.who(), core::Register::accounts) || at_root(ctx.who(), core::Register::grants);
  std::string sql =
      "SELECT a.id, a.username, a.display_name, a.disabled, a.locked_until, a.must_change_password, a.totp_enabled, "
      "a.created_at FROM account a WHERE a.id > ?";
  store::Params filter;
  if (auto q = ctx.req.param("q"); q && !q->empty()) {
    if (json::utf8_length(*q) > static_cast<long>(kMaxUsername)) bad_request("q", "搜索词过长", "too_long");
    sql += " AND (a.username LIKE ? ESCAPE '\\' OR a.display_name LIKE ? ESCAPE '\\')";
    filter.push_back(store::like_contains(*q));
    filter.push_back(store::like_contains(*q));
  }
  sql += " ORDER BY a.id LIMIT ?";
  const auto now = ctx.app.now();
  bj::array items;
  ctx.app.db.read([&](store::Conn& c) {
    // Accounts in id order, a batch at a time, with their bindings' areas looked up from the
    // modules that keep the nodes (one statement each a batch), until the page is full.
    for (std::int64_t cursor = after;;) {
      store::Params params{cursor};
      params.insert(params.end(), filter.begin(), filter.end());
      params.emplace_back(kAccountsPerScan);
      auto rs = c.query(sql, params);
      std::vector<std::int64_t> ids;
      for (const auto& r : rs) ids.push_back(r.integer(0));
      auto bound = bound_bindings_of(c, ids);  // disabled accounts included
      for (const auto& r : rs) {
        if (!sees_account(areas, sees_unbound, bound[r.integer(0)])) continue;
        items.push_back(account_json(r, bound[r.integer(0)], now));
        if (static_cast<std::int64_t>(items.size()) == limit) return;
      }
      if (static_cast<std::int64_t>(rs.size()) < kAccountsPerScan) return;
      cursor = rs.rows.back().integer(0);
    }
  });
  bj::value next = nullptr;
  if (static_cast<std::int64_t>(items.size()) == limit)
    next = std::to_string(items.back().as_object().at("id").as_int64());
  return json::respond(bj::object{{"items", std::move(items)}, {"next_cursor", next}});
}

// One administrative change to an account the caller may manage through `reg`.
template <typename Change>
http::Response change_account(Ctx& ctx, core::Register reg, const std::string& action, Change change) {
  if (!ctx.who().can(reg, core::Action::write)) forbidden();
  const auto id = ctx.id();
  if (id == ctx.who().account_id) forbidden("不能对本人账号执行此操作");
  ctx.app.db.write([&](store::Conn& c) {
    require_manageable(c, ctx.who(), reg, id);
    const auto after = change(c, id);
    audit_account(ctx, c, action, id, after);
  });
  forget_principals();
  return no_content();
}

http::Response post_disable(Ctx& ctx) {
  return change_account(ctx, core::Register::accounts, "disable", [](store::Conn& c, std::int64_t id) {
    disable_account(c, id);
    return std::string();
  });
}

http::Response post_enable(Ctx& ctx) {
  return change_account(ctx, core::Register::accounts, "enable", [](store::Conn& c, std::int64_t id) {
    enable_account(c, id);
    return std::string();
  });
}

http::Response post_reset_password(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto password = json::req_string(body, "password", kMaxPassword);
  if (!ctx.who().can(core::Register::accounts, core::Action::write)) forbidden();
  // Reach first, so the password rule says nothing about accounts outside the caller's scope;
  // the slow hash then runs outside the writer.
  ctx.app.db.read([&](store::Conn& c) {
    require_manageable(c, ctx.who(), core::Register::accounts, ctx.id());
    check_new_password(password, c.one("SELECT username FROM account WHERE id = ?", {ctx.id()})->text(0), "password");
  });
  const auto hash = crypto::hash_password(password);
  return change_account(ctx, core::Register::accounts, "password_reset", [&](store::Conn& c, std::int64_t id) {
    set_password_by_admin(c, id, hash, ctx.app.now());
    return std::string();
  });
}

http::Response post_unlock(Ctx& ctx) {
  return change_account(ctx, core::Register::grants, "unlock", [](store::Conn& c, std::int64_t id) {
    unlock_account(c, id);
    return std::string();
  });
}

http::Response post_totp_reset(Ctx& ctx) {
  return change_account(ctx, core::Register::grants, "totp_reset", [](store::Conn& c, std::int64_t id) {
    reset_totp(c, id);
    return std::string();
  });
}

http::Response post_role(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto g = *parse_grant(body);
  std::int64_t binding = 0;
  auto resp = change_account(ctx, core::Register::grants, "grant", [&](store::Conn& c, std::int64_t id) {
    if (!may_grant(c, ctx.who(), g)) forbidden("只能在您自己的管辖范围内授予角色");
    if (c.scalar("SELECT COUNT(*) FROM role_binding WHERE account_id = ?", {id}) >=
        static_cast<std::int64_t>(kMaxRolesPerAccount)) {
      bad_request("role", "角色过多");
    }
    if (c.one("SELECT 1 FROM role_binding WHERE account_id = ? AND role = ? AND scope_id = ?",
              {id, std::string(core::role_name(g.role)), g.scope_id})) {
      conflict("该账号已有此角色", "role");
    }
    binding =
        c.one("INSERT INTO role_binding (account_id, role, scope_type, scope_id) VALUES (?, ?, ?, ?) RETURNING id",
              {id, std::string(core::role_name(g.role)), std::string(core::scope_type_name(g.scope_type)), g.scope_id})
            ->integer(0);
    return bj::serialize(bj::object{{"role", core::role_name(g.role)}, {"scope_id", g.scope_id}});
  });
  return json::respond(bj::object{{"id", binding}, {"role", core::role_name(g.role)}, {"scope_id", g.scope_id}}, 201);
}

http::Response delete_role(Ctx& ctx) {
  const auto binding = ctx.id("binding_id");
  return change_account(ctx, core::Register::grants, "revoke", [&](store::Conn& c, std::int64_t id) {
    auto row = c.one("SELECT role, scope_id FROM role_binding WHERE id = ? AND account_id = ?", {binding, id});
    if (!row) not_found();
    c.execute("DELETE FROM role_binding WHERE id = ?", {binding});
    return bj::serialize(bj::object{{"role", row->text(0)}, {"scope_id", row->integer(1)}});
  });
}

}  // namespace

void register_account_routes(Router& r) {
  r.add("GET", "/api/v1/accounts", Access::authenticated, "accounts", "管辖范围内的账号（q 按用户名或姓名搜索）",
        get_accounts);
  r.add("POST", "/api/v1/accounts", Access::authenticated, "accounts",
        "新建账号（初始密码须在首次登录时修改）；授予角色需安全管理权限", post_account);
  r.add("POST", "/api/v1/accounts/{id}/disable", Access::authenticated, "accounts", "停用账号并结束其会话",
        post_disable);
  r.add("POST", "/api/v1/accounts/{id}/enable", Access::authenticated, "accounts", "启用账号", post_enable);
  r.add("POST", "/api/v1/accounts/{id}/password", Access::authenticated, "accounts", "重置密码（下次登录须修改）",
        post_reset_password);
  r.add("POST", "/api/v1/accounts/{id}/roles", Access::authenticated, "accounts", "在管辖范围内授予角色", post_role);
  r.add("DELETE", "/api/v1/accounts/{id}/roles/{binding_id}", Access::authenticated, "accounts", "收回角色",
        delete_role);
  r.add("POST", "/api/v1/accounts/{id}/unlock", Access::authenticated, "accounts", "解除登录失败锁定", post_unlock);
  r.add("POST", "/api/v1/accounts/{id}/totp-reset", Access::authenticated, "accounts", "清除动态码（用户更换手机时）",
        post_totp_reset);
}

}  // namespace jiceng::auth
