#include "store/schema.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

namespace jiceng::store {
namespace {

bool plain_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

// Every name spliced into SQL below comes from the catalogue; still, only plain ones pass.
const std::string& checked(const std::string& name) {
  if (!plain_name(name)) throw std::runtime_error("unexpected table or column name: " + name);
  return name;
}

std::vector<std::string> table_names(Conn& c) {
  std::vector<std::string> out;
  if (c.dialect() == Dialect::sqlite) {
    // The FTS5 index and its shadow tables are rebuilt from `member`, never copied.
    for (const auto& r : c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                 "AND name NOT LIKE 'member_fts%' ORDER BY name")) {
      out.push_back(r.text(0));
    }
  } else {
    for (const auto& r :
         c.query("SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")) {
      out.push_back(r.text(0));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> columns_of(Conn& c, const std::string& table) {
  std::vector<std::string> out;
  if (c.dialect() == Dialect::sqlite) {
    for (const auto& r : c.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table}))
      out.push_back(r.text(0));
  } else {
    for (const auto& r : c.query("SELECT column_name::text FROM information_schema.columns WHERE table_schema = "
                                 "current_schema() AND table_name = ? ORDER BY ordinal_position",
                                 {table})) {
      out.push_back(r.text(0));
    }
  }
  for (const auto& col : out) checked(col);
  return out;
}

std::vector<ForeignKey> foreign_keys_of(Conn& c, const std::string& table) {
  std::vector<ForeignKey> out;
  if (c.dialect() == Dialect::sqlite) {
    for (const auto& r : c.query("SELECT k.\"from\", k.\"table\", i.\"notnull\" FROM pragma_foreign_key_list(?) k "
                                 "JOIN pragma_table_info(?) i ON i.name = k.\"from\"",
                                 {table, table})) {
      out.push_back({r.text(0), r.text(1), r.integer(2) == 0});
    }
  } else {
    for (const auto& r : c.query("SELECT a.attname::text, f.relname::text, NOT a.attnotnull FROM pg_constraint k "
                                 "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid "
                                 "JOIN pg_namespace n ON n.oid = t.relnamespace "
                                 "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
                                 "WHERE k.contype = 'f' AND n.nspname = current_schema() AND t.relname = ?",
                                 {table})) {
      out.push_back({r.text(0), r.text(1), r.text(2) == "t" || r.text(2) == "true" || r.text(2) == "1"});
    }
  }
  return out;
}

std::vector<std::string> own_tables(Conn& c) {
  const auto names = table_names(c);
  for (const auto& n : names) checked(n);
  const std::set<std::string> known(names.begin(), names.end());
  // A table's parents: `hard` through NOT NULL columns, which must be loaded first; `soft` through
  // nullable ones, loaded first where the schema allows.
  std::map<std::string, std::set<std::string>> hard, soft;
  for (const auto& n : names) {
    for (const auto& fk : foreign_keys_of(c, n)) {
      if (fk.table == n || !known.count(fk.table)) continue;  // a table's references to itself do not order it
      (fk.nullable ? soft : hard)[n].insert(fk.table);
    }
  }
  // Kahn's order, by name among equals. Where only a cycle through nullable references is left
  // (an area's contact person, who lives in an area), the first table whose NOT NULL parents are
  // in goes next, and copy() fills its late references at the end.
  std::vector<std::string> out;
  std::set<std::string> done;
  const auto ready = [&](const std::string& n, bool strict) {
    const auto in = [&](const std::set<std::string>& ps) {
      return std::all_of(ps.begin(), ps.end(), [&](const std::string& p) { return done.count(p) != 0; });
    };
    return in(hard[n]) && (!strict || in(soft[n]));
  };
  while (out.size() < names.size()) {
    std::optional<std::string> next;
    for (bool strict : {true, false}) {
      for (const auto& n : names) {
        if (!done.count(n) && ready(n, strict)) {
          next = n;
          break;
        }
      }
      if (next) break;
    }
    if (!next) throw std::runtime_error("NOT NULL foreign keys form a cycle");
    done.insert(*next);
    out.push_back(*next);
  }
  return out;
}

void analyze_own_tables(Conn& c) {
  if (c.dialect() == Dialect::sqlite) {
    c.script("ANALYZE");
    return;
  }
  for (const auto& t : table_names(c)) c.script("ANALYZE " + checked(t));
}

}  // namespace jiceng::store
