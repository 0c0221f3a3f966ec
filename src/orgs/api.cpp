// Tree moves, the grid map, party-building coverage and the big committee: parse, authorise, call
// the service, render.
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "orgs/hooks.hpp"
#include "orgs/queries.hpp"
#include "orgs/registers.hpp"
#include "orgs/service.hpp"
#include "registry/spec.hpp"

namespace jiceng::orgs {
namespace {

namespace bj = boost::json;
using core::Action;
using core::Register;

Tree tree_of(bool area) { return area ? Tree::areas : Tree::orgs; }

http::Response move(Ctx& ctx, bool area) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto parent_id = json::opt_int(body, "parent_id");
  if (!parent_id) bad_request("parent_id", "请选择新的上级", "required");
  const auto effective = json::opt_string(body, "effective_on", 10).value_or("");
  if (!effective.empty() && !core::is_valid_date(effective)) bad_request("effective_on", "生效日期应为有效日期");
  if (!ctx.who().can(area ? Register::areas : Register::orgs, Action::write)) forbidden();
  move_node(ctx.app, ctx.who(), tree_of(area), id, *parent_id, effective, ctx.req.client_ip);
  return json::respond(bj::object{{"id", id}, {"parent_id", *parent_id}});
}

http::Response history(Ctx& ctx, bool area) {
  const auto id = ctx.id();
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    if (!node_in_scope(c, ctx.who(), tree_of(area), id, Action::read)) not_found();
    return c.query(sql::kTreeHistory, {std::string(tree_table(tree_of(area))), id});
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
  std::vector<std::int64_t> staff;
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    auto node = node_in_scope(c, ctx.who(), Tree::areas, id, Action::read);
    if (!node) not_found();
    auto grids = c.query(sql::kGridsWithin, {node->path, core::path_end(node->path)});
    std::vector<std::string> paths;
    for (const auto& g : grids) paths.push_back(g.text(4));
    staff = hooks::grid_staff_counts(c, paths);
    return grids;
  });
  bj::array features;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto& r = rs[i];
    boost::system::error_code ec;
    auto geom = bj::parse(r.text(3), ec);
    if (ec) continue;
    features.push_back(bj::object{
        {"type", "Feature"},
        {"id", r.integer(0)},
        {"properties",
         bj::object{{"id", r.integer(0)}, {"name", r.text(1)}, {"parent_name", r.text(2)}, {"staff_count", staff[i]}}},
        {"geometry", std::move(geom)}});
  }
  return json::respond(bj::object{{"type", "FeatureCollection"}, {"features", std::move(features)}});
}

http::Response coverage(Ctx& ctx) {
  if (!ctx.who().can(Register::units, Action::read)) forbidden();
  core::ScopeColumns cols;
  cols.area_path = "area_path";
  cols.unit_id = "id";
  auto scope = core::scope_clause(ctx.who(), Register::units, Action::read, cols);
  std::string where = scope.sql;
  store::Params params = scope.params;
  auto counts = ctx.app.db.read([&](store::Conn& c) {
    if (auto a = ctx.req.param("area_id"); a && !a->empty()) {
      if (a->size() > 18 || a->find_first_not_of("0123456789") != std::string::npos)
        bad_request("area_id", "area_id 应为整数");
      const auto found = area_by_id(c, std::stoll(*a));
      const auto path = found ? found->path : "/none/";
      where += " AND area_path >= ? AND area_path < ?";
      params.emplace_back(path);
      params.emplace_back(core::path_end(path));
    }
    return c.one(sql::kUnitCoverage + where, params);
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
  std::map<std::int64_t, PersonRef> people;
  auto rs = ctx.app.db.read([&](store::Conn& c) {
    if (!node_in_scope(c, ctx.who(), Tree::areas, id, Action::read)) not_found();
    auto seats = c.query(sql::kCommitteeSeats, {id});
    std::vector<std::int64_t> ids;
    for (const auto& r : seats) ids.push_back(r.integer(0));
    people = hooks::people_by_ids(c, ids);
    return seats;
  });
  bj::array items;
  for (const auto& r : rs) {
    const auto person = people.find(r.integer(0));
    if (person == people.end()) continue;  // a seat shows only with its holder
    items.push_back(bj::object{{"id", r.integer(3)},
                               {"person_id", r.integer(0)},
                               {"name", person->second.name},
                               {"unit_name", r.text(1)},
                               {"post", r.text(2)}});
  }
  return json::respond(bj::object{{"items", std::move(items)}});
}

http::Response post_seat(Ctx& ctx) {
  if (!ctx.who().can(Register::areas, Action::write)) forbidden();
  const auto area_id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto person_id = json::opt_int(body, "person_id");
  if (!person_id) bad_request("person_id", "请选择兼职委员", "required");
  const auto unit_id = json::opt_int(body, "unit_id");
  const auto post = json::opt_string(body, "post", 30).value_or("兼职委员");
  const auto seat = add_seat(ctx.app, ctx.who(), area_id, {*person_id, unit_id, post}, ctx.req.client_ip);
  return json::respond(bj::object{{"id", seat}, {"area_id", area_id}, {"person_id", *person_id}, {"post", post}}, 201);
}

http::Response delete_seat(Ctx& ctx) {
  if (!ctx.who().can(Register::areas, Action::write)) forbidden();
  const auto area_id = ctx.id();
  const auto seat_id = ctx.id("seat_id");
  remove_seat(ctx.app, ctx.who(), area_id, seat_id, ctx.req.client_ip);
  http::Response r;
  r.status = 204;
  return r;
}

// Communities and villages with their street: what a resident or member picks on the phone pages
// (where to report, where a need is). Names only; public like the grid map.
http::Response public_communities(Ctx& ctx) {
  auto rs = ctx.app.db.read([](store::Conn& c) { return c.query(sql::kPublicCommunities); });
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
  registry::register_spec_routes(r, {"areas", "orgs", "units", "venues"});
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
  r.add("POST", "/api/v1/areas/{id}/committee", Access::authenticated, "areas", "增加大党委兼职委员", post_seat);
  r.add("DELETE", "/api/v1/areas/{id}/committee/{seat_id}", Access::authenticated, "areas", "移除大党委兼职委员",
        delete_seat);
}

}  // namespace jiceng::orgs
