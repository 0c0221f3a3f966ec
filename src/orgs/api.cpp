// Tree moves, the grid map, party-building coverage and the big committee.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "auth/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "orgs/registers.hpp"
#include "orgs/rules.hpp"
#include "people/registers.hpp"
#include "people/rules.hpp"
#include "registry/spec.hpp"

namespace jiceng::orgs {
namespace {

namespace bj = boost::json;
using auth::Action;
using auth::Register;

struct Node final {
  std::int64_t id;
  std::string path;
  std::string kind;  // area kind or org level
  std::int64_t depth;
  std::string area_path;  // orgs only
};

std::optional<Node> node_in_scope(store::Conn& c, const auth::Principal& who, bool area, std::int64_t id, Action a) {
  auth::ScopeColumns cols;
  cols.area_path = area ? "path" : "area_path";
  if (!area) cols.org_path = "path";
  auto scope = auth::scope_clause(who, area ? Register::areas : Register::orgs, a, cols);
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto row = c.one(area ? "SELECT id, path, kind, depth, path FROM area WHERE id = ? AND " + scope.sql
                        : "SELECT id, path, level, depth, area_path FROM party_org WHERE id = ? AND " + scope.sql,
                   params);
  if (!row) return std::nullopt;
  return Node{row->integer(0), row->text(1), row->text(2), row->integer(3), row->text(4)};
}

// Moves a node and its subtree under a new parent, rewriting every path that hangs off it.
http::Response move(Ctx& ctx, bool area) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto parent_id = json::opt_int(body, "parent_id");
  if (!parent_id) bad_request("parent_id", "请选择新的上级", "required");
  auto effective = json::opt_string(body, "effective_on", 10).value_or("");
  if (!effective.empty() && !people::is_valid_date(effective)) bad_request("effective_on", "生效日期应为有效日期");
  if (!ctx.who().can(area ? Register::areas : Register::orgs, Action::write)) forbidden();
  ctx.app.db.write([&](store::Conn& c) {
    auto node = node_in_scope(c, ctx.who(), area, id, Action::write);
    if (!node) not_found();
    auto parent = node_in_scope(c, ctx.who(), area, *parent_id, Action::write);
    if (!parent) bad_request("parent_id", "新的上级不存在或不在您的管辖范围内");
    if (auth::path_within(parent->path, node->path)) bad_request("parent_id", "不能移到自己或自己的下级之下");
    if (area ? !area_child_allowed(parent->kind, node->kind) : !org_child_allowed(parent->kind, node->kind)) {
      bad_request("parent_id", "此节点不能设在所选上级之下");
    }
    const std::string old_path = node->path;
    const std::string new_path = parent->path + std::to_string(id) + "/";
    const std::int64_t depth_delta = parent->depth + 1 - node->depth;
    const auto cut = static_cast<std::int64_t>(old_path.size()) + 1;
    const store::Params range{new_path, cut, old_path, auth::path_end(old_path)};
    const char* table = area ? "area" : "party_org";
    c.execute(std::string("UPDATE ") + table +
                  " SET path = ? || substr(path, CAST(? AS INTEGER)), depth = depth + ? "
                  "WHERE path >= ? AND path < ?",
              {new_path, cut, depth_delta, old_path, auth::path_end(old_path)});
    c.execute(std::string("UPDATE ") + table + " SET parent_id = ? WHERE id = ?", {*parent_id, id});
    if (area) {
      for (const char* t : {"party_org", "unit", "member", "venue", "person"}) {
        c.execute(std::string("UPDATE ") + t +
                      " SET area_path = ? || substr(area_path, CAST(? AS INTEGER)) "
                      "WHERE area_path >= ? AND area_path < ?",
                  range);
      }
    } else {
      c.execute(
          "UPDATE member SET org_path = ? || substr(org_path, CAST(? AS INTEGER)) WHERE org_path >= ? AND org_path < ?",
          range);
    }
    const auto now = ctx.app.now();
    if (effective.empty()) {
      const std::time_t t = static_cast<std::time_t>(now);
      std::tm tm{};
      gmtime_r(&t, &tm);
      char buf[16];
      std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
      effective = buf;
    }
    c.execute(
        "INSERT INTO tree_change (tree, node_id, change, effective_on, before_value, after_value, at) "
        "VALUES (?, ?, 'move', ?, ?, ?, ?)",
        {std::string(table), id, effective, old_path, new_path, now});
    audit::record(c, {now, ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "move", table,
                      std::to_string(id), old_path, new_path});
  });
  // Paths below the moved node changed, and sessions' scopes resolve to paths.
  auth::forget_principals();
  return json::respond(bj::object{{"id", id}, {"parent_id", *parent_id}});
}

http::Response history(Ctx& ctx, bool area) {
  const auto id = ctx.id();
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    if (!node_in_scope(c, ctx.who(), area, id, Action::read)) not_found();
    return c.query(
        "SELECT change, effective_on, before_value, after_value, at FROM tree_change "
        "WHERE tree = ? AND node_id = ? ORDER BY id DESC LIMIT 200",
        {std::string(area ? "area" : "party_org"), id});
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"change", r.text(0)},
                               {"effective_on", r.text(1)},
                               {"before", r.text(2)},
                               {"after", r.text(3)},
                               {"at", r.integer(4)}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

http::Response geojson(Ctx& ctx) {
  if (!ctx.who().can(Register::areas, Action::read)) forbidden();
  const auto id = ctx.id();
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    auto node = node_in_scope(c, ctx.who(), true, id, Action::read);
    if (!node) not_found();
    return c.query(
        "SELECT g.id, g.name, p.name, g.geometry, "
        "  (SELECT COUNT(*) FROM person s WHERE s.kind = 'grid_staff' AND s.area_path >= g.path AND "
        "   s.area_path < g.path || '~') "
        "FROM area g LEFT JOIN area p ON p.id = g.parent_id "
        "WHERE g.kind = 'grid' AND g.geometry IS NOT NULL AND g.path >= ? AND g.path < ? ORDER BY g.id",
        {node->path, auth::path_end(node->path)});
  });
  bj::array features;
  for (const auto& r : rs) {
    boost::system::error_code ec;
    auto geom = bj::parse(r.text(3), ec);
    if (ec) continue;
    features.push_back(bj::object{
        {"type", "Feature"},
        {"id", r.integer(0)},
        {"properties",
         bj::object{
             {"id", r.integer(0)}, {"name", r.text(1)}, {"parent_name", r.text(2)}, {"staff_count", r.integer(4)}}},
        {"geometry", std::move(geom)}});
  }
  return json::respond(bj::object{{"type", "FeatureCollection"}, {"features", std::move(features)}});
}

