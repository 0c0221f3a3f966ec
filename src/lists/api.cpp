// Two-way claiming: review of what is offered and asked for, claims by units and members,
// dispatch by the community with explained suggestions, orders to confirmation, the honour roll.
#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "appeals/service.hpp"
#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "lists/candidates.hpp"
#include "lists/registers.hpp"
#include "lists/rules.hpp"
#include "registry/spec.hpp"

namespace jiceng::lists {
namespace {

namespace bj = boost::json;
using auth::Action;
using auth::Register;

constexpr std::size_t kMaxNote = 300;
constexpr std::int64_t kBasePoints = 10;
constexpr std::int64_t kPointsPerStar = 2;
constexpr std::int64_t kDefaultSuggestions = 10;
constexpr std::int64_t kMaxSuggestions = 50;
constexpr std::int64_t kDefaultPage = 20;
constexpr std::int64_t kMaxPage = 100;
constexpr std::int64_t kRollSize = 50;
constexpr std::int64_t kPublicItems = 50;
constexpr char kActive[] = "('claimed', 'dispatched', 'accepted', 'in_progress', 'completed')";

const std::string kOrderSelect =
    "SELECT o.id, o.need_id, o.project_id, COALESCE(n.title, p.title), o.resource_id, r.title, o.claimer_kind, "
    "o.unit_id, o.member_id, o.claimer_name, o.area_id, a.name, o.via, o.status, o.rating, o.rating_comment, "
    "o.points, o.created_at, o.updated_at, o.confirmed_at, o.area_path "
    "FROM service_order o LEFT JOIN need n ON n.id = o.need_id LEFT JOIN project p ON p.id = o.project_id "
    "LEFT JOIN resource r ON r.id = o.resource_id LEFT JOIN area a ON a.id = o.area_id";

auth::ScopeColumns order_scope() {
  auth::ScopeColumns cols;
  cols.area_path = "o.area_path";
  cols.unit_id = "o.unit_id";
  cols.member_id = "o.member_id";
  return cols;
}

bj::value nullable_int(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? bj::value(nullptr) : bj::value(r.integer(i));
}
bj::value nullable_text(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? bj::value(nullptr) : bj::value(r.text(i));
}

bj::object order_json(const store::Row& r) {
  return bj::object{{"id", r.integer(0)},
                    {"need_id", nullable_int(r, 1)},
                    {"project_id", nullable_int(r, 2)},
                    {"subject", r.text(3)},
                    {"resource_id", nullable_int(r, 4)},
                    {"resource_title", nullable_text(r, 5)},
                    {"claimer_kind", r.text(6)},
                    {"unit_id", nullable_int(r, 7)},
                    {"member_id", nullable_int(r, 8)},
                    {"claimer_name", r.text(9)},
                    {"area_id", r.integer(10)},
                    {"area_name", r.text(11)},
                    {"via", r.text(12)},
                    {"status", r.text(13)},
                    {"rating", nullable_int(r, 14)},
                    {"rating_comment", nullable_text(r, 15)},
                    {"points", r.integer(16)},
                    {"created_at", r.integer(17)},
                    {"updated_at", r.integer(18)},
                    {"confirmed_at", nullable_int(r, 19)}};
}

struct Claimer final {
  const char* kind;
  std::int64_t id;
  std::string name;
};

// Who claims: the unit a unit admin acts for, else the member. Staff do not claim; they dispatch.
Claimer claimer_of(store::Conn& c, const auth::Principal& who) {
  if (auto u = cogov::acting_unit(who, Register::lists, Action::write)) {
    auto row = c.one("SELECT name FROM unit WHERE id = ?", {*u});
    if (row) return {"unit", *u, row->text(0)};
  }
  if (auto m = cogov::acting_member(who, Register::lists, Action::write)) {
    auto row = c.one("SELECT name FROM member WHERE id = ?", {*m});
    if (row) return {"member", *m, row->text(0)};
  }
  forbidden("只有单位或党员可以认领");
}

bool is_claimer(const auth::Principal& who, const store::Row& order) {
  const auto u = cogov::acting_unit(who, Register::lists, Action::write);
  const auto m = cogov::acting_member(who, Register::lists, Action::write);
  return (u && !order.is_null(7) && order.integer(7) == *u) || (m && !order.is_null(8) && order.integer(8) == *m);
}

std::vector<std::string> allowed_actions(const auth::Principal& who, const store::Row& order) {
  static constexpr std::pair<OrderAction, const char*> kMoves[] = {{OrderAction::accept, "accept"},
                                                                   {OrderAction::start, "start"},
                                                                   {OrderAction::complete, "complete"},
                                                                   {OrderAction::confirm, "confirm"},
                                                                   {OrderAction::cancel, "cancel"}};
  std::vector<std::string> out;
  const auto status = parse_order_status(order.text(13));
  if (!status) return out;
  const bool staff = cogov::staff_over(who, Register::lists, Action::write, order.text(20));
  const bool claimer = is_claimer(who, order);
  for (const auto& [a, name] : kMoves) {
    if (!next_order_status(*status, a)) continue;
    // The community accepts a claim and confirms the work; a dispatched resource accepts for itself.
    const bool ok = a == OrderAction::confirm  ? staff
                    : a == OrderAction::accept ? staff || (claimer && *status == OrderStatus::dispatched)
                                               : staff || claimer;
    if (ok) out.emplace_back(name);
  }
  return out;
}

std::optional<store::Row> order_row(store::Conn& c, const auth::Principal& who, std::int64_t id) {
  auto scope = auth::scope_clause(who, Register::lists, Action::read, order_scope());
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return c.one(kOrderSelect + " WHERE o.id = ? AND " + scope.sql, params);
}

bj::object order_detail(store::Conn& c, const auth::Principal& who, std::int64_t id) {
  auto row = order_row(c, who, id);
  if (!row) not_found();
  auto o = order_json(*row);
  bj::array timeline;
  for (const auto& e :
       c.query("SELECT at, actor, action, note FROM service_order_event WHERE order_id = ? ORDER BY id", {id})) {
    timeline.push_back(
        bj::object{{"at", e.integer(0)}, {"actor", e.text(1)}, {"action", e.text(2)}, {"note", nullable_text(e, 3)}});
  }
  o["timeline"] = std::move(timeline);
  bj::array actions;
  for (auto& a : allowed_actions(who, *row)) actions.emplace_back(a);
  o["actions"] = std::move(actions);
  return o;
}

void order_event(store::Conn& c, const Ctx& ctx, std::int64_t order, const std::string& action,
                 const std::string& note) {
  c.execute("INSERT INTO service_order_event (order_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)",
            {order, ctx.app.now(), ctx.who().display_name.empty() ? ctx.who().username : ctx.who().display_name, action,
             note.empty() ? store::null() : store::Value(note)});
}

std::int64_t insert_order(store::Conn& c, const Ctx& ctx, const char* subject_column, std::int64_t subject,
                          std::optional<std::int64_t> resource, const Claimer& who, std::int64_t area_id,
                          const std::string& area_path, const char* via, const char* status, const std::string& note) {
  const auto now = ctx.app.now();
  const bool unit = std::string_view(who.kind) == "unit";
  auto row =
      c.one(std::string("INSERT INTO service_order (") + subject_column +
                ", resource_id, claimer_kind, unit_id, member_id, claimer_name, area_id, area_path, via, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {subject, store::opt(resource), std::string(who.kind), unit ? store::Value(who.id) : store::null(),
             unit ? store::null() : store::Value(who.id), who.name, area_id, area_path, std::string(via),
             std::string(status), now, now});
  const auto id = row->integer(0);
  order_event(c, ctx, id, via, note);
  if (resource) c.execute("UPDATE resource SET open_orders = open_orders + 1 WHERE id = ?", {*resource});
  cogov::audit(c, ctx, via, "service_order", id, std::string(subject_column) + "=" + std::to_string(subject));
  return id;
}

// A resource that may take one more order: published and with room.
void check_room(store::Conn& c, std::int64_t resource, std::optional<Claimer> owner) {
  auto r = c.one("SELECT status, open_orders, capacity, owner_kind, unit_id, member_id FROM resource WHERE id = ?",
                 {resource});
  if (!r) bad_request("resource_id", "所选资源不存在");
  if (owner) {
    const bool mine = r->text(3) == owner->kind &&
                      ((owner->kind == std::string_view("unit") && !r->is_null(4) && r->integer(4) == owner->id) ||
                       (owner->kind == std::string_view("member") && !r->is_null(5) && r->integer(5) == owner->id));
    if (!mine) bad_request("resource_id", "只能用自己的资源认领");
  }
  if (r->text(0) != "published") conflict("该资源尚未发布或已撤回", "resource_id");
  if (r->integer(1) >= r->integer(2)) conflict("该资源已满负荷，请选择其他资源", "resource_id");
}

std::optional<std::int64_t> opt_resource(const bj::object& body) {
  auto id = json::opt_int(body, "resource_id");
  if (id && *id <= 0) bad_request("resource_id", "资源编号无效");
  return id;
}

http::Response claim_need(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto note = json::opt_string(body, "note", kMaxNote).value_or("");
  const auto resource = opt_resource(body);
  auto out = ctx.app.db.write([&](store::Conn& c) {
    const auto who = claimer_of(c, ctx.who());
    auto need = c.one("SELECT status, area_id, area_path FROM need WHERE id = ?", {id});
    if (!need) not_found();
    if (need->text(0) != "published") conflict("该需求当前不可认领（已被认领、已完成或未发布）");
    if (resource) check_room(c, *resource, who);
    c.execute("UPDATE need SET status = 'ordered', updated_at = ? WHERE id = ?", {ctx.app.now(), id});
    const auto order =
        insert_order(c, ctx, "need_id", id, resource, who, need->integer(1), need->text(2), "claim", "claimed", note);
    return order_detail(c, ctx.who(), order);
  });
  return json::respond(out, 201);
}

http::Response claim_project(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto note = json::opt_string(body, "note", kMaxNote).value_or("");
  auto out = ctx.app.db.write([&](store::Conn& c) {
    const auto who = claimer_of(c, ctx.who());
    auto project = c.one("SELECT status, area_id, area_path, taken, places FROM project WHERE id = ?", {id});
    if (!project) not_found();
    if (project->text(0) != "published") conflict("该项目当前不可认领（名额已满、已完成或未发布）");
    const char* mine = std::string_view(who.kind) == "unit" ? "unit_id" : "member_id";
    if (c.one(std::string("SELECT 1 FROM service_order WHERE project_id = ? AND ") + mine + " = ? AND status IN " +
                  kActive,
              {id, who.id})) {
      conflict("您已认领该项目");
    }
    const auto taken = project->integer(3) + 1;
    c.execute("UPDATE project SET taken = ?, status = ?, updated_at = ? WHERE id = ?",
              {taken, std::string(taken >= project->integer(4) ? "full" : "published"), ctx.app.now(), id});
    const auto order = insert_order(c, ctx, "project_id", id, std::nullopt, who, project->integer(1), project->text(2),
                                    "claim", "claimed", note);
    return order_detail(c, ctx.who(), order);
  });
  return json::respond(out, 201);
}

std::optional<store::Row> need_for_staff(store::Conn& c, const auth::Principal& who, std::int64_t id, Action a) {
  auth::ScopeColumns cols;
  cols.area_path = "area_path";
  auto scope = auth::scope_clause(who, Register::lists, a, cols);
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return c.one("SELECT status, area_id, area_path, kind, lon, lat FROM need WHERE id = ? AND " + scope.sql, params);
}

http::Response dispatch(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto resource = opt_resource(body);
  if (!resource) bad_request("resource_id", "请选择派单的资源", "required");
  const auto note = json::opt_string(body, "note", kMaxNote).value_or("");
  auto out = ctx.app.db.write([&](store::Conn& c) {
    auto need = need_for_staff(c, ctx.who(), id, Action::write);
    if (!need || !cogov::staff_over(ctx.who(), Register::lists, Action::write, need->text(2))) {
      if (need_for_staff(c, ctx.who(), id, Action::read)) forbidden("只有社区工作人员可以派单");
      not_found();
    }
    if (need->text(0) != "published") conflict("该需求当前不可派单（已被认领、已完成或未发布）");
    check_room(c, *resource, std::nullopt);
    auto owner =
        c.one("SELECT owner_kind, COALESCE(unit_id, member_id), owner_name FROM resource WHERE id = ?", {*resource});
    const Claimer who{owner->text(0) == "unit" ? "unit" : "member", owner->integer(1), owner->text(2)};
    c.execute("UPDATE need SET status = 'ordered', updated_at = ? WHERE id = ?", {ctx.app.now(), id});
    const auto order = insert_order(c, ctx, "need_id", id, resource, who, need->integer(1), need->text(2), "dispatch",
                                    "dispatched", note);
    return order_detail(c, ctx.who(), order);
  });
  return json::respond(out, 201);
}

CandidateCache& candidate_cache() {
  static CandidateCache cache;
  return cache;
}

http::Response suggestions(Ctx& ctx) {
  const auto id = ctx.id();
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxSuggestions).value_or(kDefaultSuggestions);
  NeedFacts need_facts;
  std::vector<Ranked> ranked;
  std::map<std::int64_t, store::Row> shown;
  ctx.app.db.read([&](store::Conn& c) {
    auto need = need_for_staff(c, ctx.who(), id, Action::write);
    if (!need) not_found();
    need_facts = NeedFacts{need->text(3), need->text(2), std::nullopt, std::nullopt};
    if (!need->is_null(4)) need_facts.lon = need->real(4);
    if (!need->is_null(5)) need_facts.lat = need->real(5);
    ranked = rank(need_facts, *candidate_cache().current(c), static_cast<std::size_t>(limit));
    if (ranked.empty()) return;
    std::string marks;
    store::Params ids;
    for (const auto& r : ranked) {
      marks += marks.empty() ? "?" : ", ?";
      ids.emplace_back(r.id);
    }
    for (auto& row : c.query("SELECT id, title, kind, owner_name FROM resource WHERE id IN (" + marks + ")", ids)) {
      const auto key = row.integer(0);
      shown.emplace(key, std::move(row));
    }
  });
  bj::array items;
  for (const auto& r : ranked) {
    const auto row = shown.find(r.id);
    if (row == shown.end()) continue;             // removed since the cache was loaded
    const auto s = suggest(need_facts, r.facts);  // the reasons, for the few shown
    bj::array reasons;
    for (const auto& why : s.reasons) reasons.emplace_back(why);
    items.push_back(bj::object{{"resource_id", r.id},
                               {"title", row->second.text(1)},
                               {"kind", row->second.text(2)},
                               {"owner_name", row->second.text(3)},
                               {"score", s.score},
                               {"reasons", std::move(reasons)},
                               {"open_orders", r.facts.open_orders},
                               {"capacity", r.facts.capacity}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

http::Response act(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto name = json::req_string(body, "action", 20);
  const auto action = parse_order_action(name);
  if (!action || *action == OrderAction::claim || *action == OrderAction::dispatch) {
    bad_request("action", "操作应为 accept、start、complete、confirm、cancel 之一");
  }
  const auto note = json::opt_string(body, "note", kMaxNote).value_or("");
  std::optional<std::int64_t> rating;
  if (*action == OrderAction::confirm) {
    rating = json::opt_int(body, "rating");
    if (!rating) bad_request("rating", "确认完成时请评分（1–5 星）", "required");
    if (*rating < 1 || *rating > 5) bad_request("rating", "评分应为 1 到 5 星");
  }
  if (*action == OrderAction::cancel && note.empty()) bad_request("note", "取消时请说明原因", "required");
  const auto comment = json::opt_string(body, "comment", kMaxNote).value_or("");
  auto out = ctx.app.db.write([&](store::Conn& c) {
    auto row = order_row(c, ctx.who(), id);
    if (!row) not_found();
    const auto actions = allowed_actions(ctx.who(), *row);
    if (std::find(actions.begin(), actions.end(), name) == actions.end()) {
      const auto status = parse_order_status(row->text(13));
      if (status && next_order_status(*status, *action)) forbidden("您不能对此订单执行该操作");
      conflict("订单当前状态下不能执行该操作");
    }
    const auto to = next_order_status(*parse_order_status(row->text(13)), *action);
    const auto now = ctx.app.now();
    const std::string to_name(order_status_name(*to));
    const auto need = row->is_null(1) ? std::optional<std::int64_t>() : row->integer(1);
    const auto project = row->is_null(2) ? std::optional<std::int64_t>() : row->integer(2);
    const auto resource = row->is_null(4) ? std::optional<std::int64_t>() : row->integer(4);
    if (*action == OrderAction::confirm) {
      const auto points = kBasePoints + *rating * kPointsPerStar;
      c.execute(
          "UPDATE service_order SET status = ?, rating = ?, rating_comment = ?, points = ?, period = ?, "
          "confirmed_at = ?, updated_at = ? WHERE id = ?",
          {to_name, *rating, comment.empty() ? store::null() : store::Value(comment), points, cogov::month_of(now), now,
           now, id});
      if (resource) {
        c.execute(
            "UPDATE resource SET open_orders = open_orders - 1, rating_sum = rating_sum + ?, ratings = ratings + 1 "
            "WHERE id = ?",
            {*rating, *resource});
      }
      if (need) c.execute("UPDATE need SET status = 'done', updated_at = ? WHERE id = ?", {now, *need});
    } else {
      c.execute("UPDATE service_order SET status = ?, updated_at = ? WHERE id = ?", {to_name, now, id});
    }
    if (*action == OrderAction::cancel) {
      if (resource) c.execute("UPDATE resource SET open_orders = open_orders - 1 WHERE id = ?", {*resource});
      if (need)
        c.execute("UPDATE need SET status = 'published', updated_at = ? WHERE id = ? AND status = 'ordered'",
                  {now, *need});
      if (project) {
        c.execute(
            "UPDATE project SET taken = taken - 1, status = CASE WHEN status = 'full' THEN 'published' ELSE status "
            "END, "
            "updated_at = ? WHERE id = ?",
            {now, *project});
      }
    }
    order_event(c, ctx, id, name, *action == OrderAction::confirm && !comment.empty() ? comment : note);
    cogov::audit(c, ctx, name, "service_order", id, to_name);
    return order_detail(c, ctx.who(), id);
  });
  return json::respond(out);
}

http::Response list_orders(Ctx& ctx) {
  if (!ctx.who().can(Register::lists, Action::read)) forbidden();
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto after = http::int_param(ctx.req, "after", 1, INT64_MAX / 2);
  auto scope = auth::scope_clause(ctx.who(), Register::lists, Action::read, order_scope());
  std::string where = " WHERE " + scope.sql;
  store::Params params = scope.params;
  if (auto st = ctx.req.param("status"); st && !st->empty()) {
    if (!parse_order_status(*st)) bad_request("status", "订单状态无效");
    where += " AND o.status = ?";
    params.emplace_back(*st);
  }
  for (const char* key : {"need_id", "project_id"}) {
    if (auto v = http::int_param(ctx.req, key, 1, INT64_MAX / 2)) {
      where += std::string(" AND o.") + key + " = ?";
      params.emplace_back(*v);
    }
  }
  bj::array items;
  std::optional<std::int64_t> next, total;
  ctx.app.db.read([&](store::Conn& c) {
    if (auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2)) {
      auto a = cogov::area_by_id(c, *area);
      const std::string path = a ? a->path : "/none/";
      where += " AND o.area_path >= ? AND o.area_path < ?";
      params.emplace_back(path);
      params.emplace_back(auth::path_end(path));
    }
    if (!after) total = c.scalar("SELECT COUNT(*) FROM service_order o" + where, params);
    auto page_params = params;
    std::string page_where = where;
    if (after) {
      page_where += " AND o.id < ?";
      page_params.emplace_back(*after);
    }
    page_params.emplace_back(limit + 1);
    auto rs = c.query(kOrderSelect + page_where + " ORDER BY o.id DESC LIMIT ?", page_params);
    const auto n = std::min<std::size_t>(rs.size(), static_cast<std::size_t>(limit));
    for (std::size_t i = 0; i < n; ++i) items.push_back(order_json(rs[i]));
    if (rs.size() > n) next = rs[n - 1].integer(0);
  });
  bj::object out{{"items", std::move(items)}};
  out["next_cursor"] = next ? bj::value(std::to_string(*next)) : bj::value(nullptr);
  out["total"] = total ? bj::value(*total) : bj::value(nullptr);
  return json::respond(out);
}

http::Response get_order(Ctx& ctx) {
  if (!ctx.who().can(Register::lists, Action::read)) forbidden();
  const auto id = ctx.id();
  return json::respond(ctx.app.db.read([&](store::Conn& c) { return order_detail(c, ctx.who(), id); }));
}

// 光荣榜: confirmed orders of a period under an area, summed per claimer.
bj::object honour_roll(store::Conn& c, const cogov::Area& area, const std::string& period) {
  std::string where = "status = 'confirmed' AND area_path >= ? AND area_path < ?";
  store::Params params{area.path, auth::path_end(area.path)};
  if (period.size() == 4) {
    where += " AND period >= ? AND period <= ?";
    params.emplace_back(period + "-01");
    params.emplace_back(period + "-12");
  } else {
    where += " AND period = ?";
    params.emplace_back(period);
  }
  params.emplace_back(kRollSize);
  auto rs = c.query(
      "SELECT claimer_kind, MAX(unit_id), MAX(member_id), MAX(claimer_name), COUNT(*), SUM(points), "
      "AVG(rating) FROM service_order WHERE " +
          where +
          " GROUP BY claimer_kind, COALESCE(unit_id, member_id) ORDER BY SUM(points) DESC, COUNT(*) DESC, "
          "MAX(claimer_name) LIMIT ?",
      params);
  bj::array items;
  std::int64_t rank = 0;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"rank", ++rank},
                               {"claimer_kind", r.text(0)},
                               {"unit_id", nullable_int(r, 1)},
                               {"member_id", nullable_int(r, 2)},
                               {"name", r.text(3)},
                               {"orders", r.integer(4)},
                               {"points", r.integer(5)},
                               {"average_rating", std::round(r.real(6) * 10) / 10}});
  }
  return bj::object{{"area_id", area.id}, {"area_name", area.name}, {"period", period}, {"items", std::move(items)}};
}

