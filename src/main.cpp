// jiceng: one binary, many subcommands. This file reads the command line; each command's body
// lives in src/app/commands_*.cpp.
#include <CLI/CLI.hpp>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include "app/commands.hpp"

namespace {

using namespace jiceng;

// The subcommands with what each runs when chosen.
using Commands = std::vector<std::pair<CLI::App*, std::function<int()>>>;

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

CLI::App* with_common(CLI::App* sub, app::Common& common) {
  sub->add_option("--db", common.db, "sqlite:PATH or postgresql://…")->capture_default_str();
  sub->add_option("--key-file", common.key_file, "SM4/HMAC key file, kept outside the database")->capture_default_str();
  return sub;
}

void add_rate_options(CLI::App* serve, app::ServeOptions& o) {
  serve
      ->add_option("--login-per-minute", o.login_per_minute,
                   "logins allowed per client address per minute (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  serve
      ->add_option("--intake-per-minute", o.intake_per_minute,
                   "public appeals allowed per client address per minute (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  serve
      ->add_option("--intake-per-phone-day", o.intake_per_phone_day,
                   "public appeals allowed per phone number per day (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  serve->add_option("--max-pending", o.max_pending, "requests queued or running before new ones get 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve->add_option("--header-timeout", o.header_timeout, "seconds a client has to send a request's head")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
}

void add_serve(CLI::App& cli, app::Common& common, Commands& commands) {
  auto* serve = with_common(cli.add_subcommand("serve", "Serve the API and the console"), common);
  auto o = std::make_shared<app::ServeOptions>();
  auto config_file = std::make_shared<std::string>();
  serve->add_option("--listen", o->listen, "ADDR:PORT")->capture_default_str();
  serve->add_option("--web", o->web_root, "folder of the built console")->capture_default_str();
  serve->add_option("--threads", o->threads, "I/O threads (0: one per core)");
  serve->add_option("--media", o->media_dir, "folder for uploaded photos")->capture_default_str();
  serve->add_option("--deliver-seconds", o->deliver_seconds, "how often the outbox is delivered to webhooks (0: never)")
      ->capture_default_str();
  serve
      ->add_option("--sweep-seconds", o->sweep_seconds,
                   "how often deadlines are checked and appeals escalated (0: never)")
      ->capture_default_str();
  serve->add_flag("--test-clock", o->test_clock,
                  "tests only: a clock moved by POST /api/v1/_test/clock and a sweep run by POST /api/v1/_test/sweep");
  serve
      ->add_option("--password-max-age-days", o->password_max_age_days,
                   "days before a password must be changed (0: never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3650));
  add_rate_options(serve, *o);
  serve->add_option("--trusted-proxy", o->trusted_proxies,
                    "address of a reverse proxy whose X-Forwarded-For names the client (repeatable)");
  serve->add_flag("--behind-https", o->behind_https,
                  "clients reach the server over HTTPS (a TLS proxy in front): Secure cookies and HSTS");
  serve->add_option("--log-level", o->log_level, "trace, debug, info (a line per request), warn, error or off")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  serve
      ->add_option("--config", *config_file,
                   "file of `key = value` lines (listen, db, key-file, web, threads); "
                   "the command line wins")
      ->check(CLI::ExistingFile);
  commands.emplace_back(serve, [serve, o, config_file, &common] {
    if (!config_file->empty()) apply_config(*serve, *config_file);
    return app::serve(common, *o);
  });
}

void add_data_commands(CLI::App& cli, app::Common& common, Commands& commands) {
  auto* migrate = with_common(cli.add_subcommand("migrate", "Apply database migrations"), common);
  commands.emplace_back(migrate, [&common] { return app::migrate(common); });

  auto* demo = with_common(cli.add_subcommand("demo", "Load the demo county into an empty database"), common);
  auto d = std::make_shared<app::DemoOptions>();
  demo->add_option("--seed", d->seed, "random seed")->capture_default_str();
  demo->add_option("--members", d->members, "number of party members")->capture_default_str();
  demo->add_option("--resources", d->cogov_scale.resources, "resources offered by units and members")
      ->capture_default_str();
  demo->add_option("--reported", d->cogov_scale.reported, "in-service members reported to communities")
      ->capture_default_str();
  demo->add_flag("--if-empty", d->if_empty, "do nothing (and succeed) when the database already holds data");
  commands.emplace_back(demo, [d, &common] { return app::demo(common, *d); });

  struct Transfer final {
    std::string reg, file;
    bool dry_run = false;
  };
  auto* import = with_common(cli.add_subcommand("import", "Import a register from CSV or XLSX"), common);
  auto in = std::make_shared<Transfer>();
  import->add_option("REGISTER", in->reg, "areas, orgs, units, members, venues, people")->required();
  import->add_option("FILE", in->file, "CSV or XLSX file")->required()->check(CLI::ExistingFile);
  import->add_flag("--dry-run", in->dry_run, "check every row, import nothing");
  commands.emplace_back(import, [in, &common] { return app::import_register(common, in->reg, in->file, in->dry_run); });

  auto* export_cmd =
      with_common(cli.add_subcommand("export", "Export a register to CSV or XLSX (by the file's extension)"), common);
  auto out = std::make_shared<Transfer>();
  export_cmd->add_option("REGISTER", out->reg, "areas, orgs, units, members, venues, people")->required();
  export_cmd->add_option("FILE", out->file, "output .csv or .xlsx")->required();
  commands.emplace_back(export_cmd, [out, &common] { return app::export_register(common, out->reg, out->file); });
}

void add_user_commands(CLI::App& cli, app::Common& common, Commands& commands) {
  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto o = std::make_shared<app::UserOptions>();
  auto* add = with_common(user->add_subcommand("add", "Create an account with one role"), common);
  add->add_option("USERNAME", o->username)->required();
  add->add_option("--name", o->display, "display name");
  add->add_option("--password", o->password)->required();
  add->add_option("--role", o->role)->capture_default_str();
  add->add_option("--scope", o->scope_id, "id of the area/org/unit/member the role is bound to")->required();
  commands.emplace_back(add, [o, &common] { return app::user_add(common, *o); });
  auto* passwd = with_common(user->add_subcommand("passwd", "Set an account's password"), common);
  passwd->add_option("USERNAME", o->username)->required();
  passwd->add_option("--password", o->password)->required();
  commands.emplace_back(passwd, [o, &common] { return app::user_passwd(common, *o); });
  auto* unlock = with_common(user->add_subcommand("unlock", "Clear an account's failed-login lock"), common);
  unlock->add_option("USERNAME", o->username)->required();
  commands.emplace_back(unlock, [o, &common] { return app::user_unlock(common, *o); });
  auto* disable = with_common(user->add_subcommand("disable", "Disable an account and end its sessions"), common);
  disable->add_option("USERNAME", o->username)->required();
  commands.emplace_back(disable, [o, &common] { return app::user_disable(common, *o); });
}

void add_store_commands(CLI::App& cli, app::Common& common, Commands& commands) {
  auto* rollup = with_common(
      cli.add_subcommand("rollup", "Rebuild the appeal figures rollups from the appeals (after a bulk load)"), common);
  commands.emplace_back(rollup, [&common] { return app::rollup(common); });

  auto* check = with_common(
      cli.add_subcommand("check", "Check the database: SQLite's integrity and foreign keys, and the audit chain"),
      common);
  commands.emplace_back(check, [&common] { return app::check(common); });

  auto* copy = cli.add_subcommand("copy",
                                  "Move an installation to another store (SQLite to PostgreSQL), then "
                                  "check it reads back equal; with the server stopped");
  auto ends = std::make_shared<std::pair<std::string, std::string>>();
  copy->add_option("--from", ends->first, "the database now in use (sqlite:FILE or postgresql://…)")->required();
  copy->add_option("--to", ends->second, "a new, empty database (created tables are fine)")->required();
  commands.emplace_back(copy, [ends, &common] { return app::copy(common, ends->first, ends->second); });

  auto file = std::make_shared<std::string>();
  auto* backup =
      with_common(cli.add_subcommand("backup", "Write a consistent backup while the server keeps running"), common);
  backup->add_option("FILE", *file, "new file to write")->required();
  commands.emplace_back(backup, [file, &common] { return app::backup(common, *file); });
  auto* restore = with_common(cli.add_subcommand("restore", "Restore a backup (with the server stopped)"), common);
  auto replace = std::make_shared<bool>(false);
  restore->add_option("FILE", *file, "backup written by `jiceng backup`")->required()->check(CLI::ExistingFile);
  restore->add_flag("--replace", *replace, "overwrite an existing database");
  commands.emplace_back(restore, [file, replace, &common] { return app::restore(common, *file, *replace); });

  auto* keys = cli.add_subcommand("keys", "Field encryption keys");
  keys->require_subcommand(1);
  auto* rotate = with_common(keys->add_subcommand("rotate",
                                                  "New SM4/HMAC keys: re-encrypt every field, retire the old keys "
                                                  "(stop the server first)"),
                             common);
  commands.emplace_back(rotate, [&common] { return app::rotate_keys(common); });

  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* verify = with_common(audit->add_subcommand("verify", "Check the SM3 hash chain of the audit log"), common);
  commands.emplace_back(verify, [&common] { return app::verify_audit(common); });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"jiceng 基层 — party-building-led grassroots governance platform"};
  cli.require_subcommand(1);
  app::Common common;
  Commands commands;
  add_serve(cli, common, commands);
  add_data_commands(cli, common, commands);
  add_user_commands(cli, common, commands);
  add_store_commands(cli, common, commands);
  CLI11_PARSE(cli, argc, argv);
  try {
    for (const auto& [sub, run] : commands) {
      if (sub->parsed()) return run();
    }
  } catch (const std::exception& e) {
    std::cerr << "jiceng: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
