#include "dues/hooks.hpp"

#include "dues/queries.hpp"
#include "dues/rules.hpp"

namespace jiceng::dues::hooks {
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
