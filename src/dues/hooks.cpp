#include "dues/hooks.hpp"

#include "core/path_follow.hpp"
#include "dues/queries.hpp"
#include "dues/rules.hpp"

namespace jiceng::dues::hooks {
namespace {

// Every table of ours that keeps an organisation's org_path and area_path.
constexpr const char* kPathTables[] = {"dues_account", "dues_payment",    "dues_month",  "dues_reduction",
                                       "dues_tally",   "dues_remittance", "dues_warning"};

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

std::map<std::int64_t, std::int64_t> months_since_paid(store::Conn& c, std::span<const std::int64_t> member_ids,
                                                       std::int64_t today) {
  std::map<std::int64_t, std::int64_t> out;
  const int current = month_of_day(today);
  for (const auto& r : store::query_ids(c, sql::kNextDueOf, member_ids)) {
    const auto next_due = month_number(r.text(1));
    if (!next_due) continue;
    out.emplace(r.integer(0), standing(*next_due, current, 0).owed);
  }
  return out;
}

}  // namespace jiceng::dues::hooks
