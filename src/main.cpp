// jiceng: one binary, many subcommands.
#include <CLI/CLI.hpp>
#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "app/modules.hpp"
#include "appeals/figures.hpp"
#include "appeals/service.hpp"
#include "audit/audit.hpp"
#include "auth/password_policy.hpp"
#include "auth/service.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/router.hpp"
#include "core/rate_limit.hpp"
#include "core/server.hpp"
#include "crypto/crypto.hpp"
#include "demo/demo.hpp"
#include "keys/keys.hpp"
#include "notify/outbox.hpp"
#include "store/backup.hpp"
#include "store/copy.hpp"
#include "store/migrations.hpp"
#include "store/schema.hpp"

namespace {

using namespace jiceng;

constexpr char kDefaultDb[] = "sqlite:data/jiceng.db";
constexpr char kDefaultKeyFile[] = "data/jiceng.key";

struct Common final {
  std::string db = kDefaultDb;
  std::string key_file = kDefaultKeyFile;
};

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::unique_ptr<store::Database> open_db(const Common& c, bool run_migrations = true) {
  const int pool = static_cast<int>(std::max(4u, 4 * std::thread::hardware_concurrency()));
  auto db = store::open(c.db, pool);
  if (run_migrations) {
    store::migrate(*db);
    appeals::rebuild_rollups_if_due(*db);
  }
  return db;
}

// The county-wide principal the command line acts as for import and export.
auth::Principal system_principal(store::Database& db) {
  auth::Principal p;
  p.username = "system";
  db.read([&](store::Conn& c) {
    for (const auto& r : c.query("SELECT id, path, name FROM area WHERE parent_id IS NULL")) {
      p.bindings.push_back({auth::Role::org_dept, auth::ScopeType::area, r.integer(0), r.text(1), r.text(2)});
    }
  });
  return p;
}

// Applies `key = value` lines (TOML-style, quotes optional, [sections] and # comments ignored)
// to the options the command line left unset.
void apply_config(CLI::App& sub, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read config " + path);
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    auto trim = [](std::string s) {
      const auto b = s.find_first_not_of(" \t\r");
      const auto e = s.find_last_not_of(" \t\r");
      return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    };
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '[') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected key = value");
    const auto key = trim(line.substr(0, eq));
    auto value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    CLI::Option* opt = nullptr;
    try {
      opt = sub.get_option("--" + key);
    } catch (const CLI::OptionNotFound&) {
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": unknown setting " + key);
    }
    if (opt->count() == 0) {
      opt->add_result(value);
      opt->run_callback();  // stores the value into the bound variable
    }
  }
}

