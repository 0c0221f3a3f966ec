#include "orgs/rules.hpp"

#include <array>
#include <boost/json.hpp>

namespace jiceng::orgs {
namespace {

constexpr std::size_t kMaxRingPoints = 20000;
constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

// A province and its cities sit above the counties when one installation serves a whole province.
int area_rank(std::string_view kind) {
  if (kind == "province") return 0;
  if (kind == "city") return 1;
  if (kind == "county") return 2;
  if (kind == "street" || kind == "town" || kind == "park") return 3;
  if (kind == "community" || kind == "village") return 4;
  if (kind == "grid") return 5;
  if (kind == "compound") return 6;
  if (kind == "building") return 7;
  return -1;
}

std::optional<std::string> ring_problem(const boost::json::value& ring) {
  if (!ring.is_array() || ring.as_array().size() < 4) return "多边形的每个环至少需要 4 个点";
  if (ring.as_array().size() > kMaxRingPoints) return "多边形的点过多";
  for (const auto& pt : ring.as_array()) {
    if (!pt.is_array() || pt.as_array().size() < 2) return "坐标应为 [经度, 纬度]";
    const auto& a = pt.as_array();
    if (!a[0].is_number() || !a[1].is_number()) return "坐标应为数字";
    const double lon = a[0].to_number<double>();
    const double lat = a[1].to_number<double>();
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return "坐标超出经纬度范围";
  }
  if (ring.as_array().front() != ring.as_array().back()) return "多边形的环应首尾闭合";
  return std::nullopt;
}

}  // namespace

bool area_child_allowed(std::string_view parent_kind, std::string_view child_kind) {
  const int p = area_rank(parent_kind);
  const int c = area_rank(child_kind);
  if (p < 0 || c < 0) return false;
  // A building may sit straight in a grid where there is no compound.
  return c == p + 1 || (child_kind == "building" && parent_kind == "grid");
}

bool org_child_allowed(std::string_view parent, std::string_view child) {
  if (parent == "committee" || parent == "working_committee") {
    return child == "committee" || child == "working_committee" || child == "general_branch" || child == "branch";
  }
  if (parent == "general_branch") return child == "branch";
  if (parent == "branch") return child == "group";
  return false;
}

std::optional<std::string> geometry_problem(std::string_view geojson) {
  boost::system::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 8;
  auto v = boost::json::parse(geojson, ec, {}, opts);
  if (ec || !v.is_object()) return "边界不是有效的 GeoJSON";
  const auto& o = v.as_object();
  const auto* type = o.if_contains("type");
  const auto* coords = o.if_contains("coordinates");
  if (!type || !type->is_string() || !coords || !coords->is_array()) return "边界应为 GeoJSON Polygon 或 MultiPolygon";
  auto polygon = [&](const boost::json::value& p) -> std::optional<std::string> {
    if (!p.is_array() || p.as_array().empty()) return "多边形不能为空";
    for (const auto& ring : p.as_array()) {
      if (auto e = ring_problem(ring)) return e;
    }
    return std::nullopt;
  };
  if (type->as_string() == "Polygon") return polygon(*coords);
  if (type->as_string() == "MultiPolygon") {
    if (coords->as_array().empty()) return "多边形不能为空";
    for (const auto& p : coords->as_array()) {
      if (auto e = polygon(p)) return e;
    }
    return std::nullopt;
  }
  return "边界应为 GeoJSON Polygon 或 MultiPolygon";
}

std::optional<std::string> credit_code_problem(std::string_view code) {
  if (code.size() != 18) return "统一社会信用代码应为 18 位";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const auto pos = kUsccChars.find(code[i]);
    if (pos == std::string_view::npos) return "统一社会信用代码含有无效字符";
    sum += static_cast<int>(pos) * kUsccWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  if (kUsccChars[static_cast<std::size_t>(check)] != code[17]) return "统一社会信用代码校验位错误";
  return std::nullopt;
}

}  // namespace jiceng::orgs