std::string period_param(const Ctx& ctx) {
  auto p = ctx.req.param("period").value_or("");
  if (p.empty()) return cogov::month_of(ctx.app.now());
  const bool year = p.size() == 4 && p.find_first_not_of("0123456789") == std::string::npos;
  if (!year && !cogov::is_month(p)) bad_request("period", "期间应为 2026-11 这样的月份或 2026 这样的年份");
  return p;
}

http::Response get_roll(Ctx& ctx) {
  if (!ctx.who().can(Register::lists, Action::read)) forbidden();
  const auto period = period_param(ctx);
  return json::respond(
      ctx.app.db.read([&](store::Conn& c) { return honour_roll(c, cogov::report_area(c, ctx), period); }));
}

// Review of what units, members and grid staff put forward: the community publishes or turns it down.
http::Response review(Ctx& ctx, const std::string& table, const char* spec_name) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto approve = json::opt_bool(body, "approve");
  if (!approve) bad_request("approve", "请选择通过或驳回", "required");
  const auto note = json::opt_string(body, "note", kMaxNote).value_or("");
  if (!*approve && note.empty()) bad_request("note", "驳回时请填写意见", "required");
  ctx.app.db.write([&](store::Conn& c) {
    auto row = c.one("SELECT status, area_path FROM " + table + " WHERE id = ?", {id});
    if (!row || !cogov::staff_over(ctx.who(), Register::lists, Action::read, row->text(1))) not_found();
    if (!cogov::may_approve(ctx.who(), Register::lists, row->text(1)))
      forbidden("只有社区（村）及以上工作人员可以审核");
    if (row->text(0) != "pending") conflict("只有待审核的条目可以审核");
    c.execute("UPDATE " + table + " SET status = ?, review_note = ?, updated_at = ? WHERE id = ?",
              {std::string(*approve ? "published" : "rejected"), note.empty() ? store::null() : store::Value(note),
               ctx.app.now(), id});
    cogov::audit(c, ctx, *approve ? "approve" : "reject", table, id, note);
  });
  return registry::detail_response(*registry::find_spec(spec_name), ctx);
}