http::Response coverage(Ctx& ctx) {
  if (!ctx.who().can(Register::units, Action::read)) forbidden();
  auth::ScopeColumns cols;
  cols.area_path = "area_path";
  cols.unit_id = "id";
  auto scope = auth::scope_clause(ctx.who(), Register::units, Action::read, cols);
  std::string where = " WHERE " + scope.sql;
  store::Params params = scope.params;
  auto counts = ctx.app.db.read([&](store::Conn& c) {
    if (auto a = ctx.req.param("area_id"); a && !a->empty()) {
      if (a->size() > 18 || a->find_first_not_of("0123456789") != std::string::npos)
        bad_request("area_id", "area_id 应为整数");
      auto row = c.one("SELECT path FROM area WHERE id = ?", {std::stoll(*a)});
      const auto path = row ? row->text(0) : "/none/";
      where += " AND area_path >= ? AND area_path < ?";
      params.emplace_back(path);
      params.emplace_back(auth::path_end(path));
    }
    return c.one(
        "SELECT COUNT(*), "
        "SUM(CASE WHEN party_status = 'own' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN party_status = 'joint' THEN 1 ELSE 0 END) FROM unit" +
            where,
        params);
  });
  const auto units = counts->integer(0);
  const auto own = counts->integer(1);
  const auto joint = counts->integer(2);
  auto rate = [&](std::int64_t n) { return units ? static_cast<double>(n) / static_cast<double>(units) : 0.0; };
  return json::respond(bj::object{{"units", units},
                                  {"with_org", own + joint},
                                  {"own", own},
                                  {"joint", joint},
                                  {"none", units - own - joint},
                                  {"coverage_rate", rate(own + joint)},
                                  {"own_rate", rate(own)}});
}

http::Response committee(Ctx& ctx) {
  if (!ctx.who().can(Register::areas, Action::read)) forbidden();
  const auto id = ctx.id();
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    if (!node_in_scope(c, ctx.who(), true, id, Action::read)) not_found();
    return c.query(
        "SELECT s.person_id, p.name, u.name, s.post, s.id FROM committee_seat s "
        "JOIN person p ON p.id = s.person_id LEFT JOIN unit u ON u.id = s.unit_id "
        "WHERE s.area_id = ? ORDER BY s.id",
        {id});
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"id", r.integer(4)},
                               {"person_id", r.integer(0)},
                               {"name", r.text(1)},
                               {"unit_name", r.text(2)},
                               {"post", r.text(3)}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

