#pragma once
// The `jiceng` subcommands, one function each; main.cpp only reads the command line and calls
// one of them. Each returns the process's exit status and throws std::exception on failure.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "auth/password_policy.hpp"
#include "demo/demo.hpp"
#include "store/db.hpp"

namespace jiceng::app {

constexpr char kDefaultDb[] = "sqlite:data/jiceng.db";
constexpr char kDefaultKeyFile[] = "data/jiceng.key";

// What every command that opens the database takes.
struct Common final {
  std::string db = kDefaultDb;
  std::string key_file = kDefaultKeyFile;
};

std::int64_t now_seconds();
// Opens the store, by default bringing its schema and the appeal rollups up to date first.
std::unique_ptr<store::Database> open_db(const Common& c, bool run_migrations = true);

struct ServeOptions final {
  std::string listen = "127.0.0.1:8080";
  std::string web_root = "web/dist";
  std::string media_dir = "data/media";
  int threads = 0;
  int sweep_seconds = 30;
  int deliver_seconds = 2;
  bool test_clock = false;
  int password_max_age_days = auth::kDefaultPasswordMaxAgeDays;
  double login_per_minute = 30, intake_per_minute = 10, intake_per_phone_day = 20;
  int max_pending = 256, header_timeout = 10;
  std::vector<std::string> trusted_proxies;
  bool behind_https = false;
  std::string log_level = "info";
};
int serve(const Common& common, const ServeOptions& o);

int migrate(const Common& common);

struct DemoOptions final {
  std::uint64_t seed = 20261122;
  int members = 13000;
  demo::CogovScale cogov_scale;
  bool if_empty = false;
};
int demo(const Common& common, const DemoOptions& o);

int import_register(const Common& common, const std::string& reg, const std::string& file, bool dry_run);
int export_register(const Common& common, const std::string& reg, const std::string& file);
int rollup(const Common& common);

struct UserOptions final {
  std::string username, display, password, role = "org_dept";
  std::int64_t scope_id = 0;
};
int user_add(const Common& common, const UserOptions& o);
int user_passwd(const Common& common, const UserOptions& o);
int user_unlock(const Common& common, const UserOptions& o);
int user_disable(const Common& common, const UserOptions& o);

int backup(const Common& common, const std::string& file);
int restore(const Common& common, const std::string& file, bool replace);
int copy(const Common& common, const std::string& from, const std::string& to);
int check(const Common& common);
int rotate_keys(const Common& common);
int verify_audit(const Common& common);

}  // namespace jiceng::app
