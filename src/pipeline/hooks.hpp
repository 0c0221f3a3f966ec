#pragma once
// What the member pipeline answers to the orgs module below it (core::Module's hooks): its files,
// warnings and quotas carry their organisation's paths, so scope stays an index range after a
// branch or an area is moved.
#include "core/path_follow.hpp"

namespace jiceng::pipeline::hooks {

// Every table of ours that keeps an organisation's org_id, org_path and area_path.
inline constexpr const char* kPathTables[] = {"pipeline_person", "pipeline_warning", "pipeline_quota"};
using Follow = core::FollowOrgTrees<kPathTables>;

}  // namespace jiceng::pipeline::hooks
