#include "relations/hooks.hpp"

#include "core/principal.hpp"

namespace jiceng::relations::hooks {
namespace {

struct PathColumn final {
  const char* table;
  const char* column;
};
constexpr PathColumn kAreaColumns[] = {{"relation_transfer", "from_area_path"}, {"relation_transfer", "to_area_path"},
                                       {"relation_flow", "home_area_path"},     {"relation_flow", "host_area_path"},
                                       {"relation_check", "area_path"},         {"relation_case", "area_path"}};
constexpr PathColumn kOrgColumns[] = {{"relation_transfer", "from_org_path"}, {"relation_transfer", "to_org_path"},
                                      {"relation_flow", "home_org_path"},     {"relation_flow", "host_org_path"},
                                      {"relation_check", "org_path"},         {"relation_case", "org_path"}};
// An organisation's id column beside each area path column, for an organisation's new area.
constexpr const char* kOrgIdOf[] = {"from_org_id", "to_org_id", "home_org_id", "host_org_id", "org_id", "org_id"};

void rebase(store::Conn& c, const PathColumn& p, const PathMove& move) {
  const std::string col = p.column;
  c.execute(std::string("UPDATE ") + p.table + " SET " + col + " = ? || substr(" + col +
                ", CAST(? AS INTEGER)) WHERE " + col + " >= ? AND " + col + " < ?",
            {move.new_prefix, static_cast<std::int64_t>(move.old_prefix.size()) + 1, move.old_prefix,
             core::path_end(move.old_prefix)});
}

}  // namespace

void area_paths_moved(store::Conn& c, const PathMove& move) {
  for (const auto& p : kAreaColumns) rebase(c, p, move);
}

void org_paths_moved(store::Conn& c, const PathMove& move) {
  for (const auto& p : kOrgColumns) rebase(c, p, move);
}

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  for (std::size_t i = 0; i < std::size(kAreaColumns); ++i) {
    c.execute(std::string("UPDATE ") + kAreaColumns[i].table + " SET " + kAreaColumns[i].column + " = ? WHERE " +
                  kOrgIdOf[i] + " = ?",
              {area_path, org_id});
  }
}

}  // namespace jiceng::relations::hooks
