// The names an appeal's views show beside its own columns, asked of the modules that own them a
// page at a time: one lookup of areas (orgs) and one of accounts (auth) however many appeals.
#include <algorithm>
#include <array>

#include "appeals/service_internal.hpp"
#include "auth/service.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

// In the order the columns are appended to each row.
constexpr std::array<const char*, 8> kNameColumns = {"grid_name",
                                                     "area_name",
                                                     "area_kind",
                                                     "parent_area_name",
                                                     "assignee_name",
                                                     "area_depth",
                                                     "grandparent_area_name",
                                                     "great_grandparent_area_name"};

store::Value above(const orgs::AreaLine& line, std::size_t up) {
  return up < line.above.size() ? store::Value(line.above[up]) : store::null();
}

// The id in `col` when the row has one.
std::optional<std::int64_t> id_in(const store::Row& r, const char* col) {
  return has(r, col) ? std::optional(int_of(r, col)) : std::nullopt;
}

}  // namespace

std::vector<std::int64_t> distinct(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<store::Row> with_names(store::Conn& c, std::vector<store::Row> rows) {
  if (rows.empty()) return rows;
  std::vector<std::int64_t> area_ids;
  std::vector<std::int64_t> account_ids;
  for (const auto& r : rows) {
    area_ids.push_back(int_of(r, "area_id"));
    if (auto grid = id_in(r, "grid_id")) area_ids.push_back(*grid);
    if (auto assignee = id_in(r, "assignee_id")) account_ids.push_back(*assignee);
  }
  const auto lines = orgs::area_lines(c, distinct(std::move(area_ids)));
  const auto people = auth::display_names(c, distinct(std::move(account_ids)));
  const auto grid_name = [&](const store::Row& r) {
    const auto id = id_in(r, "grid_id");
    const auto it = id ? lines.find(*id) : lines.end();
    return it == lines.end() ? store::null() : store::Value(it->second.area.name);
  };
  const auto assignee_name = [&](const store::Row& r) {
    const auto id = id_in(r, "assignee_id");
    const auto it = id ? people.find(*id) : people.end();
    return it == people.end() ? store::null() : store::Value(it->second);
  };
  auto columns = std::make_shared<std::vector<std::string>>(rows.front().columns());
  columns->insert(columns->end(), kNameColumns.begin(), kNameColumns.end());
  std::vector<store::Row> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    const auto area = lines.find(int_of(r, "area_id"));
    if (area == lines.end()) continue;  // every appeal has its area (a foreign key); none, no appeal
    const auto& line = area->second;
    std::vector<store::Value> values;
    values.reserve(columns->size());
    for (std::size_t i = 0; i < r.size(); ++i) values.push_back(r[i]);
    values.insert(values.end(), {grid_name(r), line.area.name, line.area.kind, above(line, 0), assignee_name(r),
                                 line.area.depth, above(line, 1), above(line, 2)});
    out.emplace_back(columns, std::move(values));
  }
  return out;
}

}  // namespace jiceng::appeals
