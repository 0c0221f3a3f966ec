// 我的诉求: a signed-in resident files appeals as themselves and lists every appeal they filed, with
// the name and phone to put on the next report. Strictly the caller's own: the account that filed
// is the only key, whatever area the resident is bound to.
#include "appeals/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

namespace jiceng::appeals {
namespace {

constexpr std::int64_t kDefaultPage = 20;
constexpr std::int64_t kMaxPage = 50;

// Only a resident account has appeals of its own; staff file through the work queue.
const core::Principal& resident(const Ctx& ctx) {
  const auto& who = ctx.who();
  for (const auto& b : who.bindings) {
    if (b.role == core::Role::resident) return who;
  }
  forbidden("“我的诉求”仅供居民账号使用");
}

http::Response list_mine(Ctx& ctx) {
  const auto& who = resident(ctx);
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto before = http::int_param(ctx.req, "before", 1, INT64_MAX / 2).value_or(INT64_MAX);
  auto resp = json::respond(my_appeals(ctx.app, who, limit, before));
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response file_mine(Ctx& ctx) {
  const auto& who = resident(ctx);
  limit_intake(ctx.app, ctx.req.client_ip, "");
  auto in = parse_intake(json::parse_object(ctx.req.body), false);
  limit_intake(ctx.app, "", in.phone);
  in.reporter_account = who.account_id;
  const auto created = file(ctx.app, in, nullptr, ctx.req.client_ip);
  return json::respond(*public_view(ctx.app, created.code), 201);
}

}  // namespace

void register_mine_routes(Router& r) {
  r.add(
      "GET", "/api/v1/my/appeals", Access::authenticated, "appeals", "我的诉求：本居民账号提交的全部诉求（分页）",
      list_mine,
      R"({"parameters":[{"name":"limit","in":"query","schema":{"type":"integer"}},{"name":"before","in":"query","schema":{"type":"integer"}}]})");
  r.add("POST", "/api/v1/my/appeals", Access::authenticated, "appeals",
        "居民登录后反映问题（记入我的诉求），返回查询码", file_mine);
}

}  // namespace jiceng::appeals
