#pragma once
// A register (areas, orgs, units, members, venues, people) described once as data, so list,
// detail, create, edit, import and export are written once and scoped the same way for all.
#include <boost/json/object.hpp>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/app.hpp"
#include "core/http.hpp"
#include "core/principal.hpp"
#include "store/db.hpp"

namespace jiceng {
class Router;
struct Ctx;
}  // namespace jiceng

namespace jiceng::registry {

enum class Kind { text, integer, number, date, choice, boolean, ref_area, ref_org, ref_unit, list, id_number, phone };

struct Choice final {
  const char* value;
  const char* label;  // zh-CN
};

struct Field final {
  std::string key;      // JSON name
  std::string column;   // column of `t` read for output; empty when a hook renders it
  std::string heading;  // the column heading offices use (CSV/XLSX)
  Kind kind = Kind::text;
  bool required = false;
  std::size_t max_len = 100;
  std::vector<Choice> choices = {};
  bool filter = false;   // `?key=value` exact filter
  bool sort = false;     // may be the `sort` of a list
  bool writable = true;  // accepted on create, edit and import
  bool exported = true;
  // A person's name or contact on a record that members and units also read (a published need):
  // shown only to staff, who read the register through an area or organisation they serve.
  bool staff_only = false;
  // An id_number or phone field's own rules, from the module that keeps it: the stored form of
  // what was typed (nullptr: as typed), and why it is not valid in words a clerk understands.
  std::string (*normalize)(std::string_view) = nullptr;
  std::optional<std::string> (*problem)(std::string_view) = nullptr;
};

// What a hook sees while a row is being written.
struct WriteCtx final {
  core::Register reg;  // the register being written: ref fields must lie in its write scope
  store::Conn& conn;
  App& app;
  const core::Principal& who;
  bool create = true;
  std::optional<store::Row> existing;           // the row before an edit
  std::map<std::string, store::Value> input;    // parsed values by field key (only fields given)
  std::map<std::string, store::Value> columns;  // what will be written, by column
  // The node a ref field points at: its path, for the caller's write scope. Throws 400 on `field`.
  std::string area_path(const std::string& field, std::int64_t area_id) const;
  std::pair<std::string, std::string> org_paths(const std::string& field,
                                                std::int64_t org_id) const;  // path, area_path
  bool has(const std::string& key) const { return input.count(key) != 0; }
  // Given with a value (not cleared to null).
  bool given(const std::string& key) const {
    auto it = input.find(key);
    return it != input.end() && !std::holds_alternative<std::monostate>(it->second);
  }
};

// A column shown and exported but never written by forms or sheets (statuses, counters kept by the module).
inline Field read_only(std::string key, std::string column, std::string heading, Kind kind,
                       std::vector<Choice> choices = {}, bool filter = false) {
  Field f{std::move(key), std::move(column), std::move(heading), kind, false, 100, std::move(choices), filter};
  f.writable = false;
  return f;
}

// The area a row sits in, as the register's forms and sheets give it: `area_id`, required.
inline Field area_ref_field(std::string heading) {
  return Field{"area_id", "area_id", std::move(heading), Kind::ref_area, true};
}

inline Field for_staff_only(Field f) {
  f.staff_only = true;
  return f;
}

// The common kinds of field, kept in the column of the field's own name.
inline Field text_field(std::string key, std::string heading, std::size_t max_len, bool required = false) {
  auto column = key;
  return Field{std::move(key), std::move(column), std::move(heading), Kind::text, required, max_len};
}
inline Field value_field(std::string key, std::string heading, Kind kind, bool required = false) {
  auto column = key;
  return Field{std::move(key), std::move(column), std::move(heading), kind, required};
}
// A choice's stored value is a short code.
inline Field choice_field(std::string key, std::string heading, std::vector<Choice> choices, bool required = false,
                          bool filter = false) {
  constexpr std::size_t kCodeChars = 20;
  auto column = key;
  return Field{std::move(key), std::move(column), std::move(heading), Kind::choice,
               required,       kCodeChars,        std::move(choices), filter};
}
inline Field shown_field(std::string key, std::string heading, Kind kind, std::vector<Choice> choices = {},
                         bool filter = false) {
  auto column = key;
  return read_only(std::move(key), std::move(column), std::move(heading), kind, std::move(choices), filter);
}
inline Field sorted(Field f) {
  f.sort = true;
  return f;
}

// A name another module owns, shown beside a row's reference: looked up for a whole page at once
// (one query per lookup, not a join into the owner's table, nor a query per row).
struct NameLookup final {
  std::string column;  // the row's id column: "area_id"
  std::string alias;   // the JSON member the name is rendered as: "area_name" (null when unknown)
  std::function<std::map<std::int64_t, std::string>(store::Conn&, std::span<const std::int64_t>)> names;
};

struct Spec final {
  core::Register reg;
  std::string name;                                        // URL segment: "members"
  std::string label;                                       // zh-CN: "党员"
  std::string table;                                       // "member"
  std::string joins;                                       // "LEFT JOIN party_org o ON o.id = t.org_id"
  std::vector<std::pair<std::string, std::string>> extra;  // {"o.name", "org_name"}: rendered as JSON
  std::vector<NameLookup> names;                           // rendered after `extra`
  std::vector<Field> fields;
  core::ScopeColumns scope;
  // What `scope.own`'s `?` takes for a caller who reads only their own records, asked of the module
  // that knows it (a resident's household); unset: the account id.
  std::function<store::Value(store::Conn&, const core::Principal&)> own_key;
  // Wider columns for reading only (published list items any unit may see and claim); else `scope`.
  std::optional<core::ScopeColumns> read_scope;
  const core::ScopeColumns& scope_for(core::Action a) const {
    return a == core::Action::read && read_scope ? *read_scope : scope;
  }
  std::string subtree_area_column;  // `?area_id=` filters this path column to the area's subtree
  std::string subtree_org_column;   // `?org_id=` filters this path column to the org's subtree
  std::string order_column;         // the default order (then id): a scope path, so pages walk its index
  std::string tally_column;         // area_tally column that counts this register, for cheap totals
  bool org_tally = false;           // org_tally.members counts this register by org path too
  bool tree = false;                // `?parent_id=` children; 0 = the caller's top nodes
  bool fts_member_name = false;     // SQLite FTS5 trigram search on member names
  // The text column `?q=` searches; empty: the register has no name to search by (400).
  std::string search_column = "name";
  bool creatable = true;  // false: rows are made by the module's own routes (no POST, no import)
  std::function<void(WriteCtx&)> prepare;
  std::function<void(store::Conn&, const store::Row&, boost::json::object&, bool detail)> decorate;
  // Runs before a list or detail is read (a vote whose time is up is counted first).
  std::function<void(App&)> before_read;
  // What one caller may do with the row, added to the detail only (ballots, allowed moves…).
  std::function<void(store::Conn&, App&, const core::Principal&, boost::json::object&)> detail_for;

