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
using namespace registry::fields;

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
  auto s = orgs::area_register(Register::lists, "resources", "资源", "resource", "title");
  s.fields = {
      sorted(text_field("title", "资源名称", 60, true)),
      choice_field("kind", "资源类型", kinds(), true, true),
      text_field("description", "资源说明", 500),
      area_ref_field("面向社区"),
      text_field("served_area_ids", "服务范围（区域编号）", 200),
      value_field("capacity", "同时可接单数", Kind::integer),
      text_field("available", "可提供时间", 100),
      text_field("contact", "联系方式", 50),
      value_field("lon", "经度", Kind::number),
      value_field("lat", "纬度", Kind::number),
      value_field("unit_id", "提供单位", Kind::ref_unit),
      value_field("member_id", "提供党员（编号）", Kind::integer),
      shown_field("owner_kind", "提供方类型", Kind::choice, owners, true),
      shown_field("owner_name", "提供方", Kind::text),
      shown_field("status", "状态", Kind::choice, kReviewStatuses, true),
      shown_field("review_note", "审核意见", Kind::text),
      shown_field("open_orders", "在办订单", Kind::integer),
      shown_field("ratings", "评价次数", Kind::integer),
  };
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
  auto s = orgs::area_register(Register::lists, "needs", "需求", "need", "title");
  s.fields = {
      sorted(text_field("title", "需求名称", 60, true)),
      choice_field("kind", "需求类型", kinds(), true, true),
      text_field("description", "需求说明", 500),
      area_ref_field("所在网格或社区"),
      choice_field("source", "需求来源", sources, false, true),
      // Every unit and member in the county reads a published need: the resident behind it stays with staff.
      for_staff_only(text_field("requester_name", "提出人", 30)),
      value_field("lon", "经度", Kind::number),
      value_field("lat", "纬度", Kind::number),
      shown_field("appeal_id", "来源诉求", Kind::integer),
      shown_field("status", "状态", Kind::choice, statuses, true),
      shown_field("review_note", "审核意见", Kind::text),
  };
  // Units and members see what is open to claim, and what they have claimed.
  registry::widen_reads(s, sql::kNeedsOfUnit, sql::kNeedsOfMember);
  s.prepare = prepare_need;
  return s;
}

// 项目: a community's undertakings with places to claim.
Spec projects_spec() {
  static const std::vector<registry::Choice> statuses = {{"pending", "待审核"},  {"published", "已发布"},
                                                         {"full", "已满"},       {"done", "已完成"},
                                                         {"rejected", "未通过"}, {"closed", "已关闭"}};
  auto s = orgs::area_register(Register::lists, "projects", "项目", "project", "title");
  s.fields = {
      sorted(text_field("title", "项目名称", 60, true)),
      text_field("description", "项目内容", 1000),
      text_field("goal", "项目目标", 300),
      value_field("budget", "预算（元）", Kind::number),
      value_field("places", "认领名额", Kind::integer, true),
      area_ref_field("所属社区"),
      value_field("starts_on", "开始日期", Kind::date),
      value_field("ends_on", "结束日期", Kind::date),
      shown_field("taken", "已认领", Kind::integer),
      shown_field("status", "状态", Kind::choice, statuses, true),
      shown_field("review_note", "审核意见", Kind::text),
  };
  registry::widen_reads(s, sql::kProjectsOfUnit, sql::kProjectsOfMember);
  s.prepare = prepare_project;
  return s;
}

}  // namespace

void add_registers() {
  for (auto make : {resources_spec, needs_spec, projects_spec}) registry::add_spec(make());
}

}  // namespace jiceng::lists
