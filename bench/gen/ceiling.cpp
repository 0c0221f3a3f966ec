#include "gen/ceiling.hpp"

#include <chrono>

namespace jiceng::bench {
namespace {

// What group commit gathers under the benchmark's 16 connections and 8 workers.
constexpr int kGroupRows = 8;
// About the size of an appeal row with its description and paths.
const std::string kDescription(240, 'x');

double rate(store::Database& db, double seconds, int rows_per_commit, const std::string& prefix) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::int64_t rows = 0;
  for (;;) {
    db.write([&](store::Conn& c) {
      for (int i = 0; i < rows_per_commit; ++i) {
        c.execute(
            "INSERT INTO ceiling_appeal (code, category_id, description, area_path, status, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {prefix + std::to_string(rows + i), std::int64_t{42}, kDescription, std::string("/1/2/3/4/5/6/"),
             std::string("submitted"), rows + i});
      }
    });
    rows += rows_per_commit;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (elapsed >= seconds) return static_cast<double>(rows) / elapsed;
  }
}

}  // namespace

Ceiling storage_ceiling(store::Database& db, double seconds_each) {
  db.write([](store::Conn& c) {
    c.script("DROP TABLE IF EXISTS ceiling_appeal");
    c.script(std::string("CREATE TABLE ceiling_appeal (id ") +
             (c.dialect() == store::Dialect::sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY") +
             ", code TEXT NOT NULL UNIQUE, category_id BIGINT NOT NULL, description TEXT NOT NULL, "
             "area_path TEXT NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL)");
  });
  Ceiling out;
  out.single_rps = rate(db, seconds_each, 1, "S");
  out.grouped_rps = rate(db, seconds_each, kGroupRows, "G");
  out.group_rows = kGroupRows;
  db.write([](store::Conn& c) { c.script("DROP TABLE ceiling_appeal"); });
  return out;
}

}  // namespace jiceng::bench
