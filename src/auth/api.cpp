// The caller's own session: login, logout, password, second factor and API tokens.
#include <boost/json.hpp>

#include "auth/routes.hpp"
#include "auth/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/rate_limit.hpp"
#include "core/router.hpp"
#include "crypto/totp.hpp"

namespace jiceng::auth {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxTotp = 16;
constexpr char kTotpIssuer[] = "基层";

bj::object account_json(const core::Principal& p) {
  bj::array menus;
  for (auto& m : core::menus_for(p.roles())) menus.emplace_back(m);
  bj::array writes;
  for (auto& w : core::writes_for(p.roles())) writes.emplace_back(w);
  return bj::object{{"id", p.account_id},
                    {"username", p.username},
                    {"display_name", p.display_name},
                    {"roles", roles_json(p.bindings)},
                    {"menus", std::move(menus)},
                    {"writes", std::move(writes)},
                    {"password_change", p.password_change.empty() ? bj::value(nullptr) : bj::value(p.password_change)},
                    {"totp_enabled", p.totp_enabled}};
}

std::string session_cookie(const std::string& value, bool secure, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

http::Response post_session(Ctx& ctx) {
  if (ctx.app.limits) enforce(ctx.app.limits->login_per_address, ctx.req.client_ip, "登录尝试");
  const auto body = json::parse_object(ctx.req.body);
  const auto username = json::req_string(body, "username", kMaxUsername);
  const auto password = json::req_string(body, "password", kMaxPassword);
  const auto totp = json::opt_string(body, "totp", kMaxTotp).value_or("");
  const auto s = login(ctx.app, LoginAttempt{username, password, totp, ctx.req.client_ip});
  auto resp = json::respond(bj::object{{"account", account_json(s.principal)}, {"csrf_token", s.csrf}});
  resp.set_header("Set-Cookie", session_cookie(s.token, ctx.app.secure_cookies, false));
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

http::Response put_password(Ctx& ctx) {
  if (!ctx.who().via_cookie) forbidden("请在登录会话中修改密码");
  const auto body = json::parse_object(ctx.req.body);
  const auto current = json::req_string(body, "current_password", kMaxPassword);
  const auto next = json::req_string(body, "new_password", kMaxPassword);
  change_password(ctx.app, ctx.who(), current, next, ctx.req.cookie(kSessionCookie).value_or(""), ctx.req.client_ip);
  http::Response resp;
  resp.status = 204;
  return resp;
}

http::Response post_totp(Ctx& ctx) {
  if (!ctx.who().via_cookie) forbidden("请在登录会话中设置动态码");
  const auto secret = begin_totp(ctx.app, ctx.who());
  auto resp = json::respond(bj::object{{"secret", crypto::base32_encode(secret)},
                                       {"uri", crypto::totp_uri(kTotpIssuer, ctx.who().username, secret)}},
                            201);
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response post_totp_confirm(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  confirm_totp(ctx.app, ctx.who(), json::req_string(body, "code", kMaxTotp), ctx.req.client_ip);
  return json::respond(bj::object{{"totp_enabled", true}});
}

http::Response post_totp_disable(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  disable_totp(ctx.app, ctx.who(), json::req_string(body, "password", kMaxPassword), ctx.req.client_ip);
  return json::respond(bj::object{{"totp_enabled", false}});
}

http::Response post_token(Ctx& ctx) {
  // Tokens are minted from a logged-in session only: a token cannot breed more tokens.
  if (!ctx.who().via_cookie) forbidden("请在登录会话中创建 API 令牌");
  const auto body = json::parse_object(ctx.req.body);
  const auto name = json::req_string(body, "name", kMaxDisplayName);
  const auto token = create_api_token(ctx.app, ctx.who(), name, ctx.req.client_ip);
  auto resp = json::respond(bj::object{{"name", name}, {"token", token}}, 201);
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

}  // namespace

bj::array roles_json(const std::vector<core::Binding>& bindings) {
  bj::array roles;
  for (const auto& b : bindings) {
    roles.push_back(bj::object{{"role", core::role_name(b.role)},
                               {"role_label", core::role_label(b.role)},
                               {"scope_type", core::scope_type_name(b.scope_type)},
                               {"scope_id", b.scope_id},
                               {"scope_name", b.scope_name}});
  }
  return roles;
}

void register_routes(Router& r) {
  r.add("POST", "/api/v1/tokens", Access::authenticated, "session", "为当前账号创建集成用 API 令牌（只显示一次）",
        post_token);
  r.add("POST", "/api/v1/session", Access::open, "session", "登录（开启动态码的账号另需 totp）", post_session);
  r.add("GET", "/api/v1/session", Access::credentials, "session", "当前会话", get_session);
  r.add("DELETE", "/api/v1/session", Access::credentials, "session", "退出登录", delete_session);
  r.add("PUT", "/api/v1/session/password", Access::credentials, "session",
        "修改本人密码（首次登录和密码过期后须先修改）", put_password);
  r.add("POST", "/api/v1/session/totp", Access::authenticated, "session", "生成动态码（TOTP）密钥，待确认后生效",
        post_totp);
  r.add("POST", "/api/v1/session/totp/confirm", Access::authenticated, "session", "输入动态码确认开启双因素登录",
        post_totp_confirm);
  r.add("POST", "/api/v1/session/totp/disable", Access::authenticated, "session", "验证密码后关闭双因素登录",
        post_totp_disable);
  register_account_routes(r);
  register_audit_routes(r);
}

}  // namespace jiceng::auth
