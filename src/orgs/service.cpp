#include "orgs/service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "orgs/hooks.hpp"
#include "orgs/queries.hpp"
#include "orgs/rows.hpp"
#include "orgs/rules.hpp"

namespace jiceng::orgs {

Area area_of(const store::Row& r) {
  return Area{r.integer(0), r.text(1), r.text(2), r.text(3), r.is_null(4) ? std::nullopt : std::optional(r.integer(4)),
              r.integer(5)};
}

Unit unit_of(const store::Row& r) { return Unit{r.integer(0), r.text(1), r.text(2), r.text(3)}; }

namespace {

namespace bj = boost::json;

std::optional<Area> one_area(store::Conn& c, const std::string& where, const store::Params& params) {
  auto row = c.one(std::string(sql::kAreaColumns) + where, params);
  if (!row) return std::nullopt;
  return area_of(*row);
}

core::Clause tree_scope(const core::Principal& who, Tree tree, core::Action a) {
  core::ScopeColumns cols;
  cols.area_path = tree == Tree::areas ? "path" : "area_path";
  if (tree == Tree::orgs) cols.org_path = "path";
  return core::scope_clause(who, tree == Tree::areas ? core::Register::areas : core::Register::orgs, a, cols);
}

store::Params with_scope(store::Params params, const core::Clause& scope) {
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return params;
}

void audit_by(store::Conn& c, App& app, const core::Principal& who, const std::string& ip, const char* action,
              const std::string& type, const std::string& id, const std::string& before, const std::string& after) {
  audit::record(c, {app.now(), who.username, who.account_id, ip, action, type, id, before, after});
}

// The paths below a moved node, and whatever hangs off them: in its own tables, then in those of
// the modules above (their hooks, in the same transaction).
void rewrite_paths(store::Conn& c, Tree tree, const Node& node, const std::string& new_path, std::int64_t depth_delta) {
  const std::string& old_path = node.path;
  const auto cut = static_cast<std::int64_t>(old_path.size()) + 1;
  const store::Params range{new_path, cut, old_path, core::path_end(old_path)};
  const std::string table = tree_table(tree);
  c.execute("UPDATE " + table + sql::kMovePathsSet, {new_path, cut, depth_delta, old_path, core::path_end(old_path)});
  const PathMove move{old_path, new_path};
  if (tree == Tree::areas) {
    for (const char* t : sql::kAreaPathTables) c.execute(std::string("UPDATE ") + t + sql::kMoveAreaPathsSet, range);
    hooks::area_paths_moved(c, move);
  } else {
    hooks::org_paths_moved(c, move);
  }
}

}  // namespace

std::optional<Area> area_by_id(store::Conn& c, std::int64_t id) { return one_area(c, sql::kAreaById, {id}); }

std::optional<Area> area_by_path(store::Conn& c, const std::string& path) {
  return one_area(c, sql::kAreaByPath, {path});
}

std::optional<Area> area_in_scope(store::Conn& c, const core::Principal& who, core::Register reg, core::Action a,
                                  std::int64_t id) {
  core::ScopeColumns cols;
  cols.area_path = "path";
  auto scope = core::scope_clause(who, reg, a, cols);
  return one_area(c, std::string(sql::kAreaById) + " AND " + scope.sql, with_scope({id}, scope));
}

std::vector<Area> root_areas(store::Conn& c) {
  std::vector<Area> out;
  for (const auto& r : c.query(std::string(sql::kAreaColumns) + sql::kRootAreas)) out.push_back(area_of(r));
  return out;
}

bool county_department(store::Conn& c, const core::Principal& who) {
  const auto roots = root_areas(c);
  return !roots.empty() && std::any_of(who.bindings.begin(), who.bindings.end(), [&](const core::Binding& b) {
    return b.role == core::Role::org_dept && b.scope_type == core::ScopeType::area && b.path == roots.front().path;
  });
}

bool has_areas(store::Conn& c) { return c.one(sql::kAnyArea).has_value(); }

std::vector<Area> ancestors(store::Conn& c, const std::string& path) {
  std::vector<Area> out;
  for (const auto& p : core::path_and_ancestors(path)) {
    if (auto a = area_by_path(c, p)) out.push_back(std::move(*a));
  }
  return out;
}

std::optional<Area> community_named_in(store::Conn& c, const std::string& address) {
  return one_area(c, sql::kCommunityInAddress, {address});
}

std::size_t level(const std::string& path) { return core::path_and_ancestors(path).size(); }

std::optional<OrgPaths> org_paths_by_id(store::Conn& c, std::int64_t id) {
  auto row = c.one(sql::kOrgPathsById, {id});
  if (!row) return std::nullopt;
  return OrgPaths{row->text(0), row->text(1)};
}

std::optional<OrgPaths> org_paths_in_scope(store::Conn& c, const core::Principal& who, core::Register reg,
                                           core::Action a, std::int64_t id) {
  core::ScopeColumns cols;
  cols.area_path = "area_path";
  cols.org_path = "path";
  auto scope = core::scope_clause(who, reg, a, cols);
  auto row = c.one(sql::kOrgPathsById + (" AND " + scope.sql), with_scope({id}, scope));
  if (!row) return std::nullopt;
  return OrgPaths{row->text(0), row->text(1)};
}

core::Clause rows_under_org(store::Conn& c, const core::Principal& who, core::Register reg, const std::string& alias,
                            std::optional<std::int64_t> org_id) {
  const auto area_path = alias + ".area_path", org_path = alias + ".org_path";
  core::ScopeColumns cols;
  cols.area_path = area_path.c_str();
  cols.org_path = org_path.c_str();
  auto scope = core::scope_clause(who, reg, core::Action::read, cols);
  core::Clause out{"WHERE " + scope.sql, std::move(scope.params)};
  if (org_id) {
    const auto org = org_paths_in_scope(c, who, reg, core::Action::read, *org_id);
    if (!org) not_found("党组织不存在或不在您的管辖范围内");
    out.sql += " AND " + org_path + " >= ? AND " + org_path + " < ?";
    out.params.insert(out.params.end(), {org->path, core::path_end(org->path)});
  }
  return out;
}

std::vector<Grid> grids_in_scope(store::Conn& c, const core::Principal& who, core::Register reg, core::Action a,
                                 std::optional<std::int64_t> id, const std::optional<std::string>& within) {
  core::ScopeColumns cols;
  cols.area_path = "g.path";
  auto scope = core::scope_clause(who, reg, a, cols);
  std::string where = scope.sql;
  store::Params params = scope.params;
  if (id) {
    where += " AND g.id = ?";
    params.emplace_back(*id);
  }
  if (within) {
    where += " AND g.path >= ? AND g.path < ?";
    params.emplace_back(*within);
    params.emplace_back(core::path_end(*within));
  }
  std::vector<Grid> out;
  for (const auto& g : c.query(sql::kGrids + where + " ORDER BY g.path", params)) {
    out.push_back({g.integer(0), g.text(1), g.text(2), g.is_null(3) ? std::nullopt : std::optional(g.integer(3))});
  }
  return out;
}

void set_grid_contact(store::Conn& c, std::int64_t grid_id, std::optional<std::int64_t> person_id, std::int64_t now) {
  c.execute(sql::kSetGridContact, {store::opt(person_id), now, grid_id});
}

const char* tree_table(Tree tree) { return tree == Tree::areas ? "area" : "party_org"; }

std::optional<Node> node_in_scope(store::Conn& c, const core::Principal& who, Tree tree, std::int64_t id,
                                  core::Action a) {
  auto scope = tree_scope(who, tree, a);
  auto row = c.one((tree == Tree::areas ? sql::kAreaNode : sql::kOrgNode) + scope.sql, with_scope({id}, scope));
  if (!row) return std::nullopt;
  return Node{row->integer(0), row->text(1), row->text(2), row->integer(3), row->text(4)};
}

void record_tree_change(store::Conn& c, Tree tree, std::int64_t node_id, const char* change,
                        const std::string& effective_on, const std::string& before, const std::string& after,
                        std::int64_t at) {
  c.execute(sql::kInsertTreeChange,
            {std::string(tree_table(tree)), node_id, std::string(change), effective_on, before, after, at});
}

void move_node(App& app, const core::Principal& who, Tree tree, std::int64_t id, std::int64_t parent_id,
               const std::string& effective_on, const std::string& ip) {
  const bool area = tree == Tree::areas;
  app.db.write([&](store::Conn& c) {
    auto node = node_in_scope(c, who, tree, id, core::Action::write);
    if (!node) not_found();
    auto parent = node_in_scope(c, who, tree, parent_id, core::Action::write);
    if (!parent) bad_request("parent_id", "新的上级不存在或不在您的管辖范围内");
    if (core::path_within(parent->path, node->path)) bad_request("parent_id", "不能移到自己或自己的下级之下");
    if (area ? !area_child_allowed(parent->kind, node->kind) : !org_child_allowed(parent->kind, node->kind)) {
      bad_request("parent_id", "此节点不能设在所选上级之下");
    }
    const std::string new_path = parent->path + std::to_string(id) + "/";
    rewrite_paths(c, tree, *node, new_path, parent->depth + 1 - node->depth);
    c.execute(std::string("UPDATE ") + tree_table(tree) + sql::kMoveParentSet, {parent_id, id});
    const auto now = app.now();
    record_tree_change(c, tree, id, "move", effective_on.empty() ? core::day_of(now) : effective_on, node->path,
                       new_path, now);
    audit_by(c, app, who, ip, "move", tree_table(tree), std::to_string(id), node->path, new_path);
  });
  // Paths below the moved node changed, and sessions' scopes resolve to paths.
  core::principals_changed();
}

std::int64_t add_seat(App& app, const core::Principal& who, std::int64_t area_id, const Seat& seat,
                      const std::string& ip) {
  return app.db.write([&](store::Conn& c) {
    auto node = node_in_scope(c, who, Tree::areas, area_id, core::Action::write);
    if (!node) not_found();
    if (node->kind != "community" && node->kind != "village") bad_request("", "只有社区（村）设大党委");
    const auto people = hooks::people_by_ids(c, std::span(&seat.person_id, 1));
    const auto person = people.find(seat.person_id);
    if (person == people.end() || !core::path_within(person->second.area_path, node->path))
      bad_request("person_id", "所选人员不在本社区（村）");
    if (seat.unit_id && !c.one(sql::kUnitExists, {*seat.unit_id})) bad_request("unit_id", "所选单位不存在");
    if (c.one(sql::kSeatTaken, {area_id, seat.person_id})) conflict("此人已是大党委兼职委员", "person_id");
    const auto id = c.one(sql::kInsertSeat, {area_id, seat.person_id, store::opt(seat.unit_id), seat.post})->integer(0);
    audit_by(c, app, who, ip, "create", "committee_seat", std::to_string(id), "",
             bj::serialize(bj::object{{"area_id", area_id}, {"person_id", seat.person_id}, {"post", seat.post}}));
    return id;
  });
}

void remove_seat(App& app, const core::Principal& who, std::int64_t area_id, std::int64_t seat_id,
                 const std::string& ip) {
  app.db.write([&](store::Conn& c) {
    if (!node_in_scope(c, who, Tree::areas, area_id, core::Action::write)) not_found();
    if (c.execute(sql::kDeleteSeat, {seat_id, area_id}) == 0) not_found();
    audit_by(c, app, who, ip, "delete", "committee_seat", std::to_string(seat_id), "", "");
  });
}

// For co-governance (see service.hpp).
std::optional<UnitOrg> unit_org(store::Conn& c, std::int64_t unit_id) {
  auto r = c.one(sql::kUnitPartyOrg, {unit_id});
  if (!r) return std::nullopt;
  return UnitOrg{r->opt_integer(0), r->is_null(1) ? std::string() : r->text(1)};
}

std::optional<std::int64_t> unit_on_org_path(store::Conn& c, const std::string& org_path) {
  std::vector<std::int64_t> ids;  // root first
  std::size_t i = 1;
  while (i < org_path.size()) {
    const auto j = org_path.find('/', i);
    if (j == std::string::npos) break;
    ids.push_back(std::stoll(org_path.substr(i, j - i)));
    i = j + 1;
  }
  std::map<std::int64_t, std::int64_t> first_unit;
  for (const auto& r : store::query_ids(c, sql::kFirstUnitOfOrgsIn, ids, sql::kFirstUnitOfOrgsTail)) {
    first_unit[r.integer(0)] = r.integer(1);
  }
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    if (auto found = first_unit.find(*it); found != first_unit.end()) return found->second;
  }
  return std::nullopt;
}

