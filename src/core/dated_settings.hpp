#pragma once
// County settings kept as dated numbers: a module's own table of (setting_key, value, source,
// effective_from, effective_to, created_by, created_at) rows, where a change closes the version in
// force and adds the next, so whatever happened on a day keeps the setting of that day. Organisation
// life's settings began the pattern; the member pipeline keeps its [local] rules this way too.
// `table` is always a module's own table name, a constant of its code, never input.
#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace jiceng::core::dated {

struct Setting final {
  std::int64_t id = 0;
  std::string key;
  std::int64_t value = 0;
  std::string source;
  std::string effective_from;
  std::optional<std::string> effective_to;
  std::string created_by;
};

// The version of `key` in force on `day` (YYYY-MM-DD); nullopt when none is.
std::optional<Setting> in_force(store::Conn& c, std::string_view table, std::string_view key, const std::string& day);
// Every version of every key, oldest first.
std::vector<Setting> all(store::Conn& c, std::string_view table);
// One version as the settings pages read it: id, key, value, source, effective_from, effective_to
// (null while in force) and created_by.
boost::json::object json_of(const Setting& s);
// Every version as the settings pages list them: {"items": [json_of(…), …]}.
boost::json::object listing(store::Conn& c, std::string_view table);
// Dates a new version of `key` from `effective_from`, which must be a real day not before `today`
// and after the current version's own start (400/409 naming the field otherwise).
void change(store::Conn& c, std::string_view table, const std::string& key, std::int64_t value,
            const std::string& source, const std::string& effective_from, std::int64_t today, const std::string& by,
            std::int64_t now);

}  // namespace jiceng::core::dated
