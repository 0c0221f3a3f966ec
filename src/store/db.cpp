#include "store/db.hpp"

#include <algorithm>
#include <ctime>
#include <iterator>
#include <stdexcept>

namespace jiceng::store {

std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size);
std::unique_ptr<Database> open_postgres(const std::string& conninfo, int pool_size);

const Value& Row::at(std::string_view column) const {
  for (std::size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == column) return values_[i];
  }
  throw std::out_of_range("no column " + std::string(column));
}

std::int64_t Row::integer(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0 : std::stoll(*p);
  return 0;
}

double Row::real(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0 : std::stod(*p);
  return 0;
}

std::string Row::text(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<Row> Conn::one(std::string_view sql, const Params& params) {
  auto rs = query(sql, params);
  if (rs.rows.empty()) return std::nullopt;
  return std::move(rs.rows.front());
}

std::int64_t Conn::scalar(std::string_view sql, const Params& params) {
  auto rs = query(sql, params);
  if (rs.rows.empty() || rs.rows.front().size() == 0) return 0;
  return rs.rows.front().integer(0);
}

std::int64_t Database::cached_count(Conn& c, std::string_view sql, const Params& params) {
  constexpr std::size_t kMaxEntries = 20000;
  std::string key(sql);
  for (const auto& p : params) {
    key += '\x1f';
    if (auto v = std::get_if<std::int64_t>(&p))
      key += "i" + std::to_string(*v);
    else if (auto v = std::get_if<double>(&p))
      key += "d" + std::to_string(*v);
    else if (auto v = std::get_if<std::string>(&p))
      key += "s" + *v;
    else
      key += "n";
  }
  const auto gen = generation();
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  {
    std::lock_guard lock(count_mu_);
    auto it = counts_.find(key);
    if (it != counts_.end() && it->second.generation == gen && now - it->second.at < kCountTtlSeconds) {
      return it->second.value;
    }
  }
  const auto value = c.scalar(sql, params);
  std::lock_guard lock(count_mu_);
  if (counts_.size() >= kMaxEntries) counts_.clear();
  counts_[std::move(key)] = CountEntry{gen, now, value};
  return value;
}

std::int64_t count(Conn& c, std::string_view sql, const Params& params) {
  return c.owner ? c.owner->cached_count(c, sql, params) : c.scalar(sql, params);
}

std::unique_ptr<Database> open(const std::string& url, int pool_size) {
  if (url.rfind("sqlite:", 0) == 0) return open_sqlite(url.substr(7), pool_size);
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return open_postgres(url, pool_size);
  throw std::invalid_argument("unknown database URL (use sqlite:PATH or postgresql://...): " + url);
}

}  // namespace jiceng::store

namespace jiceng::store {
std::string like_contains(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::vector<Row> query_ids(Conn& c, std::string_view select_in, std::span<const std::int64_t> ids,
                           std::string_view tail) {
  // SQLite builds before 3.32 take at most 999 parameters.
  constexpr std::size_t kBatch = 500;
  std::vector<std::int64_t> distinct(ids.begin(), ids.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<Row> out;
  for (std::size_t i = 0; i < distinct.size(); i += kBatch) {
    const std::size_t n = std::min(kBatch, distinct.size() - i);
    Params params(distinct.begin() + static_cast<std::ptrdiff_t>(i),
                  distinct.begin() + static_cast<std::ptrdiff_t>(i + n));
    auto rows = c.query(std::string(select_in) + placeholders(n) + ")" + std::string(tail), params);
    out.insert(out.end(), std::make_move_iterator(rows.rows.begin()), std::make_move_iterator(rows.rows.end()));
  }
  return out;
}

std::int64_t next_id(Conn& c, const std::string& table) {
  if (c.dialect() == Dialect::postgres) {
    return c.scalar("SELECT nextval(pg_get_serial_sequence(?, 'id'))", {table});
  }
  // SQLite has one writer at a time, so MAX + 1 cannot race inside a write transaction.
  return c.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
}
}  // namespace jiceng::store

namespace jiceng::store {

struct Database::Pending {
  const std::function<void(Conn&)>* work;
  std::exception_ptr error;
  bool done = false;
};

void Database::write_grouped(const std::function<void(Conn&)>& work) {
  Pending me{&work, nullptr, false};
  std::unique_lock lock(group_mu_);
  queued_.push_back(&me);
  // Whoever finds no group under way leads the next one: everything queued by then shares it.
  while (!me.done) {
    if (leading_) {
      group_cv_.wait(lock);
      continue;
    }
    leading_ = true;
    std::vector<Pending*> group;
    group.swap(queued_);
    lock.unlock();
    commit_group(group);
    lock.lock();
    for (auto* p : group) p->done = true;
    leading_ = false;
    group_cv_.notify_all();
  }
  if (me.error) std::rethrow_exception(me.error);
}

void Database::commit_group(std::vector<Pending*>& group) {
  constexpr char kSavepoint[] = "SAVEPOINT jiceng_write";
  constexpr char kRelease[] = "RELEASE jiceng_write";
  constexpr char kUndo[] = "ROLLBACK TO jiceng_write";
  auto fail_all = [&](std::exception_ptr e) {
    for (auto* p : group) {
      if (!p->error) p->error = e;
    }
  };
  try {
    auto lease = acquire(true);
    Conn& c = *lease;
    begin(c);
    try {
      for (auto* p : group) {
        if (group.size() == 1) {
          (*p->work)(c);
          continue;
        }
        c.execute(kSavepoint);
        try {
          (*p->work)(c);
          c.execute(kRelease);
        } catch (...) {
          p->error = std::current_exception();
          // When the store has given up the whole transaction the savepoint is gone too: the
          // outer handler then fails the rest of the group, as none of it can commit.
          c.execute(kUndo);
          c.execute(kRelease);
        }
      }
      commit(c);
    } catch (...) {
      rollback(c);
      throw;
    }
    generation_.fetch_add(1, std::memory_order_release);
    group_commits_.fetch_add(1, std::memory_order_relaxed);
    group_writes_.fetch_add(static_cast<std::int64_t>(group.size()), std::memory_order_relaxed);
  } catch (...) {
    fail_all(std::current_exception());
  }
}

}  // namespace jiceng::store
