#include "relations/hooks.hpp"

#include "core/path_follow.hpp"

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

void area_paths_moved(store::Conn& c, const PathMove& move) {
  for (const auto& p : kAreaColumns) core::rebase_paths(c, p.table, p.column, move);
}

void org_paths_moved(store::Conn& c, const PathMove& move) {
  for (const auto& p : kOrgColumns) core::rebase_paths(c, p.table, p.column, move);
}

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  for (std::size_t i = 0; i < std::size(kAreaColumns); ++i) {
    core::follow_org_area(c, kAreaColumns[i].table, kAreaColumns[i].column, kOrgIdOf[i], org_id, area_path);
  }
}

}  // namespace

constinit const TreeHooks kFollow{area_paths_moved, org_paths_moved, org_area_changed};

}  // namespace jiceng::relations::hooks
