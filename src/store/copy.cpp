#include "store/copy.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "store/bulk.hpp"
#include "store/schema.hpp"

namespace jiceng::store {
namespace {

constexpr std::int64_t kBatch = 5000;

// Kept by the database's own triggers as rows arrive, on either store: copied, they would count
// twice. The migrations' own bookkeeping stays as the target's migrations wrote it.
const std::set<std::string> kDerived = {"area_tally", "org_tally", "cache_version", "schema_migrations"};

struct Deferred final {
  std::string table, column;
  std::int64_t id;
  Value value;
};

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string column_list(const std::vector<std::string>& cols) {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// Rows of one table, a batch at a time in id order where the id is a number (keys such as a
// key set's name are text, and those tables are small: read whole).
template <class F>
void each_batch(Conn& c, const std::string& table, const std::vector<std::string>& cols, F&& f) {
  const auto list = column_list(cols);
  const auto id_at = static_cast<std::size_t>(std::find(cols.begin(), cols.end(), "id") - cols.begin());
  if (id_at == cols.size()) {
    f(c.query("SELECT " + list + " FROM " + table));
    return;
  }
  auto rs = c.query("SELECT " + list + " FROM " + table + " ORDER BY id LIMIT ?", {kBatch});
  while (!rs.empty()) {
    const auto& last = rs.rows.back()[id_at];
    if (!std::holds_alternative<std::int64_t>(last)) {
      f(c.query("SELECT " + list + " FROM " + table));
      return;
    }
    f(rs);
    rs = c.query("SELECT " + list + " FROM " + table + " WHERE id > ? ORDER BY id LIMIT ?", {last, kBatch});
  }
}

// What a copy moves: the source's tables in load order, their columns, and the references to be
// filled in once the rows they point at are there.
struct Plan final {
  std::vector<std::string> tables;
  std::map<std::string, std::vector<std::string>> columns;
  // References to a table not yet loaded (or to the table itself) are filled in at the end.
  std::map<std::string, std::set<std::string>> deferred_columns;
};

Plan plan_copy(Database& from, Database& to) {
  if (to.read(
          [](Conn& c) { return c.scalar("SELECT COUNT(*) FROM area") + c.scalar("SELECT COUNT(*) FROM account"); })) {
    throw std::runtime_error("the target database already holds data; copy needs a new, empty one");
  }
  Plan plan;
  from.read([&](Conn& c) {
    plan.tables = own_tables(c);
    for (const auto& t : plan.tables) plan.columns[t] = columns_of(c, t);
  });
  std::erase_if(plan.tables, [](const std::string& t) { return kDerived.count(t) != 0; });
  // The same tables and columns on both sides, whatever order each store lists them in.
  to.read([&](Conn& c) {
    for (const auto& t : plan.tables) {
      auto mine = columns_of(c, t), theirs = plan.columns[t];
      std::sort(mine.begin(), mine.end());
      std::sort(theirs.begin(), theirs.end());
      if (mine != theirs) throw std::runtime_error("table " + t + " differs between the two databases");
    }
  });
  from.read([&](Conn& c) {
    std::set<std::string> loaded;
    for (const auto& t : plan.tables) {
      for (const auto& fk : foreign_keys_of(c, t)) {
        if (fk.table == t || !loaded.count(fk.table)) plan.deferred_columns[t].insert(fk.column);
      }
      loaded.insert(t);
    }
  });
  return plan;
}

// Copies table `t`'s rows, holding back the deferred references into `later`; the rows copied.
std::int64_t copy_table(Conn& out, Database& from, const Plan& plan, const std::string& t,
                        std::vector<Deferred>& later) {
  const auto& cols = plan.columns.at(t);
  static const std::set<std::string> kNone;
  const auto found = plan.deferred_columns.find(t);
  const auto& defer = found == plan.deferred_columns.end() ? kNone : found->second;
  if (!defer.empty() && !has(cols, "id")) throw std::runtime_error("table " + t + " has a late reference but no id");
  const auto id_at = static_cast<std::size_t>(std::find(cols.begin(), cols.end(), "id") - cols.begin());
  BulkInsert insert(out, "INSERT INTO " + t + " (" + column_list(cols) + ")", cols.size());
  std::int64_t n = 0;
  from.read([&](Conn& in) {
    each_batch(in, t, cols, [&](const ResultSet& rs) {
      for (const auto& r : rs) {
        Params row;
        row.reserve(cols.size());
        for (std::size_t i = 0; i < cols.size(); ++i) {
          if (defer.count(cols[i]) && !r.is_null(i)) {
            later.push_back({t, cols[i], r.integer(id_at), r[i]});
            row.push_back(null());
          } else {
            row.push_back(r[i]);
          }
        }
        insert.add(std::move(row));
        ++n;
      }
    });
  });
  insert.flush();
  return n;
}

// Ids were copied as they were: new rows continue after them.
void continue_sequences(Conn& out, const Plan& plan) {
  if (out.dialect() != Dialect::postgres) return;
  for (const auto& t : plan.tables) {
    if (!has(plan.columns.at(t), "id")) continue;
    auto seq = out.one("SELECT pg_get_serial_sequence(?, 'id')", {t});
    if (!seq || seq->is_null(0)) continue;  // a text key (a key set's name) has no sequence
    out.query("SELECT setval(?, COALESCE((SELECT MAX(id) FROM " + t + "), 0) + 1, false)", {seq->text(0)});
  }
}

// Rows a store keeps at zero after deletions mean nothing: only counts that are not zero compare.
std::map<std::string, std::vector<std::string>> nonzero_tally(Database& db, const char* t) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& r : db.read([&](Conn& c) { return c.query(std::string("SELECT * FROM ") + t); })) {
    std::vector<std::string> counts;
    bool any = false;
    for (std::size_t k = 1; k < r.size(); ++k) {
      counts.push_back(r.text(k));
      any = any || (r.text(k) != "0" && !r.is_null(k));
    }
    if (any) out[r.text(0)] = std::move(counts);
  }
  return out;
}

// Read back: every table holds as many rows as the source, and what triggers keep agrees.
void check_copy(Database& from, Database& to, CopyReport& report) {
  for (const auto& [t, n] : report.tables) {
    const auto there = to.read([&](Conn& c) { return c.scalar("SELECT COUNT(*) FROM " + t); });
    if (there != n)
      report.problems.push_back(t + ": " + std::to_string(n) + " rows copied, " + std::to_string(there) + " there");
  }
  for (const char* t : {"area_tally", "org_tally"}) {
    if (nonzero_tally(from, t) != nonzero_tally(to, t)) {
      report.problems.push_back(std::string(t) + " kept by the target's triggers differs from the source's");
    }
  }
}

}  // namespace

CopyReport copy(Database& from, Database& to) {
  const Plan plan = plan_copy(from, to);
  CopyReport report;
  std::vector<Deferred> later;
  to.write([&](Conn& out) {
    // What the target's migrations seeded (categories, limits, markers) gives way to the source's.
    for (auto it = plan.tables.rbegin(); it != plan.tables.rend(); ++it) out.execute("DELETE FROM " + *it);
    for (const auto& t : plan.tables) {
      const auto n = copy_table(out, from, plan, t, later);
      report.tables.emplace_back(t, n);
      report.rows += n;
    }
    for (const auto& d : later)
      out.execute("UPDATE " + d.table + " SET " + d.column + " = ? WHERE id = ?", {d.value, d.id});
    continue_sequences(out, plan);
  });
  check_copy(from, to, report);
  return report;
}

}  // namespace jiceng::store
