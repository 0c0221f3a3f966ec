#pragma once
// The one small database interface every module talks to. SQL is written once with `?`
// placeholders; drivers translate. Reads run on a pooled connection, writes in a transaction
// on the writer (SQLite: one writer, BEGIN IMMEDIATE; PostgreSQL: any pooled connection).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace jiceng::store {

enum class Dialect { sqlite, postgres };

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

inline Value null() { return std::monostate{}; }
template <class T>
Value opt(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  return Value(*v);
}

// A list's optional filter: " AND <condition>" (with one `?`) and its value join the WHERE being
// built when the value is given.
template <class T>
void and_if(std::string& where, Params& params, std::string_view condition, const std::optional<T>& value) {
  if (!value) return;
  where += " AND ";
  where += condition;
  params.emplace_back(*value);
}

class Row final {
 public:
  using Columns = std::shared_ptr<const std::vector<std::string>>;
  Row(Columns columns, std::vector<Value> values) : columns_(columns), values_(std::move(values)) {}
  const Value& operator[](std::size_t i) const { return values_.at(i); }
  const Value& at(std::string_view column) const;
  bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  std::int64_t integer(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;  // empty for NULL
  std::optional<std::string> opt_text(std::size_t i) const;
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::size_t size() const { return values_.size(); }
  const std::vector<std::string>& columns() const { return *columns_; }

 private:
  Columns columns_;
  std::vector<Value> values_;
};

struct ResultSet final {
  std::shared_ptr<std::vector<std::string>> columns = std::make_shared<std::vector<std::string>>();
  std::vector<Row> rows;
  bool empty() const { return rows.empty(); }
  std::size_t size() const { return rows.size(); }
  const Row& operator[](std::size_t i) const { return rows.at(i); }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
};

class Database;

class Conn {
 public:
  virtual ~Conn() = default;
  Database* owner = nullptr;  // set by the driver; lets helpers reach the database's caches
  virtual ResultSet query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;

  std::optional<Row> one(std::string_view sql, const Params& params = {});
  std::int64_t scalar(std::string_view sql, const Params& params = {});  // first column of first row, 0 if none
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  virtual std::string describe() const = 0;

  template <class F>
  auto read(F&& f) {
    auto lease = acquire(false);
    return f(*lease);
  }
  // Runs f inside one transaction; commits if f returns, rolls back if it throws. Where the store
  // groups commits (SQLite and PostgreSQL both do), concurrent writes share a transaction and its
  // fsync (group commit):
  // each runs in its own savepoint, so one that throws is undone alone, and none returns before
  // the shared commit is durable.
  template <class F>
  auto write(F&& f) {
    using Result = decltype(f(std::declval<Conn&>()));
    if (groups_commits()) {
      if constexpr (std::is_void_v<Result>) {
        write_grouped([&](Conn& c) { f(c); });
      } else {
        std::optional<Result> result;
        write_grouped([&](Conn& c) { result.emplace(f(c)); });
        return std::move(*result);
      }
    } else {
      auto lease = acquire(true);
      begin(*lease);
      try {
        if constexpr (std::is_void_v<Result>) {
          f(*lease);
          commit(*lease);
          generation_.fetch_add(1, std::memory_order_release);
        } else {
          auto result = f(*lease);
          commit(*lease);
          generation_.fetch_add(1, std::memory_order_release);
          return result;
        }
      } catch (...) {
        rollback(*lease);
        throw;
      }
    }
  }

  struct GroupStats {
    std::int64_t commits = 0;  // shared transactions committed
    std::int64_t writes = 0;   // writes they carried
  };
  GroupStats group_stats() const { return {group_commits_.load(), group_writes_.load()}; }

  struct Stats {
    std::int64_t connections = 0;
    std::int64_t in_use = 0;
    std::int64_t reads = 0;
    std::int64_t writes = 0;
  };
  virtual Stats stats() const = 0;

  // Counts over large ranges (list totals, subtree counts) are remembered until the next write
  // through this Database or for kCountTtlSeconds, whichever comes first.
  static constexpr std::int64_t kCountTtlSeconds = 30;
  std::int64_t cached_count(Conn& c, std::string_view sql, const Params& params);
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 protected:
  class LeaseBase {
   public:
    virtual ~LeaseBase() = default;
    virtual Conn& conn() = 0;
  };
  class Lease final {
   public:
    explicit Lease(std::unique_ptr<LeaseBase> impl) : impl_(std::move(impl)) {}
    Conn& operator*() { return impl_->conn(); }

   private:
    std::unique_ptr<LeaseBase> impl_;
  };
  virtual Lease acquire(bool for_write) = 0;
  virtual bool groups_commits() const { return false; }
  virtual void begin(Conn& c) = 0;
  virtual void commit(Conn& c) = 0;
  virtual void rollback(Conn& c) = 0;

 private:
  struct CountEntry {
    std::uint64_t generation;
    std::int64_t at;
    std::int64_t value;
  };
  struct Pending;
  void write_grouped(const std::function<void(Conn&)>& work);
  void commit_group(std::vector<Pending*>& group);

  std::atomic<std::uint64_t> generation_{0};
  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::vector<Pending*> queued_;
  bool leading_ = false;
  std::atomic<std::int64_t> group_commits_{0};
  std::atomic<std::int64_t> group_writes_{0};
  std::mutex count_mu_;
  std::unordered_map<std::string, CountEntry> counts_;
};

// COUNT through the owner's cache when there is one.
std::int64_t count(Conn& c, std::string_view sql, const Params& params);

// "sqlite:PATH" or "postgresql://…" (also "postgres://…"); throws std::invalid_argument.
std::unique_ptr<Database> open(const std::string& url, int pool_size);

class DbError final : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  // True for unique/foreign-key violations, which the API reports as 409 rather than a 500.
  bool constraint = false;
  // True when the store stayed locked or overloaded past its timeout: worth a retry (503).
  bool busy = false;
};

}  // namespace jiceng::store

namespace jiceng::store {
// "%q%" with LIKE's wildcards in q escaped by a backslash: use with `LIKE ? ESCAPE '\'`.
std::string like_contains(std::string_view q);
// "?, ?, ?" for an IN list of `n` values.
std::string placeholders(std::size_t n);
// The rows of `select_in` ("SELECT id, name FROM unit WHERE id IN (") over the distinct `ids`, then
// ")" and `tail`, in batches small enough for every driver's limit on parameters: a page's lookup
// in one round trip.
std::vector<Row> query_ids(Conn& c, std::string_view select_in, std::span<const std::int64_t> ids,
                           std::string_view tail = {});

// The id the next row of `table` will get, reserved inside the caller's write transaction, for
// rows whose materialised path must contain their own id.
std::int64_t next_id(Conn& c, const std::string& table);
}  // namespace jiceng::store
