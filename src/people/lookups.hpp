#pragma once
// What the modules above look up in the people module's tables a page at a time.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "store/db.hpp"

namespace jiceng::people {

// A party member as other modules show one: a role binding's node, a sign-up's member.
struct MemberRef final {
  std::string name;
  std::string category;  // in_service, …
  std::int64_t org_id = 0;
  std::string area_path;
  std::string org_path;
};
// Those of `ids` that exist, by id, in one statement per few hundred ids.
std::map<std::int64_t, MemberRef> members_by_ids(store::Conn& c, std::span<const std::int64_t> ids);
std::map<std::int64_t, std::string> member_names(store::Conn& c, std::span<const std::int64_t> ids);
// The names of the people (residents, workers, cadres) among `ids` that exist, by id.
std::map<std::int64_t, std::string> person_names(store::Conn& c, std::span<const std::int64_t> ids);

// ---- For org_life (a meeting's guest) ----
// Members under `area_path` whose name begins with `prefix`, or whose number is `prefix` when it is
// all digits, by name then id, at most `limit`: one index range (the name's, the scope checked
// from the index on SQLite; the trigram index on PostgreSQL).
std::vector<std::pair<std::int64_t, MemberRef>> members_named(store::Conn& c, const std::string& prefix,
                                                              const std::string& area_path, std::int64_t limit);

}  // namespace jiceng::people
