// What open311 and lists read of appeals, against a real store: a SQLite file migrated like
// production, a street of two communities built here and a clock the tests move. No HTTP.
#include "appeals/exports.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "appeals/service.hpp"
#include "crypto/crypto.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"
#include "testing/temp_dir.hpp"

namespace jiceng::appeals {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kNow = 1'795'000'000;  // 2026-11-18, a Wednesday
constexpr double kLon = 116.005;
constexpr double kLat = 39.005;
constexpr char kGridShape[] =
    R"({"type":"Polygon","coordinates":[[[116.0,39.0],[116.01,39.0],[116.01,39.01],[116.0,39.01],[116.0,39.0]]]})";
// Leaf categories seeded by migration 003: rubbish not collected (general), noise between
// neighbours (a dispute, never published).
constexpr std::int64_t kRubbish = 3;
constexpr std::int64_t kNoise = 34;

class AppealsExports : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::open("sqlite:" + dir_.path() + "/appeals.db", 2);
    store::migrate(*db_);
    app_ = std::make_unique<App>(App{*db_, cipher_, [this] { return now_; }});
    app_->media_dir = dir_.path() + "/media";
    db_->write([&](store::Conn& c) {
      const auto county = area(c, std::nullopt, "/", 1, "示范县", "county");
      const auto street = area(c, county.second, county.first, 2, "城关街道", "street");
      const auto community = area(c, street.second, street.first, 3, "幸福社区", "community");
      area(c, community.second, community.first, 4, "幸福一网格", "grid", kGridShape);
      const auto other = area(c, street.second, street.first, 3, "平安社区", "community");
      secretary_ = secretary(c, "shequ", community);
      outsider_ = secretary(c, "pingan", other);
    });
  }

  void TearDown() override {
    app_.reset();
    db_.reset();
  }

  // (path, id)
  std::pair<std::string, std::int64_t> area(store::Conn& c, std::optional<std::int64_t> parent,
                                            const std::string& parent_path, int depth, const std::string& name,
                                            const char* kind, const char* geometry = nullptr) {
    const auto id = c.one(
                         "INSERT INTO area (parent_id, name, kind, path, depth, geometry, created_at, updated_at) "
                         "VALUES (?, ?, ?, '', ?, ?, ?, ?) RETURNING id",
                         {store::opt(parent), name, std::string(kind), static_cast<std::int64_t>(depth),
                          geometry ? store::Value(std::string(geometry)) : store::null(), now_, now_})
                        ->integer(0);
    const auto path = parent_path + std::to_string(id) + "/";
    c.execute("UPDATE area SET path = ? WHERE id = ?", {path, id});
    return {path, id};
  }

  core::Principal secretary(store::Conn& c, const std::string& username,
                            const std::pair<std::string, std::int64_t>& at) {
    core::Principal p;
    p.account_id = c.one(
                        "INSERT INTO account (username, display_name, password_hash, created_at, "
                        "password_changed_at) VALUES (?, ?, 'x', ?, ?) RETURNING id",
                        {username, username, now_, now_})
                       ->integer(0);
    p.username = username;
    p.display_name = username;
    p.bindings.push_back({core::Role::community_secretary, core::ScopeType::area, at.second, at.first, ""});
    return p;
  }

  // A resident's appeal on the grid's map, filed an hour after the one before.
  Created file_one(const char* type, std::int64_t category, const char* description = "小区门口垃圾三天没人清运了") {
    now_ += kHour;
    Intake in;
    in.type = type;
    in.category_id = category;
    in.description = description;
    in.lon = kLon;
    in.lat = kLat;
    in.reporter_name = "王阿姨";
    return file(*app_, in, nullptr, "127.0.0.1");
  }

  template <class F>
  auto read(F&& f) {
    return db_->read([&](store::Conn& c) { return f(c); });
  }

  test::TempDir dir_{"jiceng-exports-test"};
  std::unique_ptr<store::Database> db_;
  crypto::FieldCipher cipher_{std::string(crypto::FieldCipher::kKeyBytes, 'k'), "test-mac", "test-index"};
  std::int64_t now_ = kNow;
  std::unique_ptr<App> app_;
  core::Principal secretary_, outsider_;
};