  const Field* field(const std::string& key) const;
};

// How the registry finds the areas, party organisations and units rows point at (ref_area,
// ref_org and ref_unit fields, the `?area_id=` and `?org_id=` filters). The registry sits below
// every module; the orgs module, which keeps these, installs them when it adds its registers.
struct RefLookups final {
  // An area's path, and an organisation's path and area path, where `who` may do `a` on `reg`.
  std::optional<std::string> (*area_path_in_scope)(store::Conn&, const core::Principal& who, core::Register reg,
                                                   core::Action a, std::int64_t id) = nullptr;
  std::optional<std::pair<std::string, std::string>> (*org_paths_in_scope)(store::Conn&, const core::Principal& who,
                                                                           core::Register reg, core::Action a,
                                                                           std::int64_t id) = nullptr;
  // Any area's or organisation's own path (a list's scope already hides what the caller may not see).
  std::optional<std::string> (*area_path)(store::Conn&, std::int64_t id) = nullptr;
  std::optional<std::string> (*org_path)(store::Conn&, std::int64_t id) = nullptr;
  // The ids of up to two nodes the `kind` of reference names `name`, where `who` may write `reg`
  // (a spreadsheet names what a form gives by id).
  std::vector<std::int64_t> (*named)(store::Conn&, const core::Principal& who, core::Register reg, Kind kind,
                                     const std::string& name) = nullptr;
};
void set_ref_lookups(const RefLookups& lookups);  // once, before any register is used

// The usual register of rows that sit in an area: scoped by `t.area_path`, ordered by it (so pages
// walk its index) and `?area_id=`-filtered to the area's subtree.
inline void place_by_area(Spec& s) {
  s.scope.area_path = "t.area_path";
  s.order_column = "area_path";
  s.subtree_area_column = "area_path";
}

// A register's head: its kind, URL name, label, table and the column `?q=` searches.
inline Spec spec_of(core::Register reg, std::string name, std::string label, std::string table,
                    std::string search_column = "name") {
  Spec s;
  s.reg = reg;
  s.name = std::move(name);
  s.label = std::move(label);
  s.table = std::move(table);
  s.search_column = std::move(search_column);
  return s;
}

// Units and members read more rows than their scope writes: those `unit_rows` and `member_rows`
// (conditions with one `?`) admit, such as published items and what they have claimed.
inline void widen_reads(Spec& s, const char* unit_rows, const char* member_rows) {
  core::ScopeColumns wide = s.scope;
  wide.unit_id = unit_rows;
  wide.member_id = member_rows;
  s.read_scope = wide;
}

// The words a register's description is written in, for `using namespace registry::fields;`.
namespace fields {
using registry::area_ref_field;
using registry::Choice;
using registry::choice_field;
using registry::Field;
using registry::for_staff_only;
using registry::Kind;
using registry::read_only;
using registry::shown_field;
using registry::sorted;
using registry::text_field;
using registry::value_field;
using registry::WriteCtx;
}  // namespace fields

void register_spec_routes(Router& r, const Spec& spec);
// The routes of each named register, in the order given (every name must be a register's).
void register_spec_routes(Router& r, std::initializer_list<const char*> names);
// GET /api/v1/{name}/{id} as the caller sees it: for module routes that answer with the changed row.
http::Response detail_response(const Spec& spec, Ctx& ctx);
const Spec* find_spec(const std::string& name);
void add_spec(Spec spec);  // specs live for the program's life

}  // namespace jiceng::registry

namespace jiceng {
using registry::Spec;
}
