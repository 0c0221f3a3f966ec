// The county's list of members and branches with data-quality findings: what the daily check
// (record.cpp) left in member_problem, within the caller's members scope.
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "people/queries.hpp"
#include "people/service.hpp"

namespace jiceng::people {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kMaxPage = 200;
constexpr std::int64_t kMaxOrgs = 200;

// "WHERE …": the caller's members scope, narrowed to an organisation's or an area's subtree.
core::Clause scoped(store::Conn& c, const core::Principal& who, std::optional<std::int64_t> org_id,
                    std::optional<std::int64_t> area_id) {
  auto clause = orgs::rows_under_org(c, who, core::Register::members, "p", org_id);
  if (area_id) {
    const auto area = orgs::area_by_id(c, *area_id);
    if (!area) not_found("区域不存在或不在您的管辖范围内");
    clause.sql += " AND p.area_path >= ? AND p.area_path < ?";
    clause.params.insert(clause.params.end(), {area->path, core::path_end(area->path)});
  }
  return clause;
}

}  // namespace

bj::object problem_members(App& app, const core::Principal& who, const ProblemQuery& q) {
  return app.db.read([&](store::Conn& c) {
    auto [where, params] = scoped(c, who, q.org_id, q.area_id);
    if (q.code) {
      where += " AND p.codes LIKE ?";
      params.emplace_back("% %:" + *q.code + " %");
    }
    params.insert(params.end(), {std::min(q.limit, kMaxPage), q.offset});
    bj::array items;
    for (const auto& r :
         c.query(std::string(sql::kProblemColumns) + where + " ORDER BY p.member_id LIMIT ? OFFSET ?", params)) {
      const auto org = orgs::org_info(c, r.integer(2));
      items.push_back(bj::object{{"member_id", r.integer(0)},
                                 {"name", r.text(1)},
                                 {"org_id", r.integer(2)},
                                 {"org_name", org ? org->name : ""},
                                 {"problems", bj::parse(r.text(3))},
                                 {"problem_count", r.integer(4)},
                                 {"checked_at", r.integer(5)}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object problem_orgs(App& app, const core::Principal& who, std::optional<std::int64_t> area_id) {
  return app.db.read([&](store::Conn& c) {
    auto [where, params] = scoped(c, who, std::nullopt, area_id);
    params.push_back(kMaxOrgs);
    bj::array items;
    for (const auto& r :
         c.query(std::string(sql::kProblemOrgs) + where + " GROUP BY p.org_id ORDER BY COUNT(*) DESC, p.org_id LIMIT ?",
                 params)) {
      const auto org = orgs::org_info(c, r.integer(0));
      items.push_back(bj::object{{"org_id", r.integer(0)},
                                 {"org_name", org ? org->name : ""},
                                 {"members", r.integer(1)},
                                 {"problems", r.integer(2)},
                                 {"checked_at", r.integer(3)}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

}  // namespace jiceng::people
