// The module list against a freshly migrated database: every table has one owner.
#include "app/modules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "core/app.hpp"
#include "crypto/crypto.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"
#include "testing/temp_dir.hpp"

namespace jiceng::app {
namespace {

class ModuleTables : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::open("sqlite:" + dir_.path() + "/modules.db", 1);
    store::migrate(*db_);
  }
  void TearDown() override { db_.reset(); }

  // Who claims each table: module names, or "infrastructure".
  std::map<std::string, std::vector<std::string>> claims() const {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto* m : modules()) {
      for (const auto t : m->tables) out[std::string(t)].emplace_back(m->name);
    }
    for (const auto t : infrastructure_tables()) out[std::string(t)].emplace_back("infrastructure");
    return out;
  }

  test::TempDir dir_{"jiceng-modules-test"};
  std::unique_ptr<store::Database> db_;
};

TEST_F(ModuleTables, EveryTableTheMigrationsCreateBelongsToExactlyOneModuleOrTheInfrastructure) {
  const auto owners = claims();
  db_->read([&](store::Conn& c) {
    for (const auto& r : c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      auto name = r.text(0);
      // A full-text index's shadow tables (member_fts_data…) go with the index.
      for (const auto& [table, who] : owners) {
        if (name.rfind(table + "_", 0) == 0 && table.find("_fts") != std::string::npos) name = table;
      }
      const auto it = owners.find(name);
      ASSERT_NE(it, owners.end()) << "table " << name << " is in no module's kTables (src/<module>/module.cpp)";
      EXPECT_EQ(it->second.size(), 1u) << "table " << name << " is claimed more than once";
    }
  });
}

TEST_F(ModuleTables, EveryTableAModuleClaimsExists) {
  db_->read([&](store::Conn& c) {
    for (const auto& [table, who] : claims()) {
      EXPECT_TRUE(c.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {table}))
          << who.front() << " claims " << table << ", which no migration creates";
    }
  });
}

// The sweeps that ask for it (org_life's walk of a province, dues', pipeline's and relations' hourly
// warnings) run at most once an hour, by one gate in the store that the background sweeper and the
// test route share; the others run every pass.
TEST_F(ModuleTables, OneGateInTheStoreSpacesOutTheSweepsThatAskForIt) {
  const crypto::FieldCipher cipher(std::string(crypto::FieldCipher::kKeyBytes, 'k'), "test-mac", "test-index");
  std::int64_t now = 1790000000;
  App app{*db_, cipher, [&now] { return now; }};
  const auto ran = [](const SweepCounts& counts, std::string_view what) {
    return std::any_of(counts.begin(), counts.end(), [&](const auto& c) { return c.first == what; });
  };
  const char* hourly[] = {"org_life_warned", "dues_warned", "pipeline_warned", "relations_found"};
  const auto first = sweep(app);
  for (const auto* what : hourly) EXPECT_TRUE(ran(first, what)) << what << " runs on the first pass";
  now += 60;
  const auto soon = sweep(app);
  for (const auto* what : hourly) EXPECT_FALSE(ran(soon, what)) << what << ": a minute later, its hour has not passed";
  EXPECT_TRUE(ran(soon, "settled")) << "a sweep that asks nothing runs every pass";
  now -= 7200;
  EXPECT_TRUE(ran(sweep(app), "dues_warned")) << "a clock set back runs it rather than waiting";
  now += 7200 + 3600;
  const auto later = sweep(app);
  for (const auto* what : hourly) EXPECT_TRUE(ran(later, what)) << what << ": an hour on, it runs again";
}

}  // namespace
}  // namespace jiceng::app
