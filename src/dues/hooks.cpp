#include "dues/hooks.hpp"

#include "core/principal.hpp"
#include "dues/queries.hpp"
#include "dues/rules.hpp"

namespace jiceng::dues::hooks {
namespace {

// Every table of ours that keeps an organisation's org_path and area_path.
constexpr const char* kPathTables[] = {"dues_account", "dues_payment",    "dues_month",  "dues_reduction",
                                       "dues_tally",   "dues_remittance", "dues_warning"};

store::Params rebase_params(const PathMove& move) {
  return {move.new_prefix, static_cast<std::int64_t>(move.old_prefix.size()) + 1, move.old_prefix,
          core::path_end(move.old_prefix)};
}

void rebase(store::Conn& c, const char* set_clause, const PathMove& move) {
  const auto params = rebase_params(move);
  for (const char* t : kPathTables) c.execute(std::string("UPDATE ") + t + set_clause, params);
}

}  // namespace

void area_paths_moved(store::Conn& c, const PathMove& move) { rebase(c, sql::kRebaseAreaPaths, move); }

void org_paths_moved(store::Conn& c, const PathMove& move) { rebase(c, sql::kRebaseOrgPaths, move); }

void org_area_changed(store::Conn& c, std::int64_t org_id, const std::string& area_path) {
  for (const char* t : kPathTables) c.execute(std::string("UPDATE ") + t + sql::kFollowOrgArea, {area_path, org_id});
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
