#include <ctime>
#include <map>

#include "store/migrations.hpp"

namespace jiceng::store {
namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
}

// "001_foundation.sqlite.sql" → version "001_foundation", variant "sqlite".
std::pair<std::string, std::string> split_name(std::string_view name) {
  std::string base(name.substr(0, name.size() - 4));  // drop ".sql"
  for (const char* v : {".sqlite", ".postgres"}) {
    const std::string_view suffix(v);
    if (base.size() > suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return {base.substr(0, base.size() - suffix.size()), std::string(suffix.substr(1))};
    }
  }
  return {base, ""};
}

}  // namespace

std::string render_migration(std::string_view sql, Dialect d) {
  std::string s(sql);
  const bool pg = d == Dialect::postgres;
  replace_all(s, "{{PK}}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY");
  // Paths compare byte-wise so a subtree is one index range in either store.
  replace_all(s, "{{PATH}}", pg ? "TEXT COLLATE \"C\"" : "TEXT");
  return s;
}

int migrate(Database& db) {
  const Dialect d = db.dialect();
  const std::string variant = d == Dialect::postgres ? "postgres" : "sqlite";
  // Ordered by name, so by number; the shared file runs before its driver's variant.
  std::map<std::string, std::pair<std::string, std::string>> parts;
  for (const auto& f : embedded_migrations()) {
    auto [version, v] = split_name(f.name);
    if (v.empty())
      parts[version].first = render_migration(f.sql, d);
    else if (v == variant)
      parts[version].second = render_migration(f.sql, d);
  }
  std::map<std::string, std::string> versions;
  for (auto& [version, p] : parts) versions[version] = p.first + "\n" + p.second;
  db.write([](Conn& c) {
    c.script("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)");
  });
  int applied = 0;
  for (const auto& entry : versions) {
    // Named copies, not structured bindings: clang 14 (the fuzz build) cannot capture those.
    const std::string& version = entry.first;
    const std::string& sql = entry.second;
    const bool ran = db.write([&](Conn& c) {
      if (d == Dialect::postgres) c.script("SELECT pg_advisory_xact_lock(7301)");
      if (c.one("SELECT 1 FROM schema_migrations WHERE version = ?", {version})) return false;
      c.script(sql);
      c.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                {version, static_cast<std::int64_t>(std::time(nullptr))});
      return true;
    });
    applied += ran ? 1 : 0;
  }
  return applied;
}

}  // namespace jiceng::store
