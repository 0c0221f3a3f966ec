#pragma once
// What the relations service's files share: who reads and writes either side, the county's settings
// in force, and small rendering helpers.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/principal.hpp"
#include "store/db.hpp"

namespace jiceng::relations::detail {

// The dated county settings (core/dated_settings.hpp) live in this table.
constexpr char kSettingsTable[] = "relation_setting";

// Whether one of `who`'s bindings may do `a` on relations over an organisation with these paths.
bool reaches(const core::Principal& who, core::Action a, const std::string& org_path, const std::string& area_path);
// A higher organisation over it: a street or the county over its area, or an organisation binding
// strictly above it (the branch's own secretary and its community are not).
bool higher_over(const core::Principal& who, const std::string& org_path, const std::string& area_path);
// The county's organisation department.
bool county(store::Conn& c, const core::Principal& who);
// "(<from side> OR <to side>)": rows either side of which the caller reads.
core::Clause either_side(const core::Principal& who, const char* area_a, const char* org_a, const char* area_b,
                         const char* org_b);

struct Setting final {
  std::int64_t value = 0;
  std::string source;
};
Setting setting_in_force(store::Conn& c, std::string_view key, std::int64_t today);

// One page of a list, newest first: `columns` (a SELECT … FROM … ending before WHERE) with `where`,
// ordered by `<alias>.id` descending, each row rendered; {"items": […]}.
template <typename Render>
boost::json::object page(store::Conn& c, const char* columns, const char* alias, const std::string& where,
                         store::Params params, std::int64_t limit, std::int64_t offset, Render render) {
  constexpr std::int64_t kMaxPage = 200;
  params.insert(params.end(), {std::min(limit, kMaxPage), offset});
  boost::json::array items;
  const auto sql = std::string(columns) + where + " ORDER BY " + alias + ".id DESC LIMIT ? OFFSET ?";
  for (const auto& r : c.query(sql, params)) items.push_back(render(r));
  return boost::json::object{{"items", std::move(items)}};
}

// A required day "YYYY-MM-DD" not after today; 400 naming the field.
std::int64_t past_day(const std::string& value, const char* field, std::int64_t today);

}  // namespace jiceng::relations::detail
