#pragma once
// Which node may hang under which in the two trees, and GeoJSON sanity for grid boundaries.
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::orgs {

// County → street / town / park → community / village → grid → compound → building.
bool area_child_allowed(std::string_view parent_kind, std::string_view child_kind);
// Committee → working committee / general branch / branch; general branch → branch; branch → group.
bool org_child_allowed(std::string_view parent_level, std::string_view child_level);
// Why a grid boundary is not a usable GeoJSON Polygon/MultiPolygon (WGS84 lon/lat); nullopt if fine.
std::optional<std::string> geometry_problem(std::string_view geojson);
// A USCC (统一社会信用代码, GB 32100-2015) check; nullopt when valid.
std::optional<std::string> credit_code_problem(std::string_view code);

}  // namespace jiceng::orgs