// ---- For appeals ----

namespace {

std::vector<Area> areas_of(const store::ResultSet& rs) {
  std::vector<Area> out;
  for (const auto& r : rs) out.push_back(area_of(r));
  return out;
}

}  // namespace

std::unordered_map<std::int64_t, AreaLine> area_lines(store::Conn& c, std::span<const std::int64_t> ids) {
  std::unordered_map<std::int64_t, AreaLine> out;
  for (const auto& r : store::query_ids(c, sql::kAreaLines, ids)) {
    AreaLine line{area_of(r), {}};
    // Each name above exists only if the one below it does.
    for (std::size_t i = 0; i < kNamesAbove && !r.is_null(6 + i); ++i) line.above.push_back(r.text(6 + i));
    out.emplace(line.area.id, std::move(line));
  }
  return out;
}

std::vector<Area> children_of(store::Conn& c, const std::string& path) {
  return areas_of(c.query(sql::kChildrenOf, {path}));
}

std::vector<Area> subtree(store::Conn& c, const std::string& path) {
  return areas_of(c.query(std::string(sql::kAreaColumns) + sql::kSubtreeByName, {path, core::path_end(path)}));
}

std::vector<MappedGrid> mapped_grids(store::Conn& c) {
  std::vector<MappedGrid> out;
  for (const auto& r : c.query(sql::kMappedGrids)) {
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.opt_integer(4), r.opt_text(5)});
  }
  return out;
}

