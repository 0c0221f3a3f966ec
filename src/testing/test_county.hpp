#pragma once
// The one county every module's service tests run in: a temporary SQLite database migrated like a
// real one, an App whose clock the test moves, the people who act in it as principals (bound in
// role_binding as the console would bind them) and, for what only a route reaches, the app's own
// router called in-process. No sockets.
//
// The county: 县 (1) → 街道 (2) → 社区 (3, with grid 5 drawn on the map) and 社区 (4). Party
// organisations: the county committee (1) → a unit's branch (2) and the community's branch (3).
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cogov/common.hpp"
#include "core/app.hpp"
#include "core/http.hpp"
#include "core/principal.hpp"
#include "core/router.hpp"
#include "crypto/crypto.hpp"
#include "store/db.hpp"
#include "testing/temp_dir.hpp"

namespace jiceng::test {

class County : public ::testing::Test {
 public:
  static constexpr std::int64_t kCounty = 1, kStreet = 2, kCommunity = 3, kOtherCommunity = 4, kGrid = 5;
  static constexpr std::int64_t kCountyOrg = 1, kUnitBranch = 2, kCommunityBranch = 3;
  // 2026-11-23 10:13 in China Standard Time, a Monday.
  static constexpr std::int64_t kMonday = 1795400000;
  static constexpr std::int64_t kHour = 3600, kDay = 24 * kHour;
  // The grid is drawn as a square around this point.
  static constexpr double kGridLon = 116.005, kGridLat = 39.005;

  // The status, field and message an ApiError carried out of `f` (status 0 when it succeeded).
  struct Refusal final {
    int status = 0;
    std::string field;
    std::string message;
    std::string code;
  };
  static Refusal refusal(const std::function<void()>& f);

 protected:
  void SetUp() override;
  void TearDown() override;

  App& app() { return *app_; }
  store::Database& db() { return *db_; }
  const crypto::FieldCipher& cipher() const { return cipher_; }
  std::int64_t now() const { return now_; }
  void set_now(std::int64_t t) { now_ = t; }
  void pass_time(std::int64_t seconds) { now_ += seconds; }

  // More of the county: an area under `parent` (a second street, a new grid); returns its id.
  std::int64_t area(std::int64_t parent, const std::string& name, const std::string& kind);
  std::int64_t unit(const std::string& name, std::optional<std::int64_t> party_org = std::nullopt,
                    const std::string& kind = "enterprise");
  // A party member of `org_id`, living where the organisation is, with an encrypted ID number: the
  // n-th member registered has 11010119900101000n.
  std::int64_t member(const std::string& name, std::int64_t org_id, const std::string& category = "in_service");
  // Someone of the people register (a cadre, a grid worker, a resident) at `area_id`.
  std::int64_t person(const std::string& name, const std::string& kind, std::int64_t area_id);
  std::int64_t household(const std::string& head, std::int64_t area_id, bool representative = false);
  // An account (a resident's when `household` is given); returns its id.
  std::int64_t account(const std::string& username, std::optional<std::int64_t> household = std::nullopt);

  // Who acts: staff bound to an area, a unit's admin or department, a member, a resident.
  core::Principal staff(core::Role role, std::int64_t area_id, const std::string& name = "社区书记");
  // The county's organisation department (组织部), bound to the county.
  core::Principal org_dept() { return staff(core::Role::org_dept, kCounty, "组织部"); }
  core::Principal unit_admin(std::int64_t unit_id, const std::string& name = "单位管理员");
  core::Principal department(std::int64_t unit_id, const std::string& name);
  core::Principal member_account(std::int64_t member_id, const std::string& name = "党员");
  core::Principal resident(std::int64_t household_id, std::int64_t community, const std::string& name);
  // A party organisation's secretary, as the principal a session would carry: the binding is not
  // written to role_binding.
  core::Principal branch_secretary(std::int64_t org_id, const std::string& name = "支部书记");
  // Where the county's people act from, as the audit log records it.
  static constexpr char kIp[] = "127.0.0.1";
  static cogov::Actor as(const core::Principal& who) { return {who, kIp}; }

  // A request answered by the app's router in-process, as `who` (nobody when null): for what a
  // module offers only as a route (the registers, Open311).
  http::Response call(const std::string& method, const std::string& target, const std::string& body = {},
                      const core::Principal* who = nullptr, const std::string& content_type = "application/json");

  std::int64_t scalar(const std::string& sql, const store::Params& params = {});
  std::string text(const std::string& sql, const store::Params& params = {});
  double real(const std::string& sql, const store::Params& params = {});
  std::int64_t insert(const std::string& sql, const store::Params& params);
  std::string path(std::int64_t area_id);
  std::string org_path(std::int64_t org_id);

 private:
  core::Principal bound(core::Role role, core::ScopeType type, std::int64_t id, const std::string& name,
                        std::optional<std::int64_t> household = std::nullopt);

  TempDir dir_{"jiceng-county-test"};
  crypto::FieldCipher cipher_{std::string(crypto::FieldCipher::kKeyBytes, 'k'), "test-mac", "test-index"};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<App> app_;
  std::unique_ptr<Router> router_;
  const core::Principal* caller_ = nullptr;
  std::int64_t now_ = kMonday;
  int serial_ = 0;
  int members_ = 0;
};

}  // namespace jiceng::test
