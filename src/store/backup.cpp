#include "store/backup.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

namespace jiceng::store {
namespace {

namespace fs = std::filesystem;

constexpr char kSqlitePrefix[] = "sqlite:";

bool is_sqlite(const std::string& url) { return url.rfind(kSqlitePrefix, 0) == 0; }
bool is_postgres(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

struct Closer final {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Handle open_file(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle h(raw);
  if (rc != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
  sqlite3_busy_timeout(raw, 10000);
  return h;
}

// Copies every page of `from` into `to` in one step: one read transaction, so one snapshot, even
// while another process commits.
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw std::runtime_error(what + ": " + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw std::runtime_error(what + ": " + sqlite3_errstr(rc));
}

std::string integrity(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    if (t && std::string(t) != "ok") out += std::string(out.empty() ? "" : "; ") + t;
  }
  sqlite3_finalize(st);
  return out;
}

std::int64_t page_bytes(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  std::int64_t n = 0;
  if (sqlite3_prepare_v2(db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size", -1, &st,
                         nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  return n;
}

// Runs a program with arguments (no shell, so nothing in them is interpreted) and waits for it.
void run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot start " + argv[0]);
  if (pid == 0) {
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("lost " + argv[0]);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(argv[0] +
                             (WIFEXITED(status) && WEXITSTATUS(status) == 127 ? " is not installed" : " failed"));
  }
}

// The copy was synced when its backup step committed (synchronous=FULL); this confirms it reads
// back whole before it takes its final name.
void check_readable(const std::string& path) {
  Handle h = open_file(path, SQLITE_OPEN_READONLY);
  if (auto bad = integrity(h.get()); !bad.empty()) throw std::runtime_error("backup does not read back: " + bad);
}

}  // namespace

std::string backup(const std::string& url, const std::string& file) {
  if (fs::exists(file)) throw std::runtime_error(file + " already exists; choose a new file name");
  const std::string partial = file + ".partial";
  fs::remove(partial);
  if (is_sqlite(url)) {
    const std::string path = url.substr(sizeof kSqlitePrefix - 1);
    if (!fs::exists(path)) throw std::runtime_error("no database at " + path);
    Handle src = open_file(path, SQLITE_OPEN_READONLY);
    try {
      Handle dst = open_file(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      sqlite3_exec(dst.get(), "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
      copy_pages(src.get(), dst.get(), "backup");
    } catch (...) {
      fs::remove(partial);
      throw;
    }
    check_readable(partial);
    fs::rename(partial, file);
    return "backed up " + path + " to " + file + " (" + std::to_string(fs::file_size(file) / 1024) + " KiB)";
  }
  if (is_postgres(url)) {
    try {
      run({"pg_dump", "--format=custom", "--no-owner", "--file=" + partial, "--dbname=" + url});
    } catch (...) {
      fs::remove(partial);
      throw;
    }
    fs::rename(partial, file);
    return "backed up the PostgreSQL database to " + file + " (" + std::to_string(fs::file_size(file) / 1024) + " KiB)";
  }
  throw std::invalid_argument("unknown database URL (use sqlite:PATH or postgresql://...): " + url);
}

std::string restore(const std::string& file, const std::string& url, bool replace) {
  if (!fs::exists(file)) throw std::runtime_error("no backup at " + file);
  if (is_sqlite(url)) {
    const std::string path = url.substr(sizeof kSqlitePrefix - 1);
    Handle src = open_file(file, SQLITE_OPEN_READONLY);
    if (auto bad = integrity(src.get()); !bad.empty()) throw std::runtime_error(file + " is damaged: " + bad);
    if (fs::exists(path)) {
      if (!replace) throw std::runtime_error(path + " exists; pass --replace to overwrite it (stop the server first)");
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
    }
    Handle dst = open_file(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    copy_pages(src.get(), dst.get(), "restore");
    sqlite3_exec(dst.get(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    return "restored " + file + " to " + path + " (" + std::to_string(page_bytes(dst.get()) / 1024) + " KiB)";
  }
  if (is_postgres(url)) {
    std::vector<std::string> argv{"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                                  "--dbname=" + url};
    if (replace) {
      argv.insert(argv.begin() + 1, "--clean");
      argv.insert(argv.begin() + 2, "--if-exists");
    }
    argv.push_back(file);
    run(argv);
    return "restored " + file + " into the PostgreSQL database";
  }
  throw std::invalid_argument("unknown database URL (use sqlite:PATH or postgresql://...): " + url);
}

}  // namespace jiceng::store
