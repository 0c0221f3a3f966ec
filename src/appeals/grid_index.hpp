#pragma once
// Which grid a point falls in (精准派单): an R-tree over the grid polygons, rebuilt when grids
// change, plus the communities and villages by name for appeals that come with an address only.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace jiceng::appeals {

struct Place final {
  std::int64_t area_id = 0;
  std::string path;
  std::string name;
  std::int64_t grid_id = 0;  // 0 when the place is a community found by address
  std::string community_name;
};

class GridIndex final {
 public:
  GridIndex();
  ~GridIndex();
  // The grid containing (lon, lat), if any.
  std::optional<Place> locate(store::Conn& c, double lon, double lat);
  // The community or village whose name the address mentions (the longest such name).
  std::optional<Place> by_address(store::Conn& c, const std::string& address);
  std::size_t grids(store::Conn& c);

 private:
  struct Impl;
  void refresh(store::Conn& c);
  std::mutex mu_;
  std::shared_ptr<const Impl> impl_;
  std::string version_;
  std::int64_t checked_at_ = 0;
};

}  // namespace jiceng::appeals
