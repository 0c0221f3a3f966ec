// `jiceng migrate`, `demo`, `import`, `export` and `rollup`: what fills and reads the registers.
#include <boost/json.hpp>
#include <fstream>
#include <iostream>

#include "app/commands.hpp"
#include "app/modules.hpp"
#include "appeals/figures.hpp"
#include "core/router.hpp"
#include "keys/keys.hpp"
#include "orgs/service.hpp"
#include "store/migrations.hpp"
#include "store/schema.hpp"

namespace jiceng::app {
namespace {

// The county-wide principal the command line acts as for import and export.
core::Principal system_principal(store::Database& db) {
  core::Principal p;
  p.username = "system";
  db.read([&](store::Conn& c) {
    for (const auto& root : orgs::root_areas(c)) {
      p.bindings.push_back({core::Role::org_dept, core::ScopeType::area, root.id, root.path, root.name});
    }
  });
  return p;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Answers one API request in this process, as the county-wide system principal.
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
  req.set_target(target);
  req.body = std::move(body);
  req.client_ip = "cli";
  out = router.dispatch(req, app);
  return out.status < 300 ? 0 : 1;
}

}  // namespace

int migrate(const Common& common) {
  auto db = open_db(common, false);
  std::cout << "applied " << store::migrate(*db) << " migration(s) to " << db->describe() << "\n";
  return 0;
}

int demo(const Common& common, const DemoOptions& o) {
  auto db = open_db(common);
  auto cipher = keys::open(*db, common.key_file);
  if (o.if_empty && db->read([](store::Conn& c) { return orgs::has_areas(c); })) {
    std::cout << "database already holds data; demo not loaded\n";
    return 0;
  }
  const auto summary = demo::load(*db, cipher, o.seed, o.members, now_seconds(), o.cogov_scale);
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

int import_register(const Common& common, const std::string& reg, const std::string& file, bool dry_run) {
  http::Response out;
  const int rc =
      run_in_process(common, "POST", "/api/v1/import/" + reg + (dry_run ? "?dry_run=1" : ""), read_file(file), out);
  std::cout << out.body << "\n";
  return rc;
}

int export_register(const Common& common, const std::string& reg, const std::string& file) {
  const bool xlsx = file.size() > 5 && file.substr(file.size() - 5) == ".xlsx";
  http::Response out;
  const int rc = run_in_process(common, "GET", "/api/v1/export/" + reg + "?format=" + (xlsx ? "xlsx" : "csv"), "", out);
  if (rc != 0) {
    std::cerr << out.body << "\n";
    return rc;
  }
  std::ofstream(file, std::ios::binary) << out.body;
  std::cout << "wrote " << file << "\n";
  return 0;
}

int rollup(const Common& common) {
  auto db = open_db(common);
  const auto n = db->write([](store::Conn& c) { return appeals::rebuild_rollups(c); });
  std::cout << "rollups rebuilt from " << n << " appeal(s)\n";
  return 0;
}

}  // namespace jiceng::app
