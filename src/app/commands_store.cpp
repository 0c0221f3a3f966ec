// `jiceng backup`, `restore`, `copy`, `check`, `keys rotate` and `audit verify`: the store's care.
#include <boost/json.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "appeals/figures.hpp"
#include "audit/audit.hpp"
#include "keys/keys.hpp"
#include "orgs/service.hpp"
#include "store/backup.hpp"
#include "store/copy.hpp"

namespace jiceng::app {
namespace {

std::string broken_chain(const audit::VerifyResult& chain) {
  return "audit log broken at row " + std::to_string(*chain.first_bad_id) + ": " + chain.reason;
}

// The leaders' figures over the whole county, to compare a copy with its original.
std::string county_figures(store::Database& db, std::int64_t now) {
  return db.read([now](store::Conn& c) {
    const auto roots = orgs::root_areas(c);
    if (roots.empty()) return std::string();
    return boost::json::serialize(
        appeals::figures(c, {roots.front().path, "1970-01-01", "9999-12-31", std::nullopt}, now, true));
  });
}

std::vector<std::string> store_problems(store::Conn& c) {
  std::vector<std::string> out;
  if (c.dialect() == store::Dialect::sqlite) {
    for (const auto& r : c.query("PRAGMA integrity_check")) {
      if (r.text(0) != "ok") out.push_back("integrity: " + r.text(0));
    }
    for (const auto& r : c.query("PRAGMA foreign_key_check")) {
      out.push_back("foreign key: table " + r.text(0) + " row " + std::to_string(r.integer(1)) + " -> " + r.text(2));
    }
  }
  const auto chain = audit::verify(c);
  if (!chain.ok) out.push_back(broken_chain(chain));
  return out;
}

}  // namespace

int backup(const Common& common, const std::string& file) {
  std::cout << store::backup(common.db, file) << "\nKeep the key file (" << common.key_file
            << ") safe and apart from it: without the key, the encrypted personal data cannot be read.\n";
  return 0;
}

int restore(const Common& common, const std::string& file, bool replace) {
  std::cout << store::restore(file, common.db, replace) << "\n";
  return 0;
}

int copy(const Common& common, const std::string& from_db, const std::string& to_db) {
  auto from = open_db(Common{from_db, common.key_file});
  auto to = open_db(Common{to_db, common.key_file});
  const auto report = store::copy(*from, *to);
  auto problems = report.problems;
  // The audit chain must verify where it now lives, and the leaders' figures read the same.
  const auto chain = to->read([](store::Conn& c) { return audit::verify(c); });
  if (!chain.ok) problems.push_back(broken_chain(chain));
  const auto now = now_seconds();
  if (county_figures(*from, now) != county_figures(*to, now))
    problems.push_back("the appeal figures differ after the copy");
  for (const auto& [table, rows] : report.tables) {
    if (rows) std::cout << "  " << table << ": " << rows << "\n";
  }
  std::cout << "copied " << report.rows << " row(s) in " << report.tables.size() << " tables to " << to->describe()
            << "; audit chain " << (chain.ok ? "verified (" + std::to_string(chain.rows) + " rows)" : "BROKEN") << "\n";
  for (const auto& p : problems) std::cerr << "copy: " << p << "\n";
  return problems.empty() ? 0 : 2;
}

int check(const Common& common) {
  auto db = open_db(common, false);
  const auto problems = db->read([](store::Conn& c) { return store_problems(c); });
  for (const auto& p : problems) std::cerr << p << "\n";
  if (!problems.empty()) return 2;
  std::cout << "database ok: " << db->describe() << "\n";
  return 0;
}

int rotate_keys(const Common& common) {
  auto db = open_db(common);
  const auto r = keys::rotate(*db, common.key_file, now_seconds());
  std::cout << "field keys rotated: " << r.old_id << " -> " << r.new_id << ", " << r.values
            << " value(s) re-encrypted; the old keys are gone from " << common.key_file << "\n";
  return 0;
}

int verify_audit(const Common& common) {
  auto db = open_db(common);
  const auto r = db->read([](store::Conn& c) { return audit::verify(c); });
  if (r.ok) {
    std::cout << "audit log intact: " << r.rows << " row(s)\n";
    return 0;
  }
  std::cerr << "audit log BROKEN at row " << *r.first_bad_id << ": " << r.reason << "\n";
  return 2;
}

}  // namespace jiceng::app
