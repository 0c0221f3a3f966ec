// The organisation matrix as registers: areas, party organisations, units and venues.
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "orgs/hooks.hpp"
#include "orgs/queries.hpp"
#include "orgs/registers.hpp"
#include "orgs/rules.hpp"
#include "orgs/service.hpp"
#include "registry/spec.hpp"

namespace jiceng::orgs {
namespace {

namespace bj = boost::json;
using namespace registry::fields;

constexpr std::size_t kMaxGeometryChars = 400000;

std::string text_of(const store::Value& v) {
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  return {};
}

std::int64_t int_of(const store::Value& v) {
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  return 0;
}

void record_rename(WriteCtx& wc, Tree tree) {
  if (wc.create || !wc.has("name") || !wc.existing) return;
  const auto before = text_of(wc.existing->at("name"));
  const auto after = text_of(wc.input["name"]);
  if (before == after) return;
  record_tree_change(wc.conn, tree, wc.existing->integer(0), "rename", core::day_of(wc.app.now()), before, after,
                     wc.app.now());
}

void prepare_area(WriteCtx& wc) {
  if (wc.create) {
    if (!wc.has("parent_id") || std::holds_alternative<std::monostate>(wc.input["parent_id"])) {
      bad_request("parent_id", "请选择上级区域", "required");
    }
    const auto parent_id = int_of(wc.input["parent_id"]);
    const auto parent_path = wc.area_path("parent_id", parent_id);
    auto parent = wc.conn.one(sql::kAreaParentOf, {parent_id});
    const auto kind = text_of(wc.input["kind"]);
    if (!area_child_allowed(parent->text(0), kind)) bad_request("kind", "此类区域不能设在所选上级之下");
    const auto id = store::next_id(wc.conn, "area");
    wc.columns["id"] = id;
    wc.columns["path"] = parent_path + std::to_string(id) + "/";
    wc.columns["depth"] = parent->integer(1) + 1;
  } else {
    if (wc.has("parent_id")) wc.columns.erase("parent_id");  // moves go through /move
    if (wc.has("kind") && text_of(wc.input["kind"]) != text_of(wc.existing->at("kind"))) {
      const auto kind = text_of(wc.input["kind"]);
      auto parent = wc.conn.one(sql::kAreaParentKind, {wc.existing->integer(0)});
      if (parent && !area_child_allowed(parent->text(0), kind)) bad_request("kind", "此类区域不能设在现在的上级之下");
    }
    record_rename(wc, Tree::areas);
  }
  if (wc.has("geometry") && !std::holds_alternative<std::monostate>(wc.input["geometry"])) {
    if (auto problem = geometry_problem(text_of(wc.input["geometry"]))) bad_request("geometry", *problem);
  }
}

void prepare_org(WriteCtx& wc) {
  if (wc.create || wc.has("area_id")) {
    if (!wc.has("area_id")) bad_request("area_id", "请选择所在区域", "required");
    wc.columns["area_path"] = wc.area_path("area_id", int_of(wc.input["area_id"]));
  }
  if (!wc.create) {
    wc.columns.erase("parent_id");
    record_rename(wc, Tree::orgs);
    if (wc.has("area_id")) {
      // Members follow their organisation's area.
      hooks::org_area_changed(wc.conn, wc.existing->integer(0), text_of(wc.columns["area_path"]));
    }
    return;
  }
  const auto id = store::next_id(wc.conn, "party_org");
  wc.columns["id"] = id;
  const auto level = text_of(wc.input["level"]);
  if (wc.has("parent_id") && !std::holds_alternative<std::monostate>(wc.input["parent_id"])) {
    const auto parent_id = int_of(wc.input["parent_id"]);
    const auto [parent_path, parent_area] = wc.org_paths("parent_id", parent_id);
    auto parent = wc.conn.one(sql::kOrgParentOf, {parent_id});
    if (!org_child_allowed(parent->text(0), level)) bad_request("level", "此类党组织不能设在所选上级党组织之下");
    wc.columns["path"] = parent_path + std::to_string(id) + "/";
    wc.columns["depth"] = parent->integer(1) + 1;
  } else {
    if (level != "committee" && level != "working_committee") bad_request("parent_id", "请选择上级党组织", "required");
    wc.columns["path"] = "/" + std::to_string(id) + "/";
    wc.columns["depth"] = std::int64_t{1};
  }
}

void prepare_unit(WriteCtx& wc) {
  if (wc.has("area_id")) wc.columns["area_path"] = wc.area_path("area_id", int_of(wc.input["area_id"]));
  if (wc.has("credit_code") && !std::holds_alternative<std::monostate>(wc.input["credit_code"])) {
    if (auto problem = credit_code_problem(text_of(wc.input["credit_code"]))) bad_request("credit_code", *problem);
  }
  if (wc.has("party_org_id") && !std::holds_alternative<std::monostate>(wc.input["party_org_id"])) {
    if (!wc.conn.one(sql::kOrgExists, {wc.input["party_org_id"]})) {
      bad_request("party_org_id", "所选党组织不存在");
    }
  }
  const auto status = wc.has("party_status") ? text_of(wc.input["party_status"])
                      : wc.existing          ? text_of(wc.existing->at("party_status"))
                                             : "none";
  if (status == "none" && wc.has("party_org_id") && !std::holds_alternative<std::monostate>(wc.input["party_org_id"])) {
    bad_request("party_status", "已关联党组织的单位，建立情况不能为“未建”");
  }
}

void prepare_area_bound(WriteCtx& wc) {
  if (wc.has("area_id")) wc.columns["area_path"] = wc.area_path("area_id", int_of(wc.input["area_id"]));
}

void count_into(store::Conn& c, bj::object& o, const char* key, const char* query, const std::string& path) {
  o[key] = store::count(c, query, {path, core::path_end(path)});
}

// Subtree figures summed from the rollups: a few tally rows per area below, not the rows themselves.
void area_counts(store::Conn& c, bj::object& counts, const std::string& path) {
  auto row = c.one(sql::kAreaTallies, {path, core::path_end(path)});
  counts["orgs"] = row->integer(1);
  counts["members"] = row->integer(0);
  counts["units"] = row->integer(2);
}

}  // namespace

const std::vector<registry::Choice>& area_kinds() {
  static const std::vector<registry::Choice> k = {{"province", "省"},    {"city", "市州"},    {"county", "县区"},
                                                  {"street", "街道"},    {"town", "镇"},      {"park", "园区"},
                                                  {"community", "社区"}, {"village", "村"},   {"grid", "网格"},
                                                  {"compound", "小区"},  {"building", "楼栋"}};
  return k;
}

namespace {

// Areas.
void add_areas() {
  auto s = registry::spec_of(core::Register::areas, "areas", "行政区划", "area");
  s.joins = "LEFT JOIN area p ON p.id = t.parent_id";
  s.extra = {{"p.name", "parent_name"}};
  s.fields = {
      value_field("parent_id", "上级区域", Kind::ref_area),
      sorted(text_field("name", "名称", 60, true)),
      choice_field("kind", "类型", area_kinds(), true, true),
      text_field("code", "区划代码", 20),
      Field{"path", "path", "", Kind::text, false, 400, {}, false, false, false, false},
      Field{"depth", "depth", "", Kind::integer, false, 10, {}, false, false, false, false},
      Field{"geometry", "", "", Kind::text, false, kMaxGeometryChars, {}, false, false, true, false},
  };
  s.scope.area_path = "t.path";
  s.order_column = "path";
  s.subtree_area_column = "path";
  s.tree = true;
  s.prepare = prepare_area;
  s.decorate = [](store::Conn& c, const store::Row& row, bj::object& o, bool detail) {
    const auto path = text_of(row.at("path"));
    bj::object counts;
    count_into(c, counts, "areas", sql::kAreasBelow, path);
    area_counts(c, counts, path);
    o["counts"] = std::move(counts);
    o["has_geometry"] = std::holds_alternative<std::string>(row.at("geometry"));
    if (detail) {
      const auto& g = row.at("geometry");
      boost::system::error_code ec;
      o["geometry"] =
          std::holds_alternative<std::string>(g) ? bj::parse(std::get<std::string>(g), ec) : bj::value(nullptr);
      if (ec) o["geometry"] = nullptr;
    }
  };
  registry::add_spec(std::move(s));
}

// Party organisations.
void add_orgs() {
  static const std::vector<registry::Choice> levels = {{"committee", "党委"},
                                                       {"working_committee", "党工委"},
                                                       {"general_branch", "党总支"},
                                                       {"branch", "党支部"},
                                                       {"group", "党小组"}};
  static const std::vector<registry::Choice> kinds = {{"rural", "农村"},
                                                      {"community", "社区"},
                                                      {"organ", "机关"},
                                                      {"institution", "事业单位"},
                                                      {"soe", "国有企业"},
                                                      {"non_public", "非公有制企业"},
                                                      {"social", "社会组织"},
                                                      {"school", "学校"},
                                                      {"hospital", "医院"},
                                                      {"regional", "区域化功能型"},
                                                      {"industry_chain", "产业链"},
                                                      {"building", "楼宇"},
                                                      {"joint", "联合建"}};
  auto s = registry::spec_of(core::Register::orgs, "orgs", "党组织", "party_org");
  s.joins = "LEFT JOIN area a ON a.id = t.area_id LEFT JOIN party_org p ON p.id = t.parent_id";
  s.extra = {{"a.name", "area_name"}, {"p.name", "parent_name"}};
  s.fields = {
      value_field("parent_id", "上级党组织", Kind::ref_org),
      sorted(text_field("name", "党组织名称", 80, true)),
      choice_field("level", "组织层级", levels, true, true),
      choice_field("kind", "组织类别", kinds, true, true),
      area_ref_field("所在区域"),
      Field{"path", "path", "", Kind::text, false, 400, {}, false, false, false, false},
      value_field("founded_on", "成立日期", Kind::date),
      text_field("secretary", "书记", 30),
  };
  s.scope.area_path = "t.area_path";
  s.scope.org_path = "t.path";
  s.order_column = "path";
  s.tally_column = "orgs";
  s.subtree_area_column = "area_path";
  s.subtree_org_column = "path";
  s.tree = true;
  s.prepare = prepare_org;
  s.decorate = [](store::Conn& c, const store::Row& row, bj::object& o, bool) {
    const auto path = text_of(row.at("path"));
    bj::object counts;
    count_into(c, counts, "orgs", sql::kOrgsBelow, path);
    counts["members"] = c.one(sql::kOrgMembers, {path, core::path_end(path)})->integer(0);
    o["counts"] = std::move(counts);
  };
  registry::add_spec(std::move(s));
}

// Units.
void add_units() {
  static const std::vector<registry::Choice> kinds = {
      {"enterprise", "企业"}, {"social_org", "社会组织"}, {"organ", "机关"}, {"institution", "事业单位"}};
  static const std::vector<registry::Choice> status = {{"own", "单独组建"}, {"joint", "联合组建"}, {"none", "未建"}};
  auto s = registry::spec_of(core::Register::units, "units", "单位", "unit");
  s.joins = "LEFT JOIN area a ON a.id = t.area_id LEFT JOIN party_org o ON o.id = t.party_org_id";
  s.extra = {{"a.name", "area_name"}, {"o.name", "party_org_name"}};
  s.fields = {
      sorted(text_field("name", "单位名称", 80, true)),
      choice_field("kind", "单位类型", kinds, true, true),
      area_ref_field("所在区域"),
      text_field("credit_code", "统一社会信用代码", 18),
      choice_field("party_status", "党组织建立情况", status, true, true),
      value_field("party_org_id", "所属党组织", Kind::ref_org),
      sorted(value_field("employees", "从业人员数", Kind::integer)),
      text_field("address", "地址", 120),
  };
  registry::place_by_area(s);
  s.scope.unit_id = "t.id";
  s.tally_column = "units";
  s.prepare = prepare_unit;
  registry::add_spec(std::move(s));
}

// Venues (阵地).
void add_venues() {
  static const std::vector<registry::Choice> kinds = {{"service_center", "党群服务中心"},
                                                      {"service_station", "党群服务站"},
                                                      {"activity_room", "党员活动室"},
                                                      {"teaching_site", "教学点"},
                                                      {"other", "其他"}};
  auto s = registry::spec_of(core::Register::venues, "venues", "阵地", "venue");
  s.joins = "LEFT JOIN area a ON a.id = t.area_id";
  s.extra = {{"a.name", "area_name"}};
  s.fields = {
      sorted(text_field("name", "阵地名称", 80, true)),
      choice_field("kind", "阵地类型", kinds, true, true),
      area_ref_field("所在区域"),
      text_field("address", "地址", 120),
      value_field("area_m2", "面积（平方米）", Kind::integer),
      text_field("open_hours", "开放时间", 60),
      Field{"in_city_system", "in_city_system", "已录入市级系统", Kind::boolean, false, 5, {}, true},
      Field{"service_items", "service_items", "服务事项", Kind::list, false, 40},
  };
  registry::place_by_area(s);
  s.tally_column = "venues";
  s.prepare = prepare_area_bound;
  registry::add_spec(std::move(s));
}

// What the registry asks of the two trees and the units (registry::RefLookups).
std::optional<std::string> area_path_in_scope(store::Conn& c, const core::Principal& who, core::Register reg,
                                              core::Action a, std::int64_t id) {
  auto area = area_in_scope(c, who, reg, a, id);
  if (!area) return std::nullopt;
  return area->path;
}

std::optional<std::pair<std::string, std::string>> org_paths_in(store::Conn& c, const core::Principal& who,
                                                                core::Register reg, core::Action a, std::int64_t id) {
  auto org = org_paths_in_scope(c, who, reg, a, id);
  if (!org) return std::nullopt;
  return std::pair{org->path, org->area_path};
}

std::optional<std::string> area_path_of(store::Conn& c, std::int64_t id) {
  auto area = area_by_id(c, id);
  if (!area) return std::nullopt;
  return area->path;
}

std::optional<std::string> org_path_of(store::Conn& c, std::int64_t id) {
  auto org = org_paths_by_id(c, id);
  if (!org) return std::nullopt;
  return org->path;
}

std::vector<std::int64_t> named(store::Conn& c, const core::Principal& who, core::Register reg, Kind kind,
                                const std::string& name) {
  const char* table = kind == Kind::ref_area ? "area" : kind == Kind::ref_org ? "party_org" : "unit";
  core::ScopeColumns cols;
  cols.area_path = kind == Kind::ref_area ? "path" : "area_path";
  if (kind == Kind::ref_org) cols.org_path = "path";
  auto clause = core::scope_clause(who, reg, core::Action::write, cols);
  store::Params params{name};
  params.insert(params.end(), clause.params.begin(), clause.params.end());
  std::vector<std::int64_t> out;
  for (const auto& r :
       c.query(std::string("SELECT id FROM ") + table + sql::kNamedWhere + clause.sql + " LIMIT 2", params)) {
    out.push_back(r.integer(0));
  }
  return out;
}

}  // namespace

void add_registers() {
  registry::set_ref_lookups({area_path_in_scope, org_paths_in, area_path_of, org_path_of, named});
  add_areas();
  add_orgs();
  add_units();
  add_venues();
}

}  // namespace jiceng::orgs
