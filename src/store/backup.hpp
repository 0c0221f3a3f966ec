#pragma once
// Online backup and restore. SQLite: the backup API copies one consistent snapshot while the
// server keeps writing. PostgreSQL: pg_dump's snapshot in its custom format, and pg_restore.
// Neither includes the key file, which is kept apart from the data on purpose.
#include <string>

namespace jiceng::store {

// Writes a backup of the database at `url` to `file`, which must not exist yet. Throws on failure,
// leaving no partial file behind. Returns a line describing what was written.
std::string backup(const std::string& url, const std::string& file);

// Restores `file` into the database at `url`. A SQLite target must not exist unless `replace`;
// a PostgreSQL target should be an empty database. The server must not be running against it.
std::string restore(const std::string& file, const std::string& url, bool replace);

}  // namespace jiceng::store
