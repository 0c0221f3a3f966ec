// Session, account and audit routes.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "auth/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/modules.hpp"

namespace jiceng::auth {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxUsername = 64;
constexpr std::size_t kMaxPassword = 128;
constexpr std::size_t kMaxDisplayName = 64;
constexpr std::size_t kMinPassword = 8;
constexpr std::int64_t kMaxPage = 200;

bj::object account_json(const Principal& p) {
  bj::array roles;
  for (const auto& b : p.bindings) {
    roles.push_back(bj::object{{"role", role_name(b.role)},
                               {"role_label", role_label(b.role)},
                               {"scope_type", scope_type_name(b.scope_type)},
                               {"scope_id", b.scope_id},
                               {"scope_name", b.scope_name}});
  }
  bj::array menus;
  for (auto& m : menus_for(p.roles())) menus.emplace_back(m);
  return bj::object{{"id", p.account_id},
                    {"username", p.username},
                    {"display_name", p.display_name},
                    {"roles", std::move(roles)},
                    {"menus", std::move(menus)}};
}

std::string session_cookie(const std::string& value, bool secure, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

http::Response post_session(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto username = json::req_string(body, "username", kMaxUsername);
  const auto password = json::req_string(body, "password", kMaxPassword);
  auto s = login(ctx.app, username, password, ctx.req.client_ip);
  if (!s) throw ApiError(401, "bad_credentials", "用户名或密码错误", "password");
  auto resp = json::respond(bj::object{{"account", account_json(s->principal)}, {"csrf_token", s->csrf}});
  resp.set_header("Set-Cookie", session_cookie(s->token, ctx.app.secure_cookies, false));
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response get_session(Ctx& ctx) {
  auto resp = json::respond(bj::object{{"account", account_json(ctx.who())}, {"csrf_token", ctx.who().csrf}});
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response delete_session(Ctx& ctx) {
  if (auto cookie = ctx.req.cookie(kSessionCookie)) logout(ctx.app, *cookie, ctx.who(), ctx.req.client_ip);
  http::Response resp;
  resp.status = 204;
  resp.set_header("Set-Cookie", session_cookie("", ctx.app.secure_cookies, true));
  return resp;
}

std::vector<Grant> parse_grants(const bj::object& body) {
  const auto* roles = body.if_contains("roles");
  if (!roles || !roles->is_array() || roles->as_array().empty()) bad_request("roles", "至少授予一个角色", "required");
  if (roles->as_array().size() > 20) bad_request("roles", "角色过多");
  std::vector<Grant> out;
  for (const auto& v : roles->as_array()) {
    if (!v.is_object()) bad_request("roles", "角色格式错误");
    const auto& o = v.as_object();
    const auto role = parse_role(json::req_string(o, "role", 32));
    if (!role) bad_request("roles", "未知角色");
    const auto id = json::opt_int(o, "scope_id");
    if (!id) bad_request("roles", "缺少授权范围 scope_id", "required");
    out.push_back(Grant{*role, scope_type_for(*role), *id});
  }
  return out;
}

http::Response post_account(Ctx& ctx) {
  if (!ctx.who().can(Register::accounts, Action::write)) forbidden();
  const auto body = json::parse_object(ctx.req.body);
  const auto username = json::req_string(body, "username", kMaxUsername);
  for (char c : username) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      bad_request("username", "用户名只能包含字母、数字、下划线、短横线和点");
    }
  }
  const auto display = json::req_string(body, "display_name", kMaxDisplayName);
  const auto password = json::req_string(body, "password", kMaxPassword);
  if (password.size() < kMinPassword) bad_request("password", "密码至少 8 个字符");
  const auto grants = parse_grants(body);
  const auto id = ctx.app.db.write([&](store::Conn& c) {
    for (const auto& g : grants) {
      if (!may_grant(c, ctx.who(), g)) forbidden("只能在您自己的管辖范围内授予角色");
    }
    const auto id = create_account(c, username, display, password, grants, ctx.app.now());
    audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "create", "account",
                      std::to_string(id), "", bj::serialize(bj::object{{"username", username}})});
    return id;
  });
  return json::respond(bj::object{{"id", id}, {"username", username}}, 201);
}

http::Response get_audit(Ctx& ctx) {
  if (!ctx.who().can(Register::audit, Action::read)) forbidden();
  std::int64_t limit = 50;
  if (auto l = ctx.req.param("limit")) {
    try {
      limit = std::stoll(*l);
    } catch (const std::exception&) {
      bad_request("limit", "limit 应为 1 到 200 的整数");
    }
    if (limit < 1 || limit > kMaxPage) bad_request("limit", "limit 应为 1 到 200 的整数");
  }
  std::int64_t before = INT64_MAX;
  if (auto a = ctx.req.param("after")) {
    try {
      before = std::stoll(*a);
    } catch (const std::exception&) {
      bad_request("after", "after 应为整数");
    }
  }
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    return c.query("SELECT id, at, actor, ip, action, object_type, object_id FROM audit_log WHERE id < ? "
                   "ORDER BY id DESC LIMIT ?",
                   {before, limit});
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"id", r.integer(0)}, {"at", r.integer(1)}, {"actor", r.text(2)}, {"ip", r.text(3)},
                               {"action", r.text(4)}, {"object_type", r.text(5)}, {"object_id", r.text(6)}});
  }
  bj::value next = nullptr;
  if (static_cast<std::int64_t>(rs.size()) == limit) next = std::to_string(rs.rows.back().integer(0));
  return json::respond(bj::object{{"items", std::move(items)}, {"next_cursor", next}});
}

http::Response post_token(Ctx& ctx) {
  // Tokens are minted from a logged-in session only: a token cannot breed more tokens.
  if (!ctx.who().via_cookie) forbidden("请在登录会话中创建 API 令牌");
  const auto body = json::parse_object(ctx.req.body);
  const auto name = json::req_string(body, "name", kMaxDisplayName);
  const auto token = ctx.app.db.write([&](store::Conn& c) {
    auto t = create_api_token(c, ctx.who().account_id, name, ctx.app.now());
    audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "create", "api_token",
                      "", "", bj::serialize(bj::object{{"name", name}})});
    return t;
  });
  auto resp = json::respond(bj::object{{"name", name}, {"token", token}}, 201);
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

}  // namespace

void register_routes(Router& r) {
  r.add("POST", "/api/v1/tokens", Access::authenticated, "session", "为当前账号创建集成用 API 令牌（只显示一次）", post_token);
  r.add("POST", "/api/v1/session", Access::open, "session", "登录", post_session);
  r.add("GET", "/api/v1/session", Access::authenticated, "session", "当前会话", get_session);
  r.add("DELETE", "/api/v1/session", Access::authenticated, "session", "退出登录", delete_session);
  r.add("POST", "/api/v1/accounts", Access::authenticated, "accounts", "新建账号并授予管辖范围内的角色", post_account);
  r.add("GET", "/api/v1/audit", Access::authenticated, "audit", "审计日志", get_audit);
}

}  // namespace jiceng::auth
