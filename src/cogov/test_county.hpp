#pragma once
// For the co-governance modules' service tests: a small county in a temporary SQLite database
// migrated like a real one, an App whose clock the test moves, and the people who act in it
// (staff, a unit admin, members, residents) as principals built by hand. No HTTP.
//
// The county: 县 (1) → 街道 (2) → 社区 (3, with grid 5) and 社区 (4). Party organisations: the
// county committee (1) → a unit's branch (2) and the community's branch (3).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "cogov/common.hpp"
#include "core/app.hpp"
#include "core/errors.hpp"
#include "crypto/crypto.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"

namespace jiceng::cogov::testing {

constexpr std::int64_t kCounty = 1, kStreet = 2, kCommunity = 3, kOtherCommunity = 4, kGrid = 5;
constexpr std::int64_t kCountyOrg = 1, kUnitBranch = 2, kCommunityBranch = 3;
// 2026-11-23 10:13 in China Standard Time.
constexpr std::int64_t kMonday = 1795400000;
constexpr std::int64_t kHour = 3600, kDay = 24 * kHour;

class County : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> serial{0};
    path_ = std::filesystem::temp_directory_path() /
            ("jiceng-cogov-" + std::to_string(::getpid()) + "-" + std::to_string(serial++) + ".db");
    remove_files();
    db_ = store::open("sqlite:" + path_.string(), 2);
    store::migrate(*db_);
    app_ = std::make_unique<App>(App{*db_, cipher_, [this] { return now_; }});
    db_->write([&](store::Conn& c) {
      area(c, kCounty, std::nullopt, "示范县", "county");
      area(c, kStreet, kCounty, "城关街道", "street");
      area(c, kCommunity, kStreet, "幸福社区", "community");
      area(c, kOtherCommunity, kStreet, "和平社区", "community");
      area(c, kGrid, kCommunity, "幸福一网格", "grid");
      org(c, kCountyOrg, std::nullopt, "县委", kCounty);
      org(c, kUnitBranch, kCountyOrg, "县供电公司党支部", kCounty);
      org(c, kCommunityBranch, kCountyOrg, "幸福社区党支部", kCommunity);
    });
  }
  void TearDown() override {
    app_.reset();
    db_.reset();
    remove_files();
  }

  App& app() { return *app_; }
  store::Database& db() { return *db_; }
  void pass_time(std::int64_t seconds) { now_ += seconds; }
  std::int64_t now() const { return now_; }

  std::int64_t unit(const std::string& name, std::optional<std::int64_t> party_org) {
    return insert(
        "INSERT INTO unit (name, kind, area_id, area_path, party_status, party_org_id, created_at, updated_at) "
        "VALUES (?, 'enterprise', ?, ?, ?, ?, ?, ?) RETURNING id",
        {name, kCounty, path(kCounty), std::string(party_org ? "established" : "none"), store::opt(party_org), now_,
         now_});
  }
  std::int64_t member(const std::string& name, std::int64_t org_id, const std::string& category = "in_service") {
    static std::atomic<int> serial{0};
    const auto n = std::to_string(serial++);
    return insert(
        "INSERT INTO member (name, gender, id_number_enc, id_number_idx, id_number_mask, org_id, org_path, area_path, "
        "category, status, created_at, updated_at) VALUES (?, 'female', ?, ?, '1101**', ?, ?, ?, ?, 'regular', ?, ?) "
        "RETURNING id",
        {name, "enc" + n, "idx" + n, org_id, org_path(org_id), path(kCounty), category, now_, now_});
  }
  std::int64_t household(const std::string& head, std::int64_t area_id, bool representative = false) {
    return insert(
        "INSERT INTO household (address, head_name, area_id, area_path, representative, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {head + "家", head, area_id, path(area_id), std::int64_t{representative ? 1 : 0}, now_, now_});
  }
  // An account living in `household` (a resident's); returns its id.
  std::int64_t account(const std::string& username, std::optional<std::int64_t> household = std::nullopt) {
    return insert(
        "INSERT INTO account (username, display_name, password_hash, created_at, password_changed_at, household_id) "
        "VALUES (?, ?, 'x', ?, ?, ?) RETURNING id",
        {username, username, now_, now_, store::opt(household)});
  }

  // Who acts: staff bound to an area, a unit's admin, a member, a resident of a household.
  core::Principal staff(core::Role role, std::int64_t area_id, const std::string& name = "社区书记") {
    core::Principal p;
    p.account_id = account(name + std::to_string(area_id) + "-" + std::to_string(role_serial_++));
    p.username = p.display_name = name;
    p.bindings.push_back({role, core::ScopeType::area, area_id, path(area_id), ""});
    return p;
  }
  core::Principal unit_admin(std::int64_t unit_id, const std::string& name = "单位管理员") {
    return bound(core::Role::unit_admin, core::ScopeType::unit, unit_id, name);
  }
  core::Principal member_account(std::int64_t member_id, const std::string& name = "党员") {
    return bound(core::Role::member, core::ScopeType::member, member_id, name);
  }
  core::Principal resident(std::int64_t household_id, std::int64_t community, const std::string& name) {
    core::Principal p;
    p.account_id = account(name, household_id);
    p.username = p.display_name = name;
    p.bindings.push_back({core::Role::resident, core::ScopeType::area, community, path(community), ""});
    return p;
  }
  static cogov::Actor as(const core::Principal& who) { return {who, "127.0.0.1"}; }

  // The status an ApiError carried out of `f` (0 when it succeeded), and its field.
  struct Refusal final {
    int status = 0;
    std::string field;
    std::string message;
  };
  static Refusal refusal(const std::function<void()>& f) {
    try {
      f();
    } catch (const ApiError& e) {
      return {e.status(), e.field(), e.message()};
    }
    return {};
  }

  std::int64_t scalar(const std::string& sql, const store::Params& params = {}) {
    return db_->read([&](store::Conn& c) { return c.scalar(sql, params); });
  }
  std::string text(const std::string& sql, const store::Params& params = {}) {
    return db_->read([&](store::Conn& c) { return c.one(sql, params)->text(0); });
  }
  double real(const std::string& sql, const store::Params& params = {}) {
    return db_->read([&](store::Conn& c) { return c.one(sql, params)->real(0); });
  }
  std::int64_t insert(const std::string& sql, const store::Params& params) {
    return db_->write([&](store::Conn& c) { return c.one(sql, params)->integer(0); });
  }
  std::string path(std::int64_t area_id) { return text("SELECT path FROM area WHERE id = ?", {area_id}); }
  std::string org_path(std::int64_t org_id) { return text("SELECT path FROM party_org WHERE id = ?", {org_id}); }

 private:
  static void area(store::Conn& c, std::int64_t id, std::optional<std::int64_t> parent, const std::string& name,
                   const char* kind) {
    const std::string parent_path = parent ? c.one("SELECT path FROM area WHERE id = ?", {*parent})->text(0) : "/";
    const auto depth = static_cast<std::int64_t>(std::count(parent_path.begin(), parent_path.end(), '/'));
    c.execute(
        "INSERT INTO area (id, parent_id, name, kind, path, depth, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 0, 0)",
        {id, store::opt(parent), name, std::string(kind), parent_path + std::to_string(id) + "/", depth});
  }
  static void org(store::Conn& c, std::int64_t id, std::optional<std::int64_t> parent, const std::string& name,
                  std::int64_t area_id) {
    const std::string parent_path = parent ? c.one("SELECT path FROM party_org WHERE id = ?", {*parent})->text(0) : "/";
    const auto area_path = c.one("SELECT path FROM area WHERE id = ?", {area_id})->text(0);
    c.execute(
        "INSERT INTO party_org (id, parent_id, name, level, kind, area_id, area_path, path, depth, created_at, "
        "updated_at) VALUES (?, ?, ?, 'branch', 'branch', ?, ?, ?, 1, 0, 0)",
        {id, store::opt(parent), name, area_id, area_path, parent_path + std::to_string(id) + "/"});
  }
  core::Principal bound(core::Role role, core::ScopeType type, std::int64_t id, const std::string& name) {
    core::Principal p;
    p.account_id = account(name + "-" + std::to_string(role_serial_++));
    p.username = p.display_name = name;
    p.bindings.push_back({role, type, id, "", ""});
    return p;
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  std::filesystem::path path_;
  crypto::FieldCipher cipher_{std::string(crypto::FieldCipher::kKeyBytes, 'k'), "test-mac", "test-index"};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<App> app_;
  std::int64_t now_ = kMonday;
  int role_serial_ = 0;
};

}  // namespace jiceng::cogov::testing
