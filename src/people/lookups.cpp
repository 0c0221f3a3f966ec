#include "people/lookups.hpp"

#include "people/queries.hpp"
#include "store/db.hpp"

namespace jiceng::people {

std::map<std::int64_t, MemberRef> members_by_ids(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, MemberRef> out;
  for (const auto& r : store::query_ids(c, sql::kMemberRefsIn, ids)) {
    out.emplace(r.integer(0), MemberRef{r.text(1), r.text(2), r.integer(3), r.text(4), r.text(5)});
  }
  return out;
}

std::map<std::int64_t, std::string> member_names(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, std::string> out;
  for (auto& [id, m] : members_by_ids(c, ids)) out.emplace(id, std::move(m.name));
  return out;
}

std::map<std::int64_t, std::string> person_names(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, std::string> out;
  for (const auto& r : store::query_ids(c, sql::kPersonRefsIn, ids)) out.emplace(r.integer(0), r.text(1));
  return out;
}

}  // namespace jiceng::people
