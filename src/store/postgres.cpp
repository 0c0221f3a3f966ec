// PostgreSQL driver through libpq: pooled connections, `?` rewritten to `$n`, statements
// prepared once per connection and per parameter-type signature.
#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <unordered_map>

#include "store/db.hpp"
#include "store/pool.hpp"

namespace jiceng::store {
namespace {

constexpr unsigned kInt8Oid = 20;
constexpr unsigned kInt2Oid = 21;
constexpr unsigned kInt4Oid = 23;
constexpr unsigned kBoolOid = 16;
constexpr unsigned kFloat4Oid = 700;
constexpr unsigned kFloat8Oid = 701;
constexpr unsigned kNumericOid = 1700;
constexpr unsigned kTextOid = 25;

// A double as the shortest text that reads back as the same value; std::to_string keeps six
// decimals, which cut coordinates to a tenth of a metre and small values to nothing.
std::string shortest_text(double d) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// Rewrites `?` placeholders to `$1..$n`, leaving quoted text alone.
std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_quote = false;
  for (char c : sql) {
    if (c == '\'') in_quote = !in_quote;
    if (c == '?' && !in_quote) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

class PgConn final : public Conn {
 public:
  explicit PgConn(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError("postgres: cannot connect: " + msg);
    }
    script("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC';");
  }
  ~PgConn() override { PQfinish(conn_); }

  ResultSet query(std::string_view sql, const Params& params) override {
    Result r = run(sql, params);
    ResultSet rs;
    const int ncol = PQnfields(r.get());
    std::vector<unsigned> types(ncol);
    for (int i = 0; i < ncol; ++i) {
      rs.columns->emplace_back(PQfname(r.get(), i));
      types[i] = PQftype(r.get(), i);
    }
    const int nrow = PQntuples(r.get());
    rs.rows.reserve(nrow);
    for (int row = 0; row < nrow; ++row) {
      std::vector<Value> vals;
      vals.reserve(ncol);
      for (int i = 0; i < ncol; ++i) {
        if (PQgetisnull(r.get(), row, i)) {
          vals.emplace_back(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(r.get(), row, i);
        switch (types[i]) {
          case kInt8Oid:
          case kInt2Oid:
          case kInt4Oid: vals.emplace_back(static_cast<std::int64_t>(std::strtoll(v, nullptr, 10))); break;
          case kBoolOid: vals.emplace_back(static_cast<std::int64_t>(v[0] == 't' ? 1 : 0)); break;
          case kFloat4Oid:
          case kFloat8Oid:
          case kNumericOid: vals.emplace_back(std::strtod(v, nullptr)); break;
          default: vals.emplace_back(std::string(v, static_cast<std::size_t>(PQgetlength(r.get(), row, i))));
        }
      }
      rs.rows.emplace_back(rs.columns, std::move(vals));
    }
    return rs;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    Result r = run(sql, params);
    const char* n = PQcmdTuples(r.get());
    return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
  }

  void script(std::string_view sql) override {
    Result r(PQexec(conn_, std::string(sql).c_str()));
    check(r, sql);
  }

  Dialect dialect() const override { return Dialect::postgres; }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  void check(const Result& r, std::string_view sql) {
    const auto st = PQresultStatus(r.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return;
    const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
    DbError e("postgres: " + std::string(PQresultErrorMessage(r.get())) + " [" + std::string(sql.substr(0, 200)) + "]");
    e.constraint = state != nullptr && state[0] == '2' && state[1] == '3';
    // 40xxx: serialization failure or deadlock; 53xxx: out of resources; 57P03: starting up.
    e.busy = state != nullptr && ((state[0] == '4' && state[1] == '0') || (state[0] == '5' && state[1] == '3') ||
                                  std::string_view(state) == "57P03");
    throw e;
  }

  Result run(std::string_view sql, const Params& params) {
    std::string key(sql);
    std::vector<unsigned> types(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i];
      types[i] = std::holds_alternative<std::int64_t>(v)  ? kInt8Oid
                 : std::holds_alternative<double>(v)      ? kFloat8Oid
                 : std::holds_alternative<std::string>(v) ? kTextOid
                                                          : 0;
      key += '\x1f';
      key += std::to_string(types[i]);
    }
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      const std::string name = "s" + std::to_string(prepared_.size() + 1);
      const std::string text = rewrite_placeholders(sql);
      Result p(PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(params.size()),
                         reinterpret_cast<const Oid*>(types.data())));
      check(p, sql);
      it = prepared_.emplace(std::move(key), name).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i];
      if (auto p = std::get_if<std::int64_t>(&v))
        texts[i] = std::to_string(*p);
      else if (auto p = std::get_if<double>(&v))
        texts[i] = shortest_text(*p);
      else if (auto p = std::get_if<std::string>(&v))
        texts[i] = *p;
      values[i] = std::holds_alternative<std::monostate>(v) ? nullptr : texts[i].c_str();
    }
    Result r(
        PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0));
    check(r, sql);
    return r;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string conninfo, int pool_size)
      : conninfo_(std::move(conninfo)),
        pool_(
            [this] {
              auto c = std::make_unique<PgConn>(conninfo_);
              c->owner = this;
              return c;
            },
            pool_size) {
    // Connect once now so a wrong URL fails at start, not at the first request.
    pool_.give(pool_.take());
  }

  Dialect dialect() const override { return Dialect::postgres; }
  std::string describe() const override {
    const auto at = conninfo_.find('@');
    return at == std::string::npos ? conninfo_ : "postgresql://…" + conninfo_.substr(at);
  }
  Stats stats() const override { return {pool_.created(), pool_.in_use(), reads_.load(), writes_.load()}; }

 protected:
  class PgLease final : public LeaseBase {
   public:
    explicit PgLease(ConnPool& pool) : pool_(pool), conn_(pool.take()) {}
    ~PgLease() override {
      auto* pg = static_cast<PgConn*>(conn_.get());
      if (!pg->healthy()) conn_.reset();
      pool_.give(std::move(conn_));
    }
    Conn& conn() override { return *conn_; }

   private:
    ConnPool& pool_;
    std::unique_ptr<Conn> conn_;
  };

  Lease acquire(bool for_write) override {
    (for_write ? writes_ : reads_)++;
    return Lease(std::make_unique<PgLease>(pool_));
  }
  // Writes share transactions as on SQLite. Nearly every write is audited and so held the audit
  // chain's lock to its commit, one at a time whatever the pool; sharing a transaction lets them
  // share its WAL flush too (intake 362 to 614 a second on the bench).
  bool groups_commits() const override { return true; }
  void begin(Conn& c) override { c.script("BEGIN"); }
  void commit(Conn& c) override { c.script("COMMIT"); }
  void rollback(Conn& c) override {
    try {
      c.script("ROLLBACK");
    } catch (const DbError&) {
    }
  }

 private:
  std::string conninfo_;
  ConnPool pool_;
  std::atomic<std::int64_t> reads_{0};
  std::atomic<std::int64_t> writes_{0};
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& conninfo, int pool_size) {
  return std::make_unique<PgDatabase>(conninfo, pool_size);
}

}  // namespace jiceng::store
