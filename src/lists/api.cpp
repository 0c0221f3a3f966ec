// Two-way claiming over HTTP: review of what is offered and asked for, claims by units and
// members, dispatch by the community with explained suggestions, orders to confirmation, the
// honour roll. Each handler parses, checks the register, calls lists' service or views, renders.
#include <boost/json.hpp>

#include <algorithm>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "lists/registers.hpp"
#include "lists/rules.hpp"
#include "lists/service.hpp"
#include "lists/views.hpp"
#include "registry/spec.hpp"

namespace jiceng::lists {
namespace {

namespace bj = boost::json;
using core::Action;
using core::Register;

constexpr std::size_t kMaxNote = 300;
constexpr std::int64_t kDefaultSuggestions = 10;
constexpr std::int64_t kMaxSuggestions = 50;
constexpr std::int64_t kDefaultPage = 20;
constexpr std::int64_t kMaxPage = 100;

using cogov::actor;

std::optional<std::int64_t> opt_resource(const bj::object& body) {
  auto id = json::opt_int(body, "resource_id");
  if (id && *id <= 0) bad_request("resource_id", "资源编号无效");
  return id;
}

std::string note_of(const bj::object& body) { return json::opt_string(body, "note", kMaxNote).value_or(""); }

std::optional<std::int64_t> area_param(const Ctx& ctx) { return http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2); }

http::Response post_claim_need(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto note = note_of(body);
  const auto resource = opt_resource(body);
  return json::respond(lists::claim_need(ctx.app, actor(ctx), id, note, resource), 201);
}

http::Response post_claim_project(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto note = note_of(body);
  return json::respond(lists::claim_project(ctx.app, actor(ctx), id, note), 201);
}

http::Response post_dispatch(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto resource = opt_resource(body);
  if (!resource) bad_request("resource_id", "请选择派单的资源", "required");
  const auto note = note_of(body);
  return json::respond(lists::dispatch(ctx.app, actor(ctx), id, *resource, note), 201);
}

http::Response get_suggestions(Ctx& ctx) {
  const auto id = ctx.id();
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxSuggestions).value_or(kDefaultSuggestions);
  return json::respond(lists::suggestions(ctx.app, ctx.who(), id, limit));
}

http::Response post_action(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  OrderMove m;
  m.name = json::req_string(body, "action", 20);
  const auto action = parse_order_action(m.name);
  if (!action || *action == OrderAction::claim || *action == OrderAction::dispatch) {
    bad_request("action", "操作应为 accept、start、complete、confirm、cancel 之一");
  }
  m.action = *action;
  m.note = note_of(body);
  if (m.action == OrderAction::confirm) {
    m.rating = json::opt_int(body, "rating");
    if (!m.rating) bad_request("rating", "确认完成时请评分（1–5 星）", "required");
    if (*m.rating < 1 || *m.rating > 5) bad_request("rating", "评分应为 1 到 5 星");
  }
  if (m.action == OrderAction::cancel && m.note.empty()) bad_request("note", "取消时请说明原因", "required");
  m.comment = json::opt_string(body, "comment", kMaxNote).value_or("");
  return json::respond(lists::act(ctx.app, actor(ctx), id, m));
}

http::Response get_orders(Ctx& ctx) {
  if (!ctx.who().can(Register::lists, Action::read)) forbidden();
  OrderFilter f;
  f.limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  f.after = http::int_param(ctx.req, "after", 1, INT64_MAX / 2);
  if (auto st = ctx.req.param("status"); st && !st->empty()) {
    if (!parse_order_status(*st)) bad_request("status", "订单状态无效");
    f.status = *st;
  }
  f.need_id = http::int_param(ctx.req, "need_id", 1, INT64_MAX / 2);
  f.project_id = http::int_param(ctx.req, "project_id", 1, INT64_MAX / 2);
  f.area_id = area_param(ctx);
  return json::respond(lists::list_orders(ctx.app, ctx.who(), f));
}

http::Response get_order(Ctx& ctx) {
  if (!ctx.who().can(Register::lists, Action::read)) forbidden();
  const auto id = ctx.id();
  return json::respond(order_view(ctx.app, ctx.who(), id));
}

