// The warnings the sweep (compliance.cpp) wrote, as the secretary and the staff above read them.
#include <algorithm>
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/principal.hpp"
#include "org_life/queries.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kMaxWarnings = 200;

}  // namespace

bj::object warnings(App& app, const core::Principal& who, const WarningQuery& q) {
  return app.db.read([&](store::Conn& c) {
    core::ScopeColumns cols;
    cols.area_path = "w.area_path";
    cols.org_path = "w.org_path";
    auto scope = core::scope_clause(who, core::Register::org_life, core::Action::read, cols);
    std::string where = "WHERE " + scope.sql;
    store::Params params = scope.params;
    if (q.org_id) {
      const auto org = orgs::org_paths_in_scope(c, who, core::Register::org_life, core::Action::read, *q.org_id);
      if (!org) not_found("党组织不存在或不在您的管辖范围内");
      where += " AND w.org_path >= ? AND w.org_path < ?";
      params.insert(params.end(), {org->path, core::path_end(org->path)});
    }
    if (q.state) {
      where += " AND w.state = ?";
      params.emplace_back(*q.state);
    }
    params.insert(params.end(), {std::min(q.limit, kMaxWarnings), q.offset});
    bj::array items;
    for (const auto& r : c.query(std::string(sql::kWarningColumns) + where + sql::kWarningTail, params)) {
      items.push_back(bj::object{{"id", r.integer(0)},
                                 {"org_id", r.integer(1)},
                                 {"org_name", r.text(2)},
                                 {"duty", r.text(3)},
                                 {"kind", r.text(4)},
                                 {"period", r.text(5)},
                                 {"state", r.text(6)},
                                 {"message", r.text(7)},
                                 {"source", r.text(8)},
                                 {"created_at", r.integer(9)}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

}  // namespace jiceng::org_life
