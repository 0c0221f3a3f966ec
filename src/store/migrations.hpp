#pragma once
#include <string>
#include <vector>

#include "store/db.hpp"

namespace jiceng::store {

struct MigrationFile {
  const char* name;  // "001_foundation.sql", "001_foundation.sqlite.sql", "001_foundation.postgres.sql"
  const char* sql;
};
const std::vector<MigrationFile>& embedded_migrations();

// Applies every migration not yet recorded, each in its own transaction; returns how many ran.
int migrate(Database& db);

// Replaces the dialect tokens ({{PK}}, {{PATH}}) for one driver.
std::string render_migration(std::string_view sql, Dialect d);

}  // namespace jiceng::store
