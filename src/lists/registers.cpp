// Resources, needs and projects as registers. A unit admin or member offers resources as
// themselves; community staff publish needs and projects and may register a resource on a unit's
// behalf. What community staff enter is published at once; what others enter waits for review.
#include "lists/registers.hpp"

#include <boost/json.hpp>
#include <span>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "lists/queries.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/lookups.hpp"
#include "people/service.hpp"
#include "registry/spec.hpp"

namespace jiceng::lists {
namespace {

namespace bj = boost::json;
using cogov::int_of;
using cogov::text_of;
using core::Action;
using core::Register;
using registry::Field;
using registry::Kind;
using registry::read_only;
using registry::WriteCtx;

constexpr std::int64_t kMaxCapacity = 1000;
constexpr std::int64_t kMaxPlaces = 1000;
constexpr std::size_t kMaxServedAreas = 20;
// The county's map lies inside China: anything else is a typo, not a place.
constexpr double kMinLon = 73, kMaxLon = 136, kMinLat = 3, kMaxLat = 54;

const std::vector<registry::Choice>& kinds() {
  static const std::vector<registry::Choice> v = {
      {"venue", "场地"}, {"funds", "资金"}, {"service", "专业服务"}, {"volunteers", "志愿力量"}, {"goods", "物资"}};
  return v;
}

void check_point(WriteCtx& wc) {
  const bool lon = wc.given("lon"), lat = wc.given("lat");
  if (lon != lat) bad_request(lon ? "lat" : "lon", "经度和纬度应同时填写");
  if (!lon) return;
  const double x = std::get<double>(wc.input["lon"]), y = std::get<double>(wc.input["lat"]);
  if (x < kMinLon || x > kMaxLon) bad_request("lon", "经度不在中国境内");
  if (y < kMinLat || y > kMaxLat) bad_request("lat", "纬度不在中国境内");
}

void check_range(WriteCtx& wc, const std::string& key, std::int64_t lo, std::int64_t hi, const std::string& label) {
  if (!wc.given(key)) return;
  const auto v = std::get<std::int64_t>(wc.input[key]);
  if (v < lo || v > hi) bad_request(key, label + "应为 " + std::to_string(lo) + " 到 " + std::to_string(hi));
}

// The area a list item belongs to, which must be one of `kinds_ok` and where staff may write.
std::string staff_area(WriteCtx& wc, std::initializer_list<const char*> kinds_ok, const char* what) {
  const auto id = std::get<std::int64_t>(wc.input["area_id"]);
  const auto path = wc.area_path("area_id", id);
  const auto kind = orgs::area_by_id(wc.conn, id)->kind;
  for (const char* k : kinds_ok) {
    if (kind == k) return path;
  }
  bad_request("area_id", std::string("所属区域应为") + what);
}

std::string served_paths(WriteCtx& wc) {
  const auto raw = text_of(wc.input["served_area_ids"]);
  std::string out;
  std::size_t count = 0;
  std::size_t i = 0;
  while (i <= raw.size()) {
    auto j = raw.find_first_of(",，、 ", i);
    if (j == std::string::npos) j = raw.size();
    const auto part = raw.substr(i, j - i);
    // "，" and "、" are three bytes; skip the whole separator.
    i = j + (j < raw.size() && static_cast<unsigned char>(raw[j]) >= 0x80 ? 3 : 1);
    if (part.empty()) continue;
    if (part.size() > 18 || part.find_first_not_of("0123456789") != std::string::npos) {
      bad_request("served_area_ids", "服务范围应为以逗号分隔的区域编号");
    }
    auto area = orgs::area_by_id(wc.conn, std::stoll(part));
    if (!area) bad_request("served_area_ids", "服务范围中的区域 " + part + " 不存在");
    if (++count > kMaxServedAreas) bad_request("served_area_ids", "服务范围最多 20 个区域");
    out += (out.empty() ? "" : "|") + area->path;
  }
  return out;
}

void set_owner(WriteCtx& wc, const char* kind, std::int64_t id) {
  const bool unit = std::string_view(kind) == "unit";
  const auto names =
      unit ? orgs::unit_names(wc.conn, std::span(&id, 1)) : people::member_names(wc.conn, std::span(&id, 1));
  const auto name = names.find(id);
  if (name == names.end()) bad_request(unit ? "unit_id" : "member_id", unit ? "所选单位不存在" : "所选党员不存在");
  wc.columns["owner_kind"] = std::string(kind);
  wc.columns["unit_id"] = unit ? store::Value(id) : store::null();
  wc.columns["member_id"] = unit ? store::null() : store::Value(id);
  wc.columns["owner_name"] = name->second;
}

void prepare_resource(WriteCtx& wc) {
  const auto unit = cogov::acting_unit(wc.who, Register::lists, Action::write);
  const auto member = cogov::acting_member(wc.who, Register::lists, Action::write);
  const bool staff = !unit && !member;
  if (wc.has("area_id")) {
    const auto id = std::get<std::int64_t>(wc.input["area_id"]);
    if (staff) {
      wc.columns["area_path"] = staff_area(wc, {"community", "village"}, "社区或村");
    } else {
      // Units and members offer to any community; that community reviews the offer.
      auto area = orgs::area_by_id(wc.conn, id);
      if (!area || !cogov::is_community(area->kind)) bad_request("area_id", "请选择资源面向的社区或村");
      wc.columns["area_path"] = area->path;
    }
  }
  if (wc.create) {
    if (unit)
      set_owner(wc, "unit", *unit);
    else if (member)
      set_owner(wc, "member", *member);
    else if (wc.given("unit_id"))
      set_owner(wc, "unit", std::get<std::int64_t>(wc.input["unit_id"]));
    else if (wc.given("member_id"))
      set_owner(wc, "member", std::get<std::int64_t>(wc.input["member_id"]));
    else
      bad_request("unit_id", "请选择提供资源的单位或党员", "required");
    wc.columns["status"] = std::string(staff ? "published" : "pending");
    if (!wc.given("capacity")) wc.columns["capacity"] = std::int64_t{1};
  } else {
    if (wc.has("unit_id") || wc.has("member_id")) bad_request("unit_id", "资源的提供方不能修改");
    // An owner's change is looked at again before it is offered.
    if (!staff && text_of(wc.existing->at("status")) == "published") wc.columns["status"] = std::string("pending");
  }
  if (wc.has("served_area_ids"))
    wc.columns["served_paths"] = wc.given("served_area_ids") ? store::Value(served_paths(wc)) : store::null();
  check_range(wc, "capacity", 1, kMaxCapacity, "同时可接单数");
  check_point(wc);
}

void prepare_need(WriteCtx& wc) {
  if (wc.has("area_id")) wc.columns["area_path"] = staff_area(wc, {"grid", "community", "village"}, "网格、社区或村");
  if (wc.create) {
    const auto path = text_of(wc.columns["area_path"]);
    wc.columns["status"] = std::string(cogov::may_approve(wc.who, Register::lists, path) ? "published" : "pending");
    if (!wc.given("source")) wc.columns["source"] = std::string("community");
  }
  check_point(wc);
}

void prepare_project(WriteCtx& wc) {
  if (wc.has("area_id")) wc.columns["area_path"] = staff_area(wc, {"community", "village"}, "社区或村");
  if (wc.create) {
    const auto path = text_of(wc.columns["area_path"]);
    wc.columns["status"] = std::string(cogov::may_approve(wc.who, Register::lists, path) ? "published" : "pending");
  }
  check_range(wc, "places", 1, kMaxPlaces, "认领名额");
  if (wc.given("places") && !wc.create) {
    const auto taken = int_of(wc.existing->at("taken")).value_or(0);
    if (std::get<std::int64_t>(wc.input["places"]) < taken) bad_request("places", "认领名额不能少于已认领的数量");
  }
  if (wc.given("budget") && std::get<double>(wc.input["budget"]) < 0) bad_request("budget", "预算不能为负数");
  const auto starts = wc.given("starts_on") ? text_of(wc.input["starts_on"]) : "";
  const auto ends = wc.given("ends_on") ? text_of(wc.input["ends_on"]) : "";
  if (!starts.empty() && !ends.empty() && ends < starts) bad_request("ends_on", "结束日期不能早于开始日期");
}

const std::vector<registry::Choice> kReviewStatuses = {
    {"pending", "待审核"}, {"published", "已发布"}, {"rejected", "未通过"}, {"withdrawn", "已撤回"}};

// 资源: what units and members offer; theirs wait for review, staff's are published at once.
Spec resources_spec() {
  static const std::vector<registry::Choice> owners = {{"unit", "单位"}, {"member", "党员"}};
  Spec s;
  s.reg = Register::lists;
  s.name = "resources";
  s.label = "资源";
  s.table = "resource";
  s.search_column = "title";
  s.names = {orgs::area_name_lookup()};
  s.fields = {
      Field{"title", "title", "资源名称", Kind::text, true, 60},
      Field{"kind", "kind", "资源类型", Kind::choice, true, 20, kinds(), true},
      Field{"description", "description", "资源说明", Kind::text, false, 500},
      registry::area_ref_field("面向社区"),
      Field{"served_area_ids", "served_area_ids", "服务范围（区域编号）", Kind::text, false, 200},
      Field{"capacity", "capacity", "同时可接单数", Kind::integer},
      Field{"available", "available", "可提供时间", Kind::text, false, 100},
      Field{"contact", "contact", "联系方式", Kind::text, false, 50},
      Field{"lon", "lon", "经度", Kind::number},
      Field{"lat", "lat", "纬度", Kind::number},
      Field{"unit_id", "unit_id", "提供单位", Kind::ref_unit},
      Field{"member_id", "member_id", "提供党员（编号）", Kind::integer},
      read_only("owner_kind", "owner_kind", "提供方类型", Kind::choice, owners, true),
      read_only("owner_name", "owner_name", "提供方", Kind::text),
      read_only("status", "status", "状态", Kind::choice, kReviewStatuses, true),
      read_only("review_note", "review_note", "审核意见", Kind::text),
      read_only("open_orders", "open_orders", "在办订单", Kind::integer),
      read_only("ratings", "ratings", "评价次数", Kind::integer),
  };
  s.fields[0].sort = true;
  registry::place_by_area(s);
  s.scope.unit_id = "t.unit_id";
  s.scope.member_id = "t.member_id";
  s.prepare = prepare_resource;
  s.decorate = [](store::Conn&, const store::Row& row, bj::object& o, bool) {
    const auto n = int_of(row.at("ratings")).value_or(0);
    const auto sum = int_of(row.at("rating_sum")).value_or(0);
    o["average_rating"] = n > 0 ? bj::value(static_cast<double>(sum) / static_cast<double>(n)) : bj::value(nullptr);
  };
  return s;
}

// 需求: what residents, grids and communities need; units and members see the published ones
// and those they claimed.
Spec needs_spec() {
  static const std::vector<registry::Choice> sources = {{"resident", "居民"}, {"grid", "网格"}, {"community", "社区"}};
  static const std::vector<registry::Choice> statuses = {{"pending", "待审核"},  {"published", "已发布"},
                                                         {"ordered", "已接单"},  {"done", "已完成"},
                                                         {"rejected", "未通过"}, {"closed", "已关闭"}};
  Spec s;
  s.reg = Register::lists;
  s.name = "needs";
  s.label = "需求";
  s.table = "need";
  s.search_column = "title";
  s.names = {orgs::area_name_lookup()};
  s.fields = {
      Field{"title", "title", "需求名称", Kind::text, true, 60},
      Field{"kind", "kind", "需求类型", Kind::choice, true, 20, kinds(), true},
      Field{"description", "description", "需求说明", Kind::text, false, 500},
      registry::area_ref_field("所在网格或社区"),
      Field{"source", "source", "需求来源", Kind::choice, false, 20, sources, true},
      // Every unit and member in the county reads a published need: the resident behind it stays with staff.
      registry::for_staff_only(Field{"requester_name", "requester_name", "提出人", Kind::text, false, 30}),
      Field{"lon", "lon", "经度", Kind::number},
      Field{"lat", "lat", "纬度", Kind::number},
      read_only("appeal_id", "appeal_id", "来源诉求", Kind::integer),
      read_only("status", "status", "状态", Kind::choice, statuses, true),
      read_only("review_note", "review_note", "审核意见", Kind::text),
  };
  s.fields[0].sort = true;
  registry::place_by_area(s);
  // Units and members see what is open to claim, and what they have claimed.
  core::ScopeColumns wide = s.scope;
  wide.unit_id = sql::kNeedsOfUnit;
  wide.member_id = sql::kNeedsOfMember;
  s.read_scope = wide;
  s.prepare = prepare_need;
  return s;
}

// 项目: a community's undertakings with places to claim.
Spec projects_spec() {
  static const std::vector<registry::Choice> statuses = {{"pending", "待审核"},  {"published", "已发布"},
                                                         {"full", "已满"},       {"done", "已完成"},
                                                         {"rejected", "未通过"}, {"closed", "已关闭"}};
  Spec s;
  s.reg = Register::lists;
  s.name = "projects";
  s.label = "项目";
  s.table = "project";
  s.search_column = "title";
  s.names = {orgs::area_name_lookup()};
  s.fields = {
      Field{"title", "title", "项目名称", Kind::text, true, 60},
      Field{"description", "description", "项目内容", Kind::text, false, 1000},
      Field{"goal", "goal", "项目目标", Kind::text, false, 300},
      Field{"budget", "budget", "预算（元）", Kind::number},
      Field{"places", "places", "认领名额", Kind::integer, true},
      registry::area_ref_field("所属社区"),
      Field{"starts_on", "starts_on", "开始日期", Kind::date},
      Field{"ends_on", "ends_on", "结束日期", Kind::date},
      read_only("taken", "taken", "已认领", Kind::integer),
      read_only("status", "status", "状态", Kind::choice, statuses, true),
      read_only("review_note", "review_note", "审核意见", Kind::text),
  };
  s.fields[0].sort = true;
  registry::place_by_area(s);
  core::ScopeColumns wide = s.scope;
  wide.unit_id = sql::kProjectsOfUnit;
  wide.member_id = sql::kProjectsOfMember;
  s.read_scope = wide;
  s.prepare = prepare_project;
  return s;
}

}  // namespace

void add_registers() {
  for (auto make : {resources_spec, needs_spec, projects_spec}) registry::add_spec(make());
}

}  // namespace jiceng::lists