std::vector<Area> communities(store::Conn& c) {
  return areas_of(c.query(std::string(sql::kAreaColumns) + sql::kCommunities));
}

std::unordered_map<std::int64_t, std::vector<std::string>> compounds_by_grid(store::Conn& c) {
  std::unordered_map<std::int64_t, std::vector<std::string>> out;
  for (const auto& r : c.query(sql::kCompounds)) out[r.integer(0)].push_back(r.text(1));
  return out;
}

std::string places_version(store::Conn& c) {
  auto v = c.one(sql::kPlacesVersion);
  return std::to_string(v->integer(0)) + ":" + std::to_string(v->integer(1));
}

std::optional<Unit> unit_by_id(store::Conn& c, std::int64_t id) {
  const std::int64_t ids[] = {id};
  auto rs = store::query_ids(c, sql::kUnitsByIds, ids);
  if (rs.empty()) return std::nullopt;
  return unit_of(rs[0]);
}

std::vector<Unit> departments(store::Conn& c, const std::string& name_part) {
  std::string query = sql::kDepartments;
  store::Params params;
  if (!name_part.empty()) {
    query += sql::kDepartmentNameLike;
    params.emplace_back(store::like_contains(name_part));
  }
  query += sql::kDepartmentOrder;
  std::vector<Unit> out;
  for (const auto& r : c.query(query, params)) out.push_back(unit_of(r));
  return out;
}