std::string period_param(const Ctx& ctx) {
  auto p = ctx.req.param("period").value_or("");
  if (p.empty()) return core::month_of(ctx.app.now());
  const bool year = p.size() == 4 && p.find_first_not_of("0123456789") == std::string::npos;
  if (!year && !core::is_month(p)) bad_request("period", "期间应为 2026-11 这样的月份或 2026 这样的年份");
  return p;
}

http::Response get_roll(Ctx& ctx) {
  if (!ctx.who().can(Register::lists, Action::read)) forbidden();
  const auto period = period_param(ctx);
  return json::respond(honour_roll(ctx.app, area_param(ctx), &ctx.who(), period));
}

// Review of what units, members and grid staff put forward: the community publishes or turns it down.
http::Response review(Ctx& ctx, List list, const char* spec_name) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto approve = json::opt_bool(body, "approve");
  if (!approve) bad_request("approve", "请选择通过或驳回", "required");
  const auto note = note_of(body);
  if (!*approve && note.empty()) bad_request("note", "驳回时请填写意见", "required");
  lists::review(ctx.app, actor(ctx), list, id, *approve, note);
  return registry::detail_response(*registry::find_spec(spec_name), ctx);
}

http::Response post_withdraw(Ctx& ctx) {
  lists::withdraw(ctx.app, actor(ctx), ctx.id());
  return registry::detail_response(*registry::find_spec("resources"), ctx);
}

// A 求助 appeal becomes a published need, so units and members can take it up.
http::Response appeal_to_need(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto kind = json::req_string(body, "kind", 20);
  static const std::vector<std::string> kinds = {"venue", "funds", "service", "volunteers", "goods"};
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    bad_request("kind", "需求类型应为 场地、资金、专业服务、志愿力量、物资 之一");
  }
  auto title = json::opt_string(body, "title", 60).value_or("");
  const auto need = need_from_appeal(ctx.app, actor(ctx), id, kind, std::move(title));
  ctx.params["id"] = std::to_string(need);
  auto resp = registry::detail_response(*registry::find_spec("needs"), ctx);
  resp.status = 201;
  return resp;
}

http::Response get_public_lists(Ctx& ctx) {
  // Open: nobody need be signed in, and then the whole county is shown.
  return json::respond(public_lists(ctx.app, area_param(ctx), ctx.principal ? &*ctx.principal : nullptr));
}

}  // namespace

void register_routes(Router& r) {
  registry::register_spec_routes(r, {"resources", "needs", "projects"});
  const auto tag = "lists";
  r.add("POST", "/api/v1/resources/{id}/review", Access::authenticated, tag, "审核资源",
        [](Ctx& c) { return review(c, List::resources, "resources"); });
  r.add("POST", "/api/v1/needs/{id}/review", Access::authenticated, tag, "审核需求",
        [](Ctx& c) { return review(c, List::needs, "needs"); });
  r.add("POST", "/api/v1/projects/{id}/review", Access::authenticated, tag, "审核项目",
        [](Ctx& c) { return review(c, List::projects, "projects"); });
  r.add("POST", "/api/v1/resources/{id}/withdraw", Access::authenticated, tag, "撤回资源", post_withdraw);
  r.add("POST", "/api/v1/appeals/{id}/need", Access::authenticated, tag, "求助诉求转为需求", appeal_to_need);
  r.add("GET", "/api/v1/needs/{id}/suggestions", Access::authenticated, tag, "派单推荐（含推荐理由）", get_suggestions);
  r.add("POST", "/api/v1/needs/{id}/claim", Access::authenticated, tag, "认领需求", post_claim_need);
  r.add("POST", "/api/v1/projects/{id}/claim", Access::authenticated, tag, "认领项目", post_claim_project);
  r.add("POST", "/api/v1/needs/{id}/dispatch", Access::authenticated, tag, "派单给资源", post_dispatch);
  r.add("GET", "/api/v1/orders", Access::authenticated, tag, "订单列表", get_orders);
  r.add("GET", "/api/v1/orders/{id}", Access::authenticated, tag, "订单详情", get_order);
  r.add("POST", "/api/v1/orders/{id}/actions", Access::authenticated, tag,
        "订单操作（接单、开始、完成、确认评价、取消）", post_action);
  r.add("GET", "/api/v1/honour-roll", Access::authenticated, tag, "光荣榜", get_roll);
  r.add("GET", "/api/v1/public/lists", Access::open, tag, "公开的三张清单与光荣榜", get_public_lists);
}

}  // namespace jiceng::lists