void add_test_routes(Router& router, std::shared_ptr<std::atomic<std::int64_t>> offset) {
  // Every route the router holds, for the scope proof to walk (tests/api/scope.test.mjs).
  router.add("GET", "/api/v1/_test/routes", Access::open, "test", "（仅测试）全部路由", [&router](Ctx&) {
    boost::json::array out;
    for (const auto& r : router.routes()) {
      const char* access = r.access == Access::open          ? "open"
                           : r.access == Access::credentials ? "credentials"
                                                             : "authenticated";
      out.push_back(boost::json::object{{"method", r.method}, {"pattern", r.pattern}, {"access", access}});
    }
    return json::respond(boost::json::object{{"routes", std::move(out)}});
  });
  router.add("POST", "/api/v1/_test/clock", Access::open, "test", "（仅测试）拨动时钟", [offset](Ctx& ctx) {
    const auto body = json::parse_object(ctx.req.body);
    const auto by = json::opt_int(body, "advance_seconds").value_or(0);
    offset->fetch_add(by);
    return json::respond(boost::json::object{{"now", ctx.app.now()}});
  });
  router.add("POST", "/api/v1/_test/deliver", Access::open, "test", "（仅测试）立即投递消息", [](Ctx& ctx) {
    const auto r = notify::deliver(ctx.app, 500);
    return json::respond(boost::json::object{{"delivered", r.delivered}, {"retried", r.retried}, {"failed", r.failed}});
  });
  router.add("POST", "/api/v1/_test/sweep", Access::open, "test", "（仅测试）立即检查时限", [](Ctx& ctx) {
    boost::json::object out;
    for (const auto& [what, n] : app::sweep(ctx.app)) out[what] = n;
    return json::respond(std::move(out));
  });
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int run_in_process(const Common& common, const std::string& method, const std::string& target, std::string body,
                   http::Response& out) {
  auto db = open_db(common);
  auto cipher = keys::open(*db, common.key_file);
  App app{*db, cipher, now_seconds};
  Router router;
  app::build_router(router, "");
  const auto principal = system_principal(*db);
  router.set_authenticator([&](const http::Request&, App&) { return principal; });
  http::Request req;
  req.method = method;
  req.target = target;
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = http::parse_query(target.substr(q + 1));
  req.body = std::move(body);
  req.client_ip = "cli";
  out = router.dispatch(req, app);
  return out.status < 300 ? 0 : 1;
}

// Runs `job` every `interval` on its own thread until the thread is stopped; a failed run is logged
// and the next one comes as usual. A zero interval runs nothing.
template <typename Interval, typename Job>
std::jthread every(Interval interval, const char* what, Job job) {
  if (interval.count() <= 0) return {};
  return std::jthread([interval, what, job = std::move(job)](std::stop_token stop) mutable {
    std::mutex mu;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      std::unique_lock lock(mu);
      if (cv.wait_for(lock, stop, interval, [] { return false; })) break;
      if (stop.stop_requested()) break;
      try {
        job();
      } catch (const std::exception& e) {
        log::error(std::string(what) + " failed: " + e.what());
      }
    }
  });
}

