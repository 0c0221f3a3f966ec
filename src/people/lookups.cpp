#include "people/lookups.hpp"

#include "people/queries.hpp"
#include "store/in_list.hpp"

namespace jiceng::people {

std::map<std::int64_t, MemberRef> members_by_ids(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, MemberRef> out;
  for (const auto& r : store::rows_for_ids(c, sql::kMemberRefsIn, ids)) {
    out.emplace(r.integer(0), MemberRef{r.text(1), r.text(2), r.text(3)});
  }
  return out;
}

}  // namespace jiceng::people