http::Response add_seat(Ctx& ctx) {
  if (!ctx.who().can(Register::areas, Action::write)) forbidden();
  const auto area_id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto person_id = json::opt_int(body, "person_id");
  if (!person_id) bad_request("person_id", "请选择兼职委员", "required");
  const auto unit_id = json::opt_int(body, "unit_id");
  const auto post = json::opt_string(body, "post", 30).value_or("兼职委员");
  const auto seat = ctx.app.db.write([&](store::Conn& c) {
    auto node = node_in_scope(c, ctx.who(), true, area_id, Action::write);
    if (!node) not_found();
    if (node->kind != "community" && node->kind != "village") bad_request("", "只有社区（村）设大党委");
    auto person = c.one("SELECT area_path FROM person WHERE id = ?", {*person_id});
    if (!person || !auth::path_within(person->text(0), node->path))
      bad_request("person_id", "所选人员不在本社区（村）");
    if (unit_id && !c.one("SELECT 1 FROM unit WHERE id = ?", {*unit_id})) bad_request("unit_id", "所选单位不存在");
    if (c.one("SELECT 1 FROM committee_seat WHERE area_id = ? AND person_id = ?", {area_id, *person_id})) {
      conflict("此人已是大党委兼职委员", "person_id");
    }
    const auto id =
        c.one("INSERT INTO committee_seat (area_id, person_id, unit_id, post) VALUES (?, ?, ?, ?) RETURNING id",
              {area_id, *person_id, store::opt(unit_id), post})
            ->integer(0);
    audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "create",
                      "committee_seat", std::to_string(id), "",
                      bj::serialize(bj::object{{"area_id", area_id}, {"person_id", *person_id}, {"post", post}})});
    return id;
  });
  return json::respond(bj::object{{"id", seat}, {"area_id", area_id}, {"person_id", *person_id}, {"post", post}}, 201);
}

http::Response remove_seat(Ctx& ctx) {
  if (!ctx.who().can(Register::areas, Action::write)) forbidden();
  const auto area_id = ctx.id();
  const auto seat_id = ctx.id("seat_id");
  ctx.app.db.write([&](store::Conn& c) {
    if (!node_in_scope(c, ctx.who(), true, area_id, Action::write)) not_found();
    if (c.execute("DELETE FROM committee_seat WHERE id = ? AND area_id = ?", {seat_id, area_id}) == 0) not_found();
    audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "delete",
                      "committee_seat", std::to_string(seat_id), "", ""});
  });
  http::Response r;
  r.status = 204;
  return r;
}

// Communities and villages with their street: what a resident or member picks on the phone pages
// (where to report, where a need is). Names only; public like the grid map.
http::Response public_communities(Ctx& ctx) {
  auto rs = ctx.app.db.read([](store::Conn& c) {
    return c.query(
        "SELECT a.id, a.name, p.id, p.name FROM area a LEFT JOIN area p ON p.id = a.parent_id "
        "WHERE a.kind IN ('community', 'village') ORDER BY a.path");
  });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"id", r.integer(0)},
                               {"name", r.text(1)},
                               {"street_id", r.is_null(2) ? bj::value(nullptr) : bj::value(r.integer(2))},
                               {"street_name", r.is_null(3) ? bj::value(nullptr) : bj::value(r.text(3))}});
  }
  auto resp = json::respond(bj::object{{"items", std::move(items)}});
  resp.set_header("Cache-Control", "public, max-age=300");
  return resp;
}

}  // namespace

void register_routes(Router& r) {
  r.add("GET", "/api/v1/public/communities", Access::open, "areas", "社区和村（居民端、党员端选择）",
        public_communities);
  // Fixed paths before the register's "/{id}" patterns so they win the match.
  r.add("GET", "/api/v1/units/coverage", Access::authenticated, "units", "两个覆盖：党组织覆盖率与单独组建率",
        coverage);
  for (const char* name : {"areas", "orgs", "units", "venues"}) {
    registry::register_spec_routes(r, *registry::find_spec(name));
  }
  r.add("POST", "/api/v1/areas/{id}/move", Access::authenticated, "areas", "调整区域的上级（含整棵子树）",
        [](Ctx& c) { return move(c, true); });
  r.add("POST", "/api/v1/orgs/{id}/move", Access::authenticated, "orgs", "调整党组织隶属关系（含整棵子树）",
        [](Ctx& c) { return move(c, false); });
  r.add("GET", "/api/v1/areas/{id}/history", Access::authenticated, "areas", "区域沿革",
        [](Ctx& c) { return history(c, true); });
  r.add("GET", "/api/v1/orgs/{id}/history", Access::authenticated, "orgs", "党组织沿革",
        [](Ctx& c) { return history(c, false); });
  r.add("GET", "/api/v1/areas/{id}/geojson", Access::authenticated, "areas", "区域内网格边界（GeoJSON）", geojson);
  r.add("GET", "/api/v1/areas/{id}/committee", Access::authenticated, "areas", "社区大党委兼职委员", committee);
  r.add("POST", "/api/v1/areas/{id}/committee", Access::authenticated, "areas", "增加大党委兼职委员", add_seat);
  r.add("DELETE", "/api/v1/areas/{id}/committee/{seat_id}", Access::authenticated, "areas", "移除大党委兼职委员",
        remove_seat);
}

}  // namespace jiceng::orgs
