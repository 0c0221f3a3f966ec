// SQLite driver: WAL, one writer connection behind a mutex (BEGIN IMMEDIATE), pooled readers,
// and a prepared-statement cache per connection.
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "store/db.hpp"
#include "store/pool.hpp"

namespace jiceng::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;
constexpr std::size_t kStatementCacheLimit = 512;
// Page caches: the writer keeps the hot index pages of every table it updates; readers lean on
// the operating system's page cache, so each of the pool's connections stays small.
constexpr int kWriterCacheKib = 32768;
constexpr int kReaderCacheKib = 8192;

[[noreturn]] void raise(sqlite3* db, int rc, std::string_view sql) {
  DbError e(std::string("sqlite: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + " [" +
            std::string(sql.substr(0, 200)) + "]");
  e.constraint = (rc & 0xff) == SQLITE_CONSTRAINT;
  e.busy = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
  throw e;
}

class SqliteConn final : public Conn {
 public:
  SqliteConn(const std::string& path, int cache_kib) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw DbError("sqlite: cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // No memory map: a reader that finds the file changed since its last transaction unmaps and
    // remaps it, so under a steady stream of writes every read paid a 256 MB munmap/mmap and the
    // page faults after it (measured: about 0.4 ms a request, and the map inflated RSS).
    script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
        "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0; PRAGMA cache_size=-" +
        std::to_string(cache_kib) + ";");
  }
  ~SqliteConn() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }

  ResultSet query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    ResultSet rs;
    const int ncol = sqlite3_column_count(st);
    for (int i = 0; i < ncol; ++i) rs.columns->emplace_back(sqlite3_column_name(st, i));
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        raise(db_, rc, sql);
      }
      std::vector<Value> vals;
      vals.reserve(ncol);
      for (int i = 0; i < ncol; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: vals.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, i))); break;
          case SQLITE_FLOAT: vals.emplace_back(sqlite3_column_double(st, i)); break;
          case SQLITE_NULL: vals.emplace_back(std::monostate{}); break;
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            vals.emplace_back(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i))));
          }
        }
      }
      rs.rows.emplace_back(rs.columns, std::move(vals));
    }
    sqlite3_reset(st);
    return rs;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) raise(db_, rc, sql);
    return sqlite3_changes64(db_);
  }

  void script(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      DbError e("sqlite: " + msg);
      e.constraint = (rc & 0xff) == SQLITE_CONSTRAINT;
      throw e;
    }
  }

  Dialect dialect() const override { return Dialect::sqlite; }

 private:
  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    sqlite3_stmt* st = nullptr;
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      st = it->second;
    } else {
      const int rc =
          sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &st, nullptr);
      if (rc != SQLITE_OK) raise(db_, rc, sql);
      if (cache_.size() >= kStatementCacheLimit) {
        for (auto& [k, s] : cache_) sqlite3_finalize(s);
        cache_.clear();
      }
      cache_.emplace(std::move(key), st);
    }
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      const auto& v = params[i];
      int rc = SQLITE_OK;
      if (auto p = std::get_if<std::int64_t>(&v))
        rc = sqlite3_bind_int64(st, idx, *p);
      else if (auto p = std::get_if<double>(&v))
        rc = sqlite3_bind_double(st, idx, *p);
      else if (auto p = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text64(st, idx, p->data(), p->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      else
        rc = sqlite3_bind_null(st, idx);
      if (rc != SQLITE_OK) raise(db_, rc, sql);
    }
    return st;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size)
      : path_(std::move(path)),
        writer_(std::make_unique<SqliteConn>(path_, kWriterCacheKib)),
        readers_(
            [this] {
              auto c = std::make_unique<SqliteConn>(path_, kReaderCacheKib);
              c->owner = this;
              return c;
            },
            pool_size) {
    writer_->owner = this;
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }
  Stats stats() const override {
    return {readers_.created() + 1, readers_.in_use() + (writer_busy_ ? 1 : 0), reads_.load(), writes_.load()};
  }

 protected:
  class ReaderLease final : public LeaseBase {
   public:
    ReaderLease(ConnPool& pool) : pool_(pool), conn_(pool.take()) {}
    ~ReaderLease() override { pool_.give(std::move(conn_)); }
    Conn& conn() override { return *conn_; }

   private:
    ConnPool& pool_;
    std::unique_ptr<Conn> conn_;
  };
  class WriterLease final : public LeaseBase {
   public:
    WriterLease(SqliteDatabase& db) : db_(db), lock_(db.write_mu_) { db_.writer_busy_ = true; }
    ~WriterLease() override { db_.writer_busy_ = false; }
    Conn& conn() override { return *db_.writer_; }

   private:
    SqliteDatabase& db_;
    std::unique_lock<std::mutex> lock_;
  };

  Lease acquire(bool for_write) override {
    if (for_write) {
      ++writes_;
      return Lease(std::make_unique<WriterLease>(*this));
    }
    ++reads_;
    return Lease(std::make_unique<ReaderLease>(readers_));
  }
  bool groups_commits() const override { return true; }
  void begin(Conn& c) override { c.execute("BEGIN IMMEDIATE"); }
  void commit(Conn& c) override { c.execute("COMMIT"); }
  void rollback(Conn& c) override {
    try {
      c.execute("ROLLBACK");
    } catch (const DbError&) {
      // No transaction open any more (SQLite rolls back itself on some errors).
    }
  }

 private:
  std::string path_;
  std::mutex write_mu_;
  std::unique_ptr<SqliteConn> writer_;
  ConnPool readers_;
  std::atomic<bool> writer_busy_{false};
  std::atomic<std::int64_t> reads_{0};
  std::atomic<std::int64_t> writes_{0};
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size) {
  // Before any connection exists: SQLite's memory statistics take one process-wide mutex on
  // every allocation, which showed as 14% of a busy server's time; nothing here reads them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  return std::make_unique<SqliteDatabase>(path, pool_size);
}

}  // namespace jiceng::store
