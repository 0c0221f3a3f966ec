// What the pages read around appeals: the category tree, the grid map, the departments to whistle,
// the figures for a node, and the photos.
#include <boost/json.hpp>

#include "appeals/figures.hpp"
#include "appeals/photos.hpp"
#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "appeals/unit_figures.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

bool reads_by_area(const core::Binding& b) {
  return core::allowed(b.role, core::Register::appeals, core::Action::read) && b.scope_type == core::ScopeType::area;
}

// The departments named by an appeal's category and the categories above it (城管局、住建局…),
// most specific first: split on the separators offices type.
std::vector<std::string> named_departments(store::Conn& c, std::int64_t appeal_id) {
  std::vector<std::string> out;
  auto cat = c.one(sql::kAppealCategory, {appeal_id});
  for (auto id = cat ? std::optional(cat->integer(0)) : std::nullopt; id;) {
    auto r = c.one(sql::kCategoryDepartment, {*id});
    if (!r) break;
    std::string names = r->is_null(0) ? "" : r->text(0);
    for (const std::string sep : {"、", "，", ",", ";", "；", " "}) {
      for (std::size_t at; (at = names.find(sep)) != std::string::npos;) names.replace(at, sep.size(), "|");
    }
    for (std::size_t start = 0; start <= names.size();) {
      const auto bar = std::min(names.find('|', start), names.size());
      auto name = names.substr(start, bar - start);
      if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
      start = bar + 1;
    }
    id = r->is_null(1) ? std::nullopt : std::optional(r->integer(1));
  }
  return out;
}

bj::object grid_feature(const orgs::MappedGrid& g, bj::value geometry,
                        const std::unordered_map<std::int64_t, std::vector<std::string>>& compounds) {
  bj::array names;
  if (auto it = compounds.find(g.id); it != compounds.end()) {
    for (const auto& n : it->second) names.emplace_back(n);
  }
  return bj::object{
      {"type", "Feature"},
      {"id", g.id},
      {"properties", bj::object{{"id", g.id},
                                {"name", g.name},
                                {"community", g.parent_name.value_or("")},
                                {"community_id", g.parent_id ? bj::value(*g.parent_id) : bj::value(nullptr)},
                                {"compounds", std::move(names)}}},
      {"geometry", std::move(geometry)}};
}

}  // namespace

bj::array categories(App& app) {
  auto rs = app.db.read([](store::Conn& c) { return c.query(sql::kCategories); });
  bj::array items;
  for (const auto& r : rs) {
    items.push_back(bj::object{{"id", r.integer(0)},
                               {"parent_id", r.is_null(1) ? bj::value(nullptr) : bj::value(r.integer(1))},
                               {"name", r.text(2)},
                               {"level", r.integer(3)},
                               {"urgency", r.text(4)},
                               {"is_dispute", r.integer(5) != 0},
                               {"department", r.text(6)}});
  }
  return items;
}

bj::array grid_features(App& app) {
  std::unordered_map<std::int64_t, std::vector<std::string>> compounds;
  auto grids = app.db.read([&](store::Conn& c) {
    compounds = orgs::compounds_by_grid(c);
    return orgs::mapped_grids(c);
  });
  bj::array features;
  for (const auto& g : grids) {
    boost::system::error_code ec;
    auto geom = bj::parse(g.geometry, ec);
    if (ec) continue;
    features.push_back(grid_feature(g, std::move(geom), compounds));
  }
  return features;
}

bj::object departments(App& app, const core::Principal& who, const std::string& name_part,
                       std::optional<std::int64_t> appeal) {
  auto [units, named] = app.db.read([&](store::Conn& c) {
    std::vector<std::string> names;
    if (appeal) {
      auto scope = core::scope_clause(who, core::Register::appeals, core::Action::read, scope_columns());
      store::Params p{*appeal};
      p.insert(p.end(), scope.params.begin(), scope.params.end());
      if (!c.one(sql::kVisibleId + scope.sql, p)) not_found();
      names = named_departments(c, *appeal);
    }
    return std::pair{orgs::departments(c, name_part), names};
  });
  // Rank: the position of the first named department a unit's name holds; unnamed units after.
  std::vector<std::pair<std::size_t, bj::object>> ranked;
  for (const auto& u : units) {
    std::size_t rank = named.size();
    for (std::size_t i = 0; i < named.size() && rank == named.size(); ++i) {
      if (u.name.find(named[i]) != std::string::npos) rank = i;
    }
    ranked.emplace_back(
        rank, bj::object{{"id", u.id}, {"name", u.name}, {"kind", u.kind}, {"suggested", rank < named.size()}});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  bj::array items;
  for (auto& [rank, o] : ranked) items.push_back(std::move(o));
  bj::array names;
  for (const auto& n : named) names.emplace_back(n);
  return bj::object{{"items", std::move(items)}, {"named_by_category", std::move(names)}};
}

bj::object figures_for(App& app, const core::Principal& who, FigureQuery q, std::optional<std::int64_t> area_id,
                       std::int64_t now) {
  return app.db.read([&](store::Conn& c) {
    const bool area_bound = std::any_of(who.bindings.begin(), who.bindings.end(), reads_by_area);
    // A department reads the appeals it was whistled onto, not an area's.
    if (!area_bound && !area_id) {
      if (auto f = unit_figures(c, who, q, now)) return std::move(*f);
    }
    // The node asked for, which must lie inside what the caller may read; by default their own.
    std::optional<orgs::Area> node;
    if (area_id) {
      node = orgs::area_by_id(c, *area_id);
    } else {
      for (const auto& b : who.bindings) {
        if (reads_by_area(b)) {
          node = orgs::area_by_id(c, b.scope_id);
          break;
        }
      }
    }
    const bool reachable = node && std::any_of(who.bindings.begin(), who.bindings.end(), [&](const auto& b) {
                             return reads_by_area(b) && core::path_within(node->path, b.path);
                           });
    if (!reachable) not_found();
    q.path = node->path;
    auto f = figures(c, q, now, true, &state_of(app).live);
    f["area_id"] = node->id;
    f["area_name"] = node->name;
    return f;
  });
}

std::string save_photo(App& app, const std::string& bytes, const std::string& mime) {
  return app.db.write([&](store::Conn& c) { return store_photo(c, app.media_dir, bytes, mime, app.now()); });
}

std::optional<io::Blob> photo(App& app, const std::string& hash) {
  const auto mime = app.db.read([&](store::Conn& c) { return photo_mime(c, hash); });
  if (!mime) return std::nullopt;
  auto bytes = io::BlobStore(app.media_dir).read(hash);
  if (!bytes) return std::nullopt;
  return io::Blob{*mime, std::move(*bytes)};
}

}  // namespace jiceng::appeals
