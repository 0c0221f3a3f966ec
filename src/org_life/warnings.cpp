// The warnings the sweep (compliance.cpp) wrote, as the secretary and the staff above read them.
#include <algorithm>
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/json.hpp"
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
    store::and_if(where, params, "w.state = ?", q.state);
    params.insert(params.end(), {std::min(q.limit, kMaxWarnings), q.offset});
    bj::array items;
    for (const auto& r : c.query(std::string(sql::kWarningColumns) + where + sql::kWarningTail, params)) {
      items.push_back(json::row_object(
          r, {"id", "org_id", "org_name", "duty", "kind", "period", "state", "message", "source", "created_at"}));
    }
    return bj::object{{"items", std::move(items)}};
  });
}

}  // namespace jiceng::org_life
