#include "appeals/grid_index.hpp"

// Boost.Geometry's envelope code trips GCC 12's maybe-uninitialized analysis; the values are set.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <vector>

#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;
using Box = bg::model::box<Point>;
using Entry = std::pair<Box, std::size_t>;

constexpr std::int64_t kRecheckMillis = 1000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool ring_from(const boost::json::value& v, Polygon::ring_type& ring) {
  if (!v.is_array()) return false;
  for (const auto& pt : v.as_array()) {
    if (!pt.is_array() || pt.as_array().size() < 2 || !pt.as_array()[0].is_number() || !pt.as_array()[1].is_number()) {
      return false;
    }
    ring.emplace_back(pt.as_array()[0].to_number<double>(), pt.as_array()[1].to_number<double>());
  }
  return ring.size() >= 4;
}

bool polygon_from(const boost::json::value& coords, Polygon& poly) {
  if (!coords.is_array() || coords.as_array().empty()) return false;
  const auto& rings = coords.as_array();
  if (!ring_from(rings[0], poly.outer())) return false;
  for (std::size_t i = 1; i < rings.size(); ++i) {
    poly.inners().emplace_back();
    if (!ring_from(rings[i], poly.inners().back())) return false;
  }
  bg::correct(poly);
  return true;
}

// Grid boundaries were checked when saved; anything unreadable is simply left out of the index.
std::optional<MultiPolygon> parse_geometry(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto* type = v.as_object().if_contains("type");
  const auto* coords = v.as_object().if_contains("coordinates");
  if (!type || !type->is_string() || !coords) return std::nullopt;
  MultiPolygon mp;
  if (type->as_string() == "Polygon") {
    mp.emplace_back();
    if (!polygon_from(*coords, mp.back())) return std::nullopt;
  } else if (type->as_string() == "MultiPolygon" && coords->is_array()) {
    for (const auto& p : coords->as_array()) {
      mp.emplace_back();
      if (!polygon_from(p, mp.back())) return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  return mp;
}

}  // namespace

struct GridIndex::Impl {
  std::vector<Place> grids;
  std::vector<MultiPolygon> shapes;
  bgi::rtree<Entry, bgi::rstar<16>> tree;
  std::vector<Place> communities;
};

GridIndex::GridIndex() = default;
GridIndex::~GridIndex() = default;

void GridIndex::refresh(store::Conn& c) {
  std::lock_guard lock(mu_);
  const auto t = now_ms();
  if (impl_ && t - checked_at_ < kRecheckMillis) return;
  checked_at_ = t;
  const auto version = orgs::places_version(c);
  if (impl_ && version == version_) return;
  auto impl = std::make_shared<Impl>();
  std::vector<Entry> entries;
  for (const auto& g : orgs::mapped_grids(c)) {
    auto shape = parse_geometry(g.geometry);
    if (!shape) continue;
    entries.emplace_back(bg::return_envelope<Box>(*shape), impl->grids.size());
    impl->grids.push_back(Place{g.id, g.path, g.name, g.id, g.parent_name.value_or("")});
    impl->shapes.push_back(std::move(*shape));
  }
  impl->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
  for (const auto& a : orgs::communities(c)) impl->communities.push_back(Place{a.id, a.path, a.name, 0, a.name});
  impl_ = std::move(impl);
  version_ = version;
}

std::optional<Place> GridIndex::locate(store::Conn& c, double lon, double lat) {
  refresh(c);
  std::shared_ptr<const Impl> impl;
  {
    std::lock_guard lock(mu_);
    impl = impl_;
  }
  const Point p(lon, lat);
  std::vector<Entry> hits;
  impl->tree.query(bgi::intersects(p), std::back_inserter(hits));
  for (const auto& [box, i] : hits) {
    if (bg::covered_by(p, impl->shapes[i])) return impl->grids[i];
  }
  return std::nullopt;
}

std::optional<Place> GridIndex::by_address(store::Conn& c, const std::string& address) {
  refresh(c);
  std::shared_ptr<const Impl> impl;
  {
    std::lock_guard lock(mu_);
    impl = impl_;
  }
  const Place* best = nullptr;
  for (const auto& p : impl->communities) {
    if (address.find(p.name) != std::string::npos && (!best || p.name.size() > best->name.size())) best = &p;
  }
  if (!best) return std::nullopt;
  return *best;
}

std::size_t GridIndex::grids(store::Conn& c) {
  refresh(c);
  std::lock_guard lock(mu_);
  return impl_->grids.size();
}

}  // namespace jiceng::appeals
