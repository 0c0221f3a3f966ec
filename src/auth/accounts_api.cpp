// Account administration: creating, listing, disabling and resetting accounts (`accounts`), and
// binding roles, unlocking and clearing second factors (`grants`). The three administrators'
// own accounts are managed only with `jiceng user` on the server.
#include <boost/json.hpp>

#include "auth/accounts.hpp"
#include "auth/routes.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"

namespace jiceng::auth {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kDefaultPage = 50;
constexpr std::int64_t kMaxPage = 200;

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

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

http::Response post_account(Ctx& ctx) {
  if (!ctx.who().can(core::Register::accounts, core::Action::write)) forbidden();
  const auto body = json::parse_object(ctx.req.body);
  NewAccount a;
  a.username = json::req_string(body, "username", kMaxUsername);
  for (char c : a.username) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      bad_request("username", "用户名只能包含字母、数字、下划线、短横线和点");
    }
  }
  a.display_name = json::req_string(body, "display_name", kMaxDisplayName);
  a.password = json::req_string(body, "password", kMaxPassword);
  check_new_password(a.password, a.username, "password");
  a.grants = parse_grants(body);
  if (!a.grants.empty() && !ctx.who().can(core::Register::grants, core::Action::write))
    forbidden("授予角色由安全管理员办理");
  if (a.grants.empty() && !at_root(ctx.who(), core::Register::accounts))
    bad_request("roles", "至少授予一个角色", "required");
  const auto id = add_account(ctx.app, ctx.who(), a, ctx.req.client_ip);
  return json::respond(bj::object{{"id", id}, {"username", a.username}}, 201);
}

bj::object account_json(const AccountLine& a, std::int64_t now) {
  return bj::object{{"id", a.id},
                    {"username", a.username},
                    {"display_name", a.display_name},
                    {"disabled", a.disabled},
                    {"locked", a.locked_until > now},
                    {"locked_until", a.locked_until > now ? bj::value(a.locked_until) : bj::value(nullptr)},
                    {"must_change_password", a.must_change_password},
                    {"totp_enabled", a.totp_enabled},
                    {"created_at", a.created_at},
                    {"roles", roles_json(a.roles)}};
}

http::Response get_accounts(Ctx& ctx) {
  if (!ctx.who().can(core::Register::accounts, core::Action::read)) forbidden();
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto after = http::int_param(ctx.req, "after", 0, INT64_MAX / 2).value_or(0);
  const auto reach = account_reach(ctx.who());
  if (reach.areas.empty()) forbidden();
  const auto q = ctx.req.param("q").value_or("");
  if (json::utf8_length(q) > static_cast<long>(kMaxUsername)) bad_request("q", "搜索词过长", "too_long");
  const auto now = ctx.app.now();
  bj::array items;
  for (const auto& a : list_accounts(ctx.app, reach, q, after, limit)) items.push_back(account_json(a, now));
  bj::value next = nullptr;
  if (static_cast<std::int64_t>(items.size()) == limit)
    next = std::to_string(items.back().as_object().at("id").as_int64());
  return json::respond(bj::object{{"items", std::move(items)}, {"next_cursor", next}});
}

// The account a change names, once the caller may make changes through `reg`.
std::int64_t account_to_change(Ctx& ctx, core::Register reg) {
  if (!ctx.who().can(reg, core::Action::write)) forbidden();
  return ctx.id();
}

http::Response post_change(Ctx& ctx, AccountChange change) {
  change_account(ctx.app, ctx.who(), change, account_to_change(ctx, register_of(change)), ctx.req.client_ip);
  return no_content();
}

http::Response post_disable(Ctx& ctx) { return post_change(ctx, AccountChange::disable); }
http::Response post_enable(Ctx& ctx) { return post_change(ctx, AccountChange::enable); }
http::Response post_unlock(Ctx& ctx) { return post_change(ctx, AccountChange::unlock); }
http::Response post_totp_reset(Ctx& ctx) { return post_change(ctx, AccountChange::totp_reset); }

http::Response post_reset_password(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto password = json::req_string(body, "password", kMaxPassword);
  reset_password(ctx.app, ctx.who(), account_to_change(ctx, core::Register::accounts), password, ctx.req.client_ip);
  return no_content();
}

http::Response post_role(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto g = *parse_grant(body);
  const auto binding =
      grant_role(ctx.app, ctx.who(), account_to_change(ctx, core::Register::grants), g, ctx.req.client_ip);
  return json::respond(bj::object{{"id", binding}, {"role", core::role_name(g.role)}, {"scope_id", g.scope_id}}, 201);
}

http::Response delete_role(Ctx& ctx) {
  const auto binding = ctx.id("binding_id");
  revoke_role(ctx.app, ctx.who(), account_to_change(ctx, core::Register::grants), binding, ctx.req.client_ip);
  return no_content();
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
