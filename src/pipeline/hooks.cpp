#include "pipeline/hooks.hpp"

#include "core/path_follow.hpp"

namespace jiceng::pipeline::hooks {
namespace {

// Every table of ours that keeps an organisation's org_path and area_path.
constexpr const char* kPathTables[] = {"pipeline_person", "pipeline_warning", "pipeline_quota"};

}  // namespace

void area_paths_moved(store::Conn& c, const PathMove& move) {
  for (const char* t : kPathTables) core::rebase_paths(c, t, "area_path", move);
}

void org_paths_moved(store::Conn& c, const PathMove& move) {
  for (const char* t : kPathTables) core::rebase_paths(c, t, "org_path", move);
}

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  for (const char* t : kPathTables) core::follow_org_area(c, t, "area_path", "org_id", org_id, area_path);
}

}  // namespace jiceng::pipeline::hooks
