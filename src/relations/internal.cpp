// Who reads and writes either side of a transfer, a flow or a case; the county's settings in force.
#include "relations/internal.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "relations/queries.hpp"

namespace jiceng::relations::detail {

namespace bj = boost::json;

bool reaches(const core::Principal& who, core::Action a, const std::string& org_path, const std::string& area_path) {
  return core::binds_over(who, core::Register::relations, a, org_path, area_path);
}

bool higher_over(const core::Principal& who, const std::string& org_path, const std::string& area_path) {
  return std::any_of(who.bindings.begin(), who.bindings.end(), [&](const core::Binding& b) {
    if (!core::allowed(b.role, core::Register::relations, core::Action::write) || b.path.empty()) return false;
    if (b.scope_type == core::ScopeType::area) {
      return orgs::level(b.path) <= orgs::kStreetLevel && core::path_within(area_path, b.path);
    }
    return b.scope_type == core::ScopeType::org && b.path != org_path && core::path_within(org_path, b.path);
  });
}

bool county(store::Conn& c, const core::Principal& who) { return orgs::county_department(c, who); }

core::Clause either_side(const core::Principal& who, const char* area_a, const char* org_a, const char* area_b,
                         const char* org_b) {
  core::ScopeColumns a, b;
  a.area_path = area_a;
  a.org_path = org_a;
  b.area_path = area_b;
  b.org_path = org_b;
  auto one = core::scope_clause(who, core::Register::relations, core::Action::read, a);
  auto two = core::scope_clause(who, core::Register::relations, core::Action::read, b);
  core::Clause out{"(" + one.sql + " OR " + two.sql + ")", std::move(one.params)};
  out.params.insert(out.params.end(), two.params.begin(), two.params.end());
  return out;
}

Setting setting_in_force(store::Conn& c, std::string_view key, std::int64_t today) {
  const auto s = core::dated::in_force(c, kSettingsTable, key, core::format_day(today));
  if (!s) return {};
  return {s->value, s->source};
}

std::int64_t past_day(const std::string& value, const char* field, std::int64_t today) {
  if (!core::is_valid_date(value)) bad_request(field, "日期格式应为 YYYY-MM-DD");
  const auto d = core::parse_day(value);
  if (d > today) bad_request(field, "日期不能晚于今天");
  return d;
}

}  // namespace jiceng::relations::detail