// Where the published demo password is harmless: only this machine can reach the server.
bool is_loopback(const std::string& address) {
  return address == "localhost" || address == "::1" || address == "[::1]" || address.rfind("127.", 0) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"jiceng 基层 — party-building-led grassroots governance platform"};
  cli.require_subcommand(1);
  Common common;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--db", common.db, "sqlite:PATH or postgresql://…")->capture_default_str();
    sub->add_option("--key-file", common.key_file, "SM4/HMAC key file, kept outside the database")
        ->capture_default_str();
  };

  auto* serve = cli.add_subcommand("serve", "Serve the API and the console");
  add_common(serve);
  std::string listen = "127.0.0.1:8080";
  std::string web_root = "web/dist";
  std::string config_file;
  int threads = 0;
  serve->add_option("--listen", listen, "ADDR:PORT")->capture_default_str();
  serve->add_option("--web", web_root, "folder of the built console")->capture_default_str();
  serve->add_option("--threads", threads, "I/O threads (0: one per core)");
  std::string media_dir = "data/media";
  serve->add_option("--media", media_dir, "folder for uploaded photos")->capture_default_str();
  int sweep_seconds = 30;
  int deliver_seconds = 2;
  serve->add_option("--deliver-seconds", deliver_seconds, "how often the outbox is delivered to webhooks (0: never)")
      ->capture_default_str();
  bool test_clock = false;
  serve
      ->add_option("--sweep-seconds", sweep_seconds, "how often deadlines are checked and appeals escalated (0: never)")
      ->capture_default_str();
  serve->add_flag("--test-clock", test_clock,
                  "tests only: a clock moved by POST /api/v1/_test/clock and a sweep run by POST /api/v1/_test/sweep");
  int password_max_age_days = auth::kDefaultPasswordMaxAgeDays;
  serve
      ->add_option("--password-max-age-days", password_max_age_days,
                   "days before a password must be changed (0: never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3650));
  double login_per_minute = 30, intake_per_minute = 10, intake_per_phone_day = 20;
  serve
      ->add_option("--login-per-minute", login_per_minute, "logins allowed per client address per minute (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  serve
      ->add_option("--intake-per-minute", intake_per_minute,
                   "public appeals allowed per client address per minute (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  serve
      ->add_option("--intake-per-phone-day", intake_per_phone_day,
                   "public appeals allowed per phone number per day (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  int max_pending = 256, header_timeout = 10;
  serve->add_option("--max-pending", max_pending, "requests queued or running before new ones get 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve->add_option("--header-timeout", header_timeout, "seconds a client has to send a request's head")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  std::vector<std::string> trusted_proxies;
  serve->add_option("--trusted-proxy", trusted_proxies,
                    "address of a reverse proxy whose X-Forwarded-For names the client (repeatable)");
  bool behind_https = false;
  serve->add_flag("--behind-https", behind_https,
                  "clients reach the server over HTTPS (a TLS proxy in front): Secure cookies and HSTS");
  std::string log_level = "info";
  serve->add_option("--log-level", log_level, "trace, debug, info (a line per request), warn, error or off")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  serve
      ->add_option("--config", config_file,
                   "file of `key = value` lines (listen, db, key-file, web, threads); "
                   "the command line wins")
      ->check(CLI::ExistingFile);

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  add_common(migrate);

  auto* demo = cli.add_subcommand("demo", "Load the demo county into an empty database");
  add_common(demo);
  std::uint64_t seed = 20261122;
  int members_target = 13000;
  demo->add_option("--seed", seed, "random seed")->capture_default_str();
  demo->add_option("--members", members_target, "number of party members")->capture_default_str();
  demo::CogovScale cogov_scale;
  demo->add_option("--resources", cogov_scale.resources, "resources offered by units and members")
      ->capture_default_str();
  demo->add_option("--reported", cogov_scale.reported, "in-service members reported to communities")
      ->capture_default_str();
  bool if_empty = false;
  demo->add_flag("--if-empty", if_empty, "do nothing (and succeed) when the database already holds data");

  auto* import = cli.add_subcommand("import", "Import a register from CSV or XLSX");
  add_common(import);
  std::string reg, file;
  bool dry_run = false;
  import->add_option("REGISTER", reg, "areas, orgs, units, members, venues, people")->required();
  import->add_option("FILE", file, "CSV or XLSX file")->required()->check(CLI::ExistingFile);
  import->add_flag("--dry-run", dry_run, "check every row, import nothing");

  auto* export_cmd = cli.add_subcommand("export", "Export a register to CSV or XLSX (by the file's extension)");
  add_common(export_cmd);
  std::string export_reg, export_file;
  export_cmd->add_option("REGISTER", export_reg, "areas, orgs, units, members, venues, people")->required();
  export_cmd->add_option("FILE", export_file, "output .csv or .xlsx")->required();

  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  std::string username, display, password, role = "org_dept";
  std::int64_t scope_id = 0;
  auto* user_add = user->add_subcommand("add", "Create an account with one role");
  add_common(user_add);
  user_add->add_option("USERNAME", username)->required();
  user_add->add_option("--name", display, "display name");
  user_add->add_option("--password", password)->required();
  user_add->add_option("--role", role)->capture_default_str();
  user_add->add_option("--scope", scope_id, "id of the area/org/unit/member the role is bound to")->required();
  auto* user_passwd = user->add_subcommand("passwd", "Set an account's password");
  add_common(user_passwd);
  user_passwd->add_option("USERNAME", username)->required();
  user_passwd->add_option("--password", password)->required();
  auto* user_unlock = user->add_subcommand("unlock", "Clear an account's failed-login lock");
  add_common(user_unlock);
  user_unlock->add_option("USERNAME", username)->required();
  auto* user_disable = user->add_subcommand("disable", "Disable an account and end its sessions");
  add_common(user_disable);
  user_disable->add_option("USERNAME", username)->required();

  auto* rollup =
      cli.add_subcommand("rollup", "Rebuild the appeal figures rollups from the appeals (after a bulk load)");
  add_common(rollup);

  auto* check =
      cli.add_subcommand("check", "Check the database: SQLite's integrity and foreign keys, and the audit chain");
  add_common(check);

  auto* copy_cmd = cli.add_subcommand("copy",
                                      "Move an installation to another store (SQLite to PostgreSQL), then "
                                      "check it reads back equal; with the server stopped");
  std::string copy_from, copy_to;
  copy_cmd->add_option("--from", copy_from, "the database now in use (sqlite:FILE or postgresql://…)")->required();
  copy_cmd->add_option("--to", copy_to, "a new, empty database (created tables are fine)")->required();

  auto* backup_cmd = cli.add_subcommand("backup", "Write a consistent backup while the server keeps running");
  add_common(backup_cmd);
  std::string backup_file;
  backup_cmd->add_option("FILE", backup_file, "new file to write")->required();
  auto* restore_cmd = cli.add_subcommand("restore", "Restore a backup (with the server stopped)");
  add_common(restore_cmd);
  bool replace = false;
  restore_cmd->add_option("FILE", backup_file, "backup written by `jiceng backup`")
      ->required()
      ->check(CLI::ExistingFile);
  restore_cmd->add_flag("--replace", replace, "overwrite an existing database");

  auto* keys_cmd = cli.add_subcommand("keys", "Field encryption keys");
  keys_cmd->require_subcommand(1);
  auto* rotate = keys_cmd->add_subcommand("rotate",
                                          "New SM4/HMAC keys: re-encrypt every field, retire the old keys "
                                          "(stop the server first)");
  add_common(rotate);

  auto* audit_cmd = cli.add_subcommand("audit", "Audit log tools");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "Check the SM3 hash chain of the audit log");
  add_common(verify);

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*serve) {
      if (!config_file.empty()) apply_config(*serve, config_file);
      log::init(log::parse_level(log_level).value_or(log::Level::info));
      auto db = open_db(common);
      const auto colon = listen.rfind(':');
      if (colon == std::string::npos) throw std::runtime_error("--listen must be ADDR:PORT");
      const auto address = listen.substr(0, colon);
      if (!is_loopback(address)) {
        if (const auto demo = demo::accounts_with_demo_password(*db); !demo.empty()) {
          std::cerr << "jiceng: refusing to listen on " << address << ": demo account " << demo.front() << " (and "
                    << demo.size() - 1 << " more) still use the published demo password. Change them "
                    << "with `jiceng user passwd` or disable them with `jiceng user disable` first.\n";
          return 1;
        }
      }
      auto cipher = keys::open(*db, common.key_file);
      App app{*db, cipher, now_seconds};
      app.media_dir = media_dir;
      app.password_max_age_days = password_max_age_days;
      app.secure_cookies = behind_https;
      // Bursts let a person retry a typo or a family file two appeals without waiting.
      constexpr double kLoginBurst = 20, kIntakeBurst = 5;
      constexpr double kMinutesPerDay = 24 * 60;
      RateLimits limits{RateLimiter(login_per_minute, kLoginBurst), RateLimiter(intake_per_minute, kIntakeBurst),
                        RateLimiter(intake_per_phone_day / kMinutesPerDay, std::max(intake_per_phone_day / 4, 1.0))};
      app.limits = &limits;
      auto offset = std::make_shared<std::atomic<std::int64_t>>(0);
      if (test_clock) app.now = [offset] { return now_seconds() + offset->load(); };
      Router router;
      app::build_router(router, web_root);
      if (test_clock) add_test_routes(router, offset);
      // Deadlines are swept in the background; requests never wait for it.
      auto sweeper = every(std::chrono::seconds(sweep_seconds), "sweep", [&app] {
        std::string done;
        for (const auto& [what, n] : app::sweep(app)) {
          if (n) done += (done.empty() ? "" : ", ") + std::string(what) + " " + std::to_string(n);
        }
        if (!done.empty()) log::info("sweep: " + done);
      });
      // Notifications leave through their own worker: a slow webhook never holds up a request.
      auto deliverer = every(std::chrono::seconds(deliver_seconds), "delivery", [&app] {
        constexpr int kBatch = 100;
        notify::deliver(app, kBatch);
      });
      ServerOptions opts;
      opts.address = address;
      opts.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
      opts.io_threads = threads;
      opts.max_pending = max_pending;
      opts.header_timeout = std::chrono::seconds(header_timeout);
      opts.trusted_proxies = trusted_proxies;
      opts.hsts = behind_https;
      run_server(router, app, opts);
      return 0;
    }
    if (*migrate) {
      auto db = open_db(common, false);
      std::cout << "applied " << store::migrate(*db) << " migration(s) to " << db->describe() << "\n";
      return 0;
    }
    if (*demo) {
      auto db = open_db(common);
      auto cipher = keys::open(*db, common.key_file);
      if (if_empty && db->read([](store::Conn& c) { return c.scalar("SELECT COUNT(*) FROM area"); }) > 0) {
        std::cout << "database already holds data; demo not loaded\n";
        return 0;
      }
      const auto summary = demo::load(*db, cipher, seed, members_target, now_seconds(), cogov_scale);
      // Fold the bulk load into the main file and give the planner fresh statistics.
      db->read([](store::Conn& c) {
        if (c.dialect() == store::Dialect::sqlite)
          c.script("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;");
        else
          store::analyze_own_tables(c);
      });
      std::cout << summary << "\n";
      return 0;
    }
    if (*import) {
      http::Response out;
      const int rc =
          run_in_process(common, "POST", "/api/v1/import/" + reg + (dry_run ? "?dry_run=1" : ""), read_file(file), out);
      std::cout << out.body << "\n";
      return rc;
    }
    if (*export_cmd) {
      const bool xlsx = export_file.size() > 5 && export_file.substr(export_file.size() - 5) == ".xlsx";
      http::Response out;
      const int rc =
          run_in_process(common, "GET", "/api/v1/export/" + export_reg + "?format=" + (xlsx ? "xlsx" : "csv"), "", out);
      if (rc != 0) {
        std::cerr << out.body << "\n";
        return rc;
      }
      std::ofstream(export_file, std::ios::binary) << out.body;
      std::cout << "wrote " << export_file << "\n";
      return 0;
    }
    if ((*user_add || *user_passwd) && auth::password_problem(password, username)) {
      throw std::runtime_error("password refused: " + *auth::password_problem(password, username));
    }
    if (*user_add) {
      auto db = open_db(common);
      const auto r = auth::parse_role(role);
      if (!r) throw std::runtime_error("unknown role " + role);
      const auto id = db->write([&](store::Conn& c) {
        if (!auth::scope_path(c, auth::scope_type_for(*r), scope_id)) throw std::runtime_error("no such scope node");
        const auto id = auth::create_account(c, username, display.empty() ? username : display, password,
                                             {{*r, auth::scope_type_for(*r), scope_id}}, now_seconds());
        audit::record(
            c, {now_seconds(), "cli", std::nullopt, "cli", "create", "account", std::to_string(id), "", username});
        return id;
      });
      std::cout << "created account " << username << " (id " << id << ")\n";
      return 0;
    }
    if (*user_passwd || *user_disable || *user_unlock) {
      auto db = open_db(common);
      const char* action = user_disable->parsed() ? "disable" : user_unlock->parsed() ? "unlock" : "password_reset";
      const auto hash = user_passwd->parsed() ? crypto::hash_password(password) : "";
      const auto changed = db->write([&](store::Conn& c) {
        auto row = c.one("SELECT id FROM account WHERE username = ?", {username});
        if (!row) return false;
        if (user_disable->parsed()) {
          c.execute("UPDATE account SET disabled = 1 WHERE id = ?", {row->integer(0)});
          auth::end_sessions(c, row->integer(0));
        } else if (user_unlock->parsed()) {
          c.execute("UPDATE account SET failed_logins = 0, locked_until = 0 WHERE id = ?", {row->integer(0)});
        } else {
          // Set by someone else, so its owner changes it at the next login.
          c.execute(
              "UPDATE account SET password_hash = ?, password_changed_at = ?, must_change_password = 1 "
              "WHERE id = ?",
              {hash, now_seconds(), row->integer(0)});
          auth::end_sessions(c, row->integer(0));
        }
        audit::record(
            c, {now_seconds(), "cli", std::nullopt, "cli", action, "account", std::to_string(row->integer(0)), "", ""});
        return true;
      });
      if (!changed) {
        std::cerr << "no account " << username << "\n";
        return 1;
      }
      std::cout << action << ": " << username << "\n";
      return 0;
    }
    if (*rollup) {
      auto db = open_db(common);
      const auto n = db->write([](store::Conn& c) { return appeals::rebuild_rollups(c); });
      std::cout << "rollups rebuilt from " << n << " appeal(s)\n";
      return 0;
    }
    if (*backup_cmd) {
      std::cout << store::backup(common.db, backup_file) << "\nKeep the key file (" << common.key_file
                << ") safe and apart from it: without the key, the encrypted personal data cannot be read.\n";
      return 0;
    }
    if (*restore_cmd) {
      std::cout << store::restore(backup_file, common.db, replace) << "\n";
      return 0;
    }
    if (*rotate) {
      auto db = open_db(common);
      const auto r = keys::rotate(*db, common.key_file, now_seconds());
      std::cout << "field keys rotated: " << r.old_id << " -> " << r.new_id << ", " << r.values
                << " value(s) re-encrypted; the old keys are gone from " << common.key_file << "\n";
      return 0;
    }
    if (*copy_cmd) {
      auto from = open_db(Common{copy_from, common.key_file});
      auto to = open_db(Common{copy_to, common.key_file});
      const auto report = store::copy(*from, *to);
      auto problems = report.problems;
      // The audit chain must verify where it now lives, and the leaders' figures read the same.
      const auto chain = to->read([](store::Conn& c) { return audit::verify(c); });
      if (!chain.ok)
        problems.push_back("audit log broken at row " + std::to_string(*chain.first_bad_id) + ": " + chain.reason);
      const auto now = now_seconds();
      const auto figures_of = [now](store::Database& db) {
        return db.read([now](store::Conn& c) {
          auto root = c.one("SELECT path FROM area WHERE parent_id IS NULL ORDER BY id LIMIT 1");
          if (!root) return std::string();
          return boost::json::serialize(
              appeals::figures(c, {root->text(0), "1970-01-01", "9999-12-31", std::nullopt}, now, true));
        });
      };
      if (figures_of(*from) != figures_of(*to)) problems.push_back("the appeal figures differ after the copy");
      for (const auto& [table, rows] : report.tables) {
        if (rows) std::cout << "  " << table << ": " << rows << "\n";
      }
      std::cout << "copied " << report.rows << " row(s) in " << report.tables.size() << " tables to " << to->describe()
                << "; audit chain " << (chain.ok ? "verified (" + std::to_string(chain.rows) + " rows)" : "BROKEN")
                << "\n";
      for (const auto& p : problems) std::cerr << "copy: " << p << "\n";
      return problems.empty() ? 0 : 2;
    }
    if (*check) {
      auto db = open_db(common, false);
      const auto problems = db->read([](store::Conn& c) {
        std::vector<std::string> out;
        if (c.dialect() == store::Dialect::sqlite) {
          for (const auto& r : c.query("PRAGMA integrity_check")) {
            if (r.text(0) != "ok") out.push_back("integrity: " + r.text(0));
          }
          for (const auto& r : c.query("PRAGMA foreign_key_check")) {
            out.push_back("foreign key: table " + r.text(0) + " row " + std::to_string(r.integer(1)) + " -> " +
                          r.text(2));
          }
        }
        const auto chain = audit::verify(c);
        if (!chain.ok)
          out.push_back("audit log broken at row " + std::to_string(*chain.first_bad_id) + ": " + chain.reason);
        return out;
      });
      for (const auto& p : problems) std::cerr << p << "\n";
      if (!problems.empty()) return 2;
      std::cout << "database ok: " << db->describe() << "\n";
      return 0;
    }
    if (*verify) {
      auto db = open_db(common);
      const auto r = db->read([](store::Conn& c) { return audit::verify(c); });
      if (r.ok) {
        std::cout << "audit log intact: " << r.rows << " row(s)\n";
        return 0;
      }
      std::cerr << "audit log BROKEN at row " << *r.first_bad_id << ": " << r.reason << "\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "jiceng: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