http::Response withdraw(Ctx& ctx) {
  const auto id = ctx.id();
  ctx.app.db.write([&](store::Conn& c) {
    auto row = c.one("SELECT status, area_path, unit_id, member_id FROM resource WHERE id = ?", {id});
    if (!row) not_found();
    const auto u = cogov::acting_unit(ctx.who(), Register::lists, Action::write);
    const auto m = cogov::acting_member(ctx.who(), Register::lists, Action::write);
    const bool owner =
        (u && !row->is_null(2) && row->integer(2) == *u) || (m && !row->is_null(3) && row->integer(3) == *m);
    if (!owner && !cogov::staff_over(ctx.who(), Register::lists, Action::write, row->text(1))) not_found();
    if (row->text(0) == "withdrawn") conflict("该资源已撤回");
    c.execute("UPDATE resource SET status = 'withdrawn', updated_at = ? WHERE id = ?", {ctx.app.now(), id});
    cogov::audit(c, ctx, "withdraw", "resource", id, "");
  });
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
  const auto need = ctx.app.db.write([&](store::Conn& c) {
    auto scope = auth::scope_clause(ctx.who(), Register::appeals, Action::write, appeals::scope_columns());
    store::Params params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    auto a = c.one(
        "SELECT t.type, t.description, COALESCE(t.grid_id, t.area_id), t.lon, t.lat, t.reporter_name, t.code "
        "FROM appeal t WHERE t.id = ? AND " +
            scope.sql,
        params);
    if (!a) not_found();
    if (a->text(0) != "help") conflict("只有求助类诉求可以转为需求");
    auto area = cogov::area_in_scope(c, ctx.who(), Register::lists, Action::write, a->integer(2));
    if (!area) forbidden("您无权在该区域发布需求");
    if (c.one("SELECT 1 FROM need WHERE appeal_id = ?", {id})) conflict("该诉求已转为需求");
    if (title.empty()) {
      // The first 20 characters of what the resident wrote, cut on a character boundary.
      const auto d = a->text(1);
      std::size_t i = 0, chars = 0;
      while (i < d.size() && chars < 20) {
        const auto ch = static_cast<unsigned char>(d[i]);
        i += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
        ++chars;
      }
      title = d.substr(0, std::min(i, d.size()));
    }
    const auto now = ctx.app.now();
    auto row = c.one(
        "INSERT INTO need (title, kind, description, source, requester_name, appeal_id, area_id, area_path, "
        "lon, lat, status, created_at, updated_at) VALUES (?, ?, ?, 'resident', ?, ?, ?, ?, ?, ?, 'published', "
        "?, ?) RETURNING id",
        {title, kind, a->text(1), a->is_null(5) ? store::null() : store::Value(a->text(5)), id, area->id, area->path,
         a->is_null(3) ? store::null() : store::Value(a->real(3)),
         a->is_null(4) ? store::null() : store::Value(a->real(4)), now, now});
    const auto need_id = row->integer(0);
    appeals::add_timeline_note(c, ctx.who(), id, now,
                               "已转为需求清单（需求 #" + std::to_string(need_id) + "），由共建单位和党员认领");
    cogov::audit(c, ctx, "create", "need", need_id, "appeal=" + a->text(6));
    return need_id;
  });
  ctx.params["id"] = std::to_string(need);
  auto resp = registry::detail_response(*registry::find_spec("needs"), ctx);
  resp.status = 201;
  return resp;
}

