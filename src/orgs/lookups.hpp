#pragma once
// What the modules above look up in the orgs module's tables a page at a time: areas, party
// organisations and units by id (one statement per few hundred ids, never one per row), and the
// party organisations within a range of areas.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "orgs/service.hpp"
#include "registry/spec.hpp"
#include "store/db.hpp"

namespace jiceng::orgs {

// Those of `ids` that exist, by id; repeated ids are looked up once.
std::map<std::int64_t, Area> areas_by_ids(store::Conn& c, std::span<const std::int64_t> ids);
std::map<std::int64_t, std::string> area_names(store::Conn& c, std::span<const std::int64_t> ids);
// For a register whose rows have an `area_id`: its area's name, rendered as "area_name".
registry::NameLookup area_name_lookup();
// The head of a register of rows that sit in an area (registry::place_by_area), shown with its name.
registry::Spec area_register(core::Register reg, std::string name, std::string label, std::string table,
                             std::string search_column = "name");

struct OrgRef final {
  std::string path;
  std::string area_path;
  std::string name;
};
std::map<std::int64_t, OrgRef> orgs_by_ids(store::Conn& c, std::span<const std::int64_t> ids);
std::map<std::int64_t, std::string> org_names(store::Conn& c, std::span<const std::int64_t> ids);

std::map<std::int64_t, Unit> units_by_ids(store::Conn& c, std::span<const std::int64_t> ids);
std::map<std::int64_t, std::string> unit_names(store::Conn& c, std::span<const std::int64_t> ids);

// The party organisations whose area path lies in [from, to), shallowest first, then by id.
struct OrgInArea final {
  std::string area_path;
  std::int64_t id = 0;
  std::string name;
  std::string secretary;  // empty when none is recorded
};
std::vector<OrgInArea> orgs_in_areas(store::Conn& c, const std::string& from, const std::string& to);

// A venue (阵地) by id, for a module that records where something took place; nullopt when none.
struct VenueRef final {
  std::string name;
  std::string area_path;
};
std::optional<VenueRef> venue_by_id(store::Conn& c, std::int64_t id);
// How many party organisations of these levels have their area under `area_path`, through the
// store's count cache (a city's thousands are counted once until the next write).
std::int64_t count_orgs_under(store::Conn& c, const std::string& area_path, std::span<const std::string> levels);

}  // namespace jiceng::orgs
