#pragma once
// What the database itself says of jiceng's tables: their names, columns and foreign keys, for
// the commands that work over every table (copy, analyse) without a list to keep in step.
#include <string>
#include <vector>

#include "store/db.hpp"

namespace jiceng::store {

struct ForeignKey final {
  std::string column;
  std::string table;  // the table it points at
  bool nullable = true;
};

// jiceng's own tables (not SQLite's or PostgreSQL's, not the full-text index's shadow tables),
// parents before the tables that refer to them, as far as cycles allow.
std::vector<std::string> own_tables(Conn& c);
std::vector<std::string> columns_of(Conn& c, const std::string& table);
std::vector<ForeignKey> foreign_keys_of(Conn& c, const std::string& table);

// Fresh planner statistics for jiceng's tables only: a database owner who is not a superuser may
// not analyse PostgreSQL's system catalogs, and a bare ANALYZE warns for each of them.
void analyze_own_tables(Conn& c);

}  // namespace jiceng::store
