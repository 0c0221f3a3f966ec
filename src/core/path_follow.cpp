#include "core/path_follow.hpp"

#include "core/principal.hpp"

namespace jiceng::core {

void rebase_paths(store::Conn& c, std::string_view table, std::string_view column, const PathMove& move) {
  const std::string t(table), col(column);
  // The prefix is replaced by position, so a subtree path like "1.2." never matches "1.20." (path_end).
  c.execute("UPDATE " + t + " SET " + col + " = ? || substr(" + col + ", CAST(? AS INTEGER)) WHERE " + col +
                " >= ? AND " + col + " < ?",
            {move.new_prefix, static_cast<std::int64_t>(move.old_prefix.size()) + 1, move.old_prefix,
             path_end(move.old_prefix)});
}

void follow_org_area(store::Conn& c, std::string_view table, std::string_view area_column, std::string_view org_column,
                     std::int64_t org_id, const std::string& area_path) {
  c.execute("UPDATE " + std::string(table) + " SET " + std::string(area_column) + " = ? WHERE " +
                std::string(org_column) + " = ?",
            {area_path, org_id});
}

}  // namespace jiceng::core
