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
    auto [where, params] = orgs::rows_under_org(c, who, core::Register::org_life, "w", q.org_id);
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
