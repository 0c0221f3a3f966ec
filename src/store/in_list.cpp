#include "store/in_list.hpp"

#include <algorithm>
#include <string>

namespace jiceng::store {
namespace {

constexpr std::size_t kIdsPerStatement = 500;

}  // namespace

std::vector<Row> rows_for_ids(Conn& c, std::string_view head, std::span<const std::int64_t> ids) {
  std::vector<std::int64_t> distinct(ids.begin(), ids.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<Row> out;
  for (std::size_t i = 0; i < distinct.size(); i += kIdsPerStatement) {
    const auto end = std::min(distinct.size(), i + kIdsPerStatement);
    Params params(distinct.begin() + static_cast<std::ptrdiff_t>(i),
                  distinct.begin() + static_cast<std::ptrdiff_t>(end));
    auto rs = c.query(std::string(head) + placeholders(params.size()) + ")", params);
    out.insert(out.end(), std::make_move_iterator(rs.rows.begin()), std::make_move_iterator(rs.rows.end()));
  }
  return out;
}

}  // namespace jiceng::store