// ---- For org_life ----

namespace {
OrgInfo org_info_of(const store::Row& r) {
  return OrgInfo{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
}
}  // namespace

std::optional<OrgInfo> org_info(store::Conn& c, std::int64_t id) {
  auto r = c.one(std::string(sql::kOrgInfoColumns) + sql::kOrgInfoById, {id});
  if (!r) return std::nullopt;
  return org_info_of(*r);
}

OrgInfo readable_org(store::Conn& c, const core::Principal& who, core::Register reg, std::int64_t org_id) {
  if (!org_paths_in_scope(c, who, reg, core::Action::read, org_id)) not_found("党组织不存在或不在您的管辖范围内");
  return *org_info(c, org_id);
}

std::vector<OrgInfo> orgs_under(store::Conn& c, const std::string& org_path, const std::string& area_path,
                                std::int64_t limit) {
  const bool by_org = !org_path.empty();
  const auto& root = by_org ? org_path : area_path;
  const auto query = std::string(sql::kOrgInfoColumns) + (by_org ? sql::kOrgsUnderOrg : sql::kOrgsUnderArea);
  std::vector<OrgInfo> out;
  for (const auto& r : c.query(query, {root, core::path_end(root), limit})) {
    out.push_back(org_info_of(r));
  }
  return out;
}

std::vector<Area> child_areas(store::Conn& c, std::int64_t area_id) {
  std::vector<Area> out;
  for (const auto& r : c.query(std::string(sql::kAreaColumns) + sql::kChildAreas, {area_id})) {
    out.push_back(area_of(r));
  }
  return out;
}

// ---- For relations ----

std::vector<OrgInfo> member_orgs_named(store::Conn& c, const std::string& part, std::int64_t limit) {
  std::vector<OrgInfo> out;
  for (const auto& r :
       c.query(std::string(sql::kOrgInfoColumns) + sql::kMemberOrgsNamed, {store::like_contains(part), limit})) {
    out.push_back(org_info_of(r));
  }
  return out;
}

}  // namespace jiceng::orgs
