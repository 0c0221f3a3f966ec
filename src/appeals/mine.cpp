// 我的诉求: a signed-in resident files appeals as themselves and lists every appeal they filed, with
// the name and phone to put on the next report. Strictly the caller's own: the account that filed
// is the only key, whatever area the resident is bound to.
#include <boost/json.hpp>

#include "appeals/grid_index.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kDefaultPage = 20;
constexpr std::int64_t kMaxPage = 50;

// Only a resident account has appeals of its own; staff file through the work queue.
const auth::Principal& resident(const Ctx& ctx) {
  const auto& who = ctx.who();
  for (const auto& b : who.bindings) {
    if (b.role == auth::Role::resident) return who;
  }
  forbidden("“我的诉求”仅供居民账号使用");
}

bj::value nullable_text(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? bj::value(nullptr) : bj::value(r.text(i));
}

// The phone of the caller's latest appeal that had one: what they gave last time is what they most
// likely want again (accounts carry no phone of their own).
bj::value last_phone(App& app, store::Conn& c, std::int64_t account) {
  auto r = c.one("SELECT phone_enc FROM appeal WHERE created_by = ? AND phone_enc IS NOT NULL ORDER BY id DESC LIMIT 1",
                 {account});
  if (!r) return nullptr;
  try {
    return bj::value(app.cipher.decrypt(r->text(0)));
  } catch (const std::exception&) {
    return nullptr;  // written under a key no longer held: leave the field for the resident to fill
  }
}

http::Response list_mine(Ctx& ctx) {
  const auto& who = resident(ctx);
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto before = http::int_param(ctx.req, "before", 1, INT64_MAX / 2).value_or(INT64_MAX);
  auto out = ctx.app.db.read([&](store::Conn& c) {
    bj::array items;
    std::int64_t last = 0;
    for (const auto& r :
         c.query("SELECT t.id, t.code, t.type, k.name, t.description, t.status, t.created_at, t.satisfaction, "
                 "g.name, a.name, t.address FROM appeal t JOIN appeal_category k ON k.id = t.category_id "
                 "JOIN area a ON a.id = t.area_id LEFT JOIN area g ON g.id = t.grid_id "
                 "WHERE t.created_by = ? AND t.id < ? ORDER BY t.id DESC LIMIT ?",
                 {who.account_id, before, limit})) {
      const auto status = parse_status(r.text(5)).value_or(Status::submitted);
      last = r.integer(0);
      items.push_back(bj::object{{"code", r.text(1)},
                                 {"type", r.text(2)},
                                 {"category_name", r.text(3)},
                                 {"description", r.text(4)},
                                 {"status", r.text(5)},
                                 {"status_label", status_label(status)},
                                 {"created_at", r.integer(6)},
                                 {"satisfaction", nullable_text(r, 7)},
                                 {"can_rate", status == Status::resolved},
                                 {"grid_name", nullable_text(r, 8)},
                                 {"area_name", r.text(9)},
                                 {"address", nullable_text(r, 10)}});
    }
    const bool more = static_cast<std::int64_t>(items.size()) == limit;
    return bj::object{
        {"contact", bj::object{{"name", who.display_name}, {"phone", last_phone(ctx.app, c, who.account_id)}}},
        {"items", std::move(items)},
        {"next_before", more ? bj::value(last) : bj::value(nullptr)}};
  });
  auto resp = json::respond(out);
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response file_mine(Ctx& ctx, GridIndex& grids) {
  const auto& who = resident(ctx);
  limit_intake(ctx.app, ctx.req.client_ip, "");
  auto in = parse_intake(json::parse_object(ctx.req.body), false);
  limit_intake(ctx.app, "", in.phone);
  in.reporter_account = who.account_id;
  const auto created = file(ctx.app, grids, in, nullptr, ctx.req.client_ip);
  return json::respond(*public_view(ctx.app, created.code), 201);
}

}  // namespace

// `grids` is the index the public intake places appeals with (one per process).
void register_mine_routes(Router& r, GridIndex& grids) {
  r.add(
      "GET", "/api/v1/my/appeals", Access::authenticated, "appeals", "我的诉求：本居民账号提交的全部诉求（分页）",
      list_mine,
      R"({"parameters":[{"name":"limit","in":"query","schema":{"type":"integer"}},{"name":"before","in":"query","schema":{"type":"integer"}}]})");
  r.add("POST", "/api/v1/my/appeals", Access::authenticated, "appeals",
        "居民登录后反映问题（记入我的诉求），返回查询码", [&grids](Ctx& ctx) { return file_mine(ctx, grids); });
}

}  // namespace jiceng::appeals