http::Response public_lists(Ctx& ctx) {
  auto out = ctx.app.db.read([&](store::Conn& c) {
    const auto area = cogov::report_area(c, ctx);
    const store::Params range{area.path, auth::path_end(area.path), kPublicItems};
    bj::array needs, projects, resources;
    for (const auto& r : c.query("SELECT t.id, t.title, t.kind, t.description, a.name, t.created_at FROM need t "
                                 "JOIN area a ON a.id = t.area_id WHERE t.status = 'published' AND t.area_path >= ? "
                                 "AND t.area_path < ? ORDER BY t.id DESC LIMIT ?",
                                 range)) {
      needs.push_back(bj::object{{"id", r.integer(0)},
                                 {"title", r.text(1)},
                                 {"kind", r.text(2)},
                                 {"description", nullable_text(r, 3)},
                                 {"area_name", r.text(4)},
                                 {"created_at", r.integer(5)}});
    }
    for (const auto& r :
         c.query("SELECT t.id, t.title, t.description, t.goal, t.places, t.taken, a.name, t.starts_on, "
                 "t.ends_on FROM project t JOIN area a ON a.id = t.area_id WHERE t.status = 'published' "
                 "AND t.area_path >= ? AND t.area_path < ? ORDER BY t.id DESC LIMIT ?",
                 range)) {
      projects.push_back(bj::object{{"id", r.integer(0)},
                                    {"title", r.text(1)},
                                    {"description", nullable_text(r, 2)},
                                    {"goal", nullable_text(r, 3)},
                                    {"places", r.integer(4)},
                                    {"taken", r.integer(5)},
                                    {"area_name", r.text(6)},
                                    {"starts_on", nullable_text(r, 7)},
                                    {"ends_on", nullable_text(r, 8)}});
    }
    for (const auto& r : c.query("SELECT t.id, t.title, t.kind, t.description, t.owner_name, a.name, t.available FROM "
                                 "resource t JOIN area a ON a.id = t.area_id WHERE t.status = 'published' AND "
                                 "t.area_path >= ? AND t.area_path < ? ORDER BY t.id DESC LIMIT ?",
                                 range)) {
      resources.push_back(bj::object{{"id", r.integer(0)},
                                     {"title", r.text(1)},
                                     {"kind", r.text(2)},
                                     {"description", nullable_text(r, 3)},
                                     {"owner_name", r.text(4)},
                                     {"area_name", r.text(5)},
                                     {"available", nullable_text(r, 6)}});
    }
    return bj::object{{"area_id", area.id},
                      {"area_name", area.name},
                      {"needs", std::move(needs)},
                      {"projects", std::move(projects)},
                      {"resources", std::move(resources)},
                      {"honour_roll", honour_roll(c, area, cogov::month_of(ctx.app.now()))}};
  });
  return json::respond(out);
}

}  // namespace

