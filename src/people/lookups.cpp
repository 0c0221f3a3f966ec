#include "people/lookups.hpp"

#include <algorithm>

#include "core/principal.hpp"
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

namespace {
constexpr char kAfterEveryCharacter[] = "\xF4\x8F\xBF\xBF";
constexpr std::size_t kMaxNumberDigits = 18;

std::string like_prefix(std::string_view q) {
  std::string out;
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}
}  // namespace

std::vector<std::pair<std::int64_t, MemberRef>> members_named(store::Conn& c, const std::string& prefix,
                                                              const std::string& area_path, std::int64_t limit) {
  std::vector<std::pair<std::int64_t, MemberRef>> out;
  if (prefix.empty() || area_path.empty()) return out;
  const auto end = core::path_end(area_path);
  const bool number = prefix.size() <= kMaxNumberDigits &&
                      std::all_of(prefix.begin(), prefix.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  store::ResultSet rows;
  if (number) {
    rows = c.query(sql::kMemberNumbered, {std::stoll(prefix), area_path, end});
  } else if (c.dialect() == store::Dialect::sqlite) {
    rows = c.query(sql::kMembersNamedSqlite, {prefix, prefix + kAfterEveryCharacter, area_path, end, limit});
  } else {
    rows = c.query(sql::kMembersNamedPostgres, {like_prefix(prefix), area_path, end, limit});
  }
  for (const auto& r : rows) {
    out.emplace_back(r.integer(0), MemberRef{r.text(1), r.text(2), r.integer(3), r.text(4), r.text(5)});
  }
  return out;
}

}  // namespace jiceng::people