TEST_F(AppealsExports, TheServicesAreTheLeafCategoriesWithoutDisputes) {
  const auto all = read([](store::Conn& c) { return public_categories(c); });
  ASSERT_FALSE(all.empty());
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; }));
  EXPECT_TRUE(std::none_of(all.begin(), all.end(), [](const auto& c) { return c.id == kNoise; }));
  const auto rubbish = read([](store::Conn& c) { return public_category(c, kRubbish); });
  ASSERT_TRUE(rubbish);
  EXPECT_TRUE(rubbish->parent_name);
  EXPECT_FALSE(read([](store::Conn& c) { return public_category(c, kNoise); }));
}

TEST_F(AppealsExports, ReportsAndDisputesAreNeverPublishedAndListsAreNewestFirst) {
  const auto first = file_one("complaint", kRubbish);
  const auto report = file_one("report", kRubbish, "有人在河道偷偷倾倒建筑垃圾");
  const auto dispute = file_one("complaint", kNoise, "楼上邻居半夜装修噪音太大");
  const auto last = file_one("help", kRubbish, "独居老人家里的垃圾需要帮忙清运");
  PublishedFilter f;
  f.created_from = kNow;
  f.created_to = now_;
  f.limit = 10;
  const auto listed = read([&](store::Conn& c) { return published_appeals(c, f); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].code, last.code);
  EXPECT_EQ(listed[1].code, first.code);
  EXPECT_EQ(listed[1].description, "小区门口垃圾三天没人清运了");
  EXPECT_EQ(listed[1].status, "submitted");
  ASSERT_TRUE(listed[1].lat);
  EXPECT_DOUBLE_EQ(*listed[1].lat, kLat);
  const std::vector<std::string> codes = {report.code, first.code, dispute.code};
  const auto found = read([&](store::Conn& c) { return published_by_codes(c, codes); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, first.id);
  EXPECT_FALSE(read([&](store::Conn& c) { return published_state(c, report.code); }));
  const auto state = read([&](store::Conn& c) { return published_state(c, first.code); });
  ASSERT_TRUE(state);
  EXPECT_EQ(state->id, first.id);
}

TEST_F(AppealsExports, ListsFilterByTimeCategoryAndOpenness) {
  const auto first = file_one("complaint", kRubbish);
  const auto at = now_;
  file_one("complaint", kRubbish);
  PublishedFilter f;
  f.created_from = kNow;
  f.created_to = at;
  f.limit = 10;
  auto listed = read([&](store::Conn& c) { return published_appeals(c, f); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, first.id);
  f.created_to = now_;
  f.limit = 1;
  EXPECT_EQ(read([&](store::Conn& c) { return published_appeals(c, f); }).size(), 1u);
  f.limit = 10;
  f.open = true;
  EXPECT_EQ(read([&](store::Conn& c) { return published_appeals(c, f); }).size(), 2u);
  f.open = false;
  EXPECT_TRUE(read([&](store::Conn& c) { return published_appeals(c, f); }).empty());
  f.open.reset();
  f.category_ids = {kNoise};
  EXPECT_TRUE(read([&](store::Conn& c) { return published_appeals(c, f); }).empty());
}

TEST_F(AppealsExports, AnAppealBecomesANeedOnlyWithinTheCallersWriteScope) {
  const auto help = file_one("help", kRubbish, "独居老人家里的垃圾需要帮忙清运");
  const auto mine = read([&](store::Conn& c) { return appeal_for_need(c, secretary_, help.id); });
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->type, "help");
  EXPECT_EQ(mine->code, help.code);
  EXPECT_EQ(mine->reporter_name, "王阿姨");
  EXPECT_EQ(mine->description, "独居老人家里的垃圾需要帮忙清运");
  EXPECT_FALSE(read([&](store::Conn& c) { return appeal_for_need(c, outsider_, help.id); }));
}

}  // namespace
}  // namespace jiceng::appeals
