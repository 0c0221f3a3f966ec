#include "orgs/lookups.hpp"

#include "core/principal.hpp"
#include "orgs/queries.hpp"
#include "orgs/rows.hpp"
#include "store/db.hpp"

namespace jiceng::orgs {
namespace {

template <class T>
std::map<std::int64_t, std::string> names_of(const std::map<std::int64_t, T>& found) {
  std::map<std::int64_t, std::string> out;
  for (const auto& [id, v] : found) out.emplace(id, v.name);
  return out;
}

}  // namespace

std::map<std::int64_t, Area> areas_by_ids(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, Area> out;
  for (const auto& r : store::query_ids(c, std::string(sql::kAreaColumns) + sql::kAreasIn, ids)) {
    out.emplace(r.integer(0), area_of(r));
  }
  return out;
}

std::map<std::int64_t, std::string> area_names(store::Conn& c, std::span<const std::int64_t> ids) {
  return names_of(areas_by_ids(c, ids));
}

registry::NameLookup area_name_lookup() { return {"area_id", "area_name", area_names}; }

registry::Spec area_register(core::Register reg, std::string name, std::string label, std::string table,
                             std::string search_column) {
  auto s = registry::spec_of(reg, std::move(name), std::move(label), std::move(table), std::move(search_column));
  s.names = {area_name_lookup()};
  registry::place_by_area(s);
  return s;
}

std::map<std::int64_t, OrgRef> orgs_by_ids(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, OrgRef> out;
  for (const auto& r : store::query_ids(c, sql::kOrgsIn, ids)) {
    out.emplace(r.integer(0), OrgRef{r.text(1), r.text(2), r.text(3)});
  }
  return out;
}

std::map<std::int64_t, std::string> org_names(store::Conn& c, std::span<const std::int64_t> ids) {
  return names_of(orgs_by_ids(c, ids));
}

std::map<std::int64_t, Unit> units_by_ids(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, Unit> out;
  for (const auto& r : store::query_ids(c, sql::kUnitsByIds, ids)) {
    out.emplace(r.integer(0), unit_of(r));
  }
  return out;
}

std::map<std::int64_t, std::string> unit_names(store::Conn& c, std::span<const std::int64_t> ids) {
  return names_of(units_by_ids(c, ids));
}

std::vector<OrgInArea> orgs_in_areas(store::Conn& c, const std::string& from, const std::string& to) {
  std::vector<OrgInArea> out;
  for (const auto& r : c.query(sql::kOrgsInAreas, {from, to})) {
    out.push_back({r.text(0), r.integer(1), r.text(2), r.text(3)});
  }
  return out;
}

std::optional<VenueRef> venue_by_id(store::Conn& c, std::int64_t id) {
  const auto r = c.one(sql::kVenueById, {id});
  if (!r) return std::nullopt;
  return VenueRef{r->text(0), r->text(1)};
}

std::int64_t count_orgs_under(store::Conn& c, const std::string& area_path, std::span<const std::string> levels) {
  if (levels.empty()) return 0;
  store::Params params{area_path, core::path_end(area_path)};
  for (const auto& l : levels) params.emplace_back(l);
  return store::count(c, std::string(sql::kCountOrgsOfLevels) + store::placeholders(levels.size()) + ")", params);
}

}  // namespace jiceng::orgs
