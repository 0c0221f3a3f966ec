#pragma once
// What dues answers to the orgs module below it (core::Module's hooks): its rows carry their
// organisation's paths, so a subtree's sheet and totals stay an index range after a move.
#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "core/module.hpp"
#include "core/path_follow.hpp"
#include "store/db.hpp"

namespace jiceng::dues::hooks {

// Every table of ours that keeps an organisation's org_id, org_path and area_path.
inline constexpr const char* kPathTables[] = {"dues_account", "dues_payment",    "dues_month",  "dues_reduction",
                                              "dues_tally",   "dues_remittance", "dues_warning"};
using Follow = core::FollowOrgTrees<kPathTables>;

// For relations' 空挂 check: the whole months each member is behind as of `today` (a local day),
// the months before the current one not settled; members without a dues account are left out.
std::map<std::int64_t, std::int64_t> months_since_paid(store::Conn& c, std::span<const std::int64_t> member_ids,
                                                       std::int64_t today);

}  // namespace jiceng::dues::hooks