void register_routes(Router& r) {
  for (const char* name : {"resources", "needs", "projects"})
    registry::register_spec_routes(r, *registry::find_spec(name));
  const auto tag = "lists";
  r.add("POST", "/api/v1/resources/{id}/review", Access::authenticated, tag, "审核资源",
        [](Ctx& c) { return review(c, "resource", "resources"); });
  r.add("POST", "/api/v1/needs/{id}/review", Access::authenticated, tag, "审核需求",
        [](Ctx& c) { return review(c, "need", "needs"); });
  r.add("POST", "/api/v1/projects/{id}/review", Access::authenticated, tag, "审核项目",
        [](Ctx& c) { return review(c, "project", "projects"); });
  r.add("POST", "/api/v1/resources/{id}/withdraw", Access::authenticated, tag, "撤回资源", withdraw);
  r.add("POST", "/api/v1/appeals/{id}/need", Access::authenticated, tag, "求助诉求转为需求", appeal_to_need);
  r.add("GET", "/api/v1/needs/{id}/suggestions", Access::authenticated, tag, "派单推荐（含推荐理由）", suggestions);
  r.add("POST", "/api/v1/needs/{id}/claim", Access::authenticated, tag, "认领需求", claim_need);
  r.add("POST", "/api/v1/projects/{id}/claim", Access::authenticated, tag, "认领项目", claim_project);
  r.add("POST", "/api/v1/needs/{id}/dispatch", Access::authenticated, tag, "派单给资源", dispatch);
  r.add("GET", "/api/v1/orders", Access::authenticated, tag, "订单列表", list_orders);
  r.add("GET", "/api/v1/orders/{id}", Access::authenticated, tag, "订单详情", get_order);
  r.add("POST", "/api/v1/orders/{id}/actions", Access::authenticated, tag,
        "订单操作（接单、开始、完成、确认评价、取消）", act);
  r.add("GET", "/api/v1/honour-roll", Access::authenticated, tag, "光荣榜", get_roll);
  r.add("GET", "/api/v1/public/lists", Access::open, tag, "公开的三张清单与光荣榜", public_lists);
}

}  // namespace jiceng::lists
