#pragma once
// The shared kit for the demo county: each module seeds its own part (src/<module>/seed.cpp), in
// the order of the module list, into one transaction; this is what they build on and hand on.
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "auth/roles.hpp"
#include "crypto/crypto.hpp"
#include "demo/fake.hpp"
#include "store/db.hpp"

namespace jiceng::demo {

inline constexpr char kDemoPassword[] = "jiceng-demo";
inline constexpr char kRegionCode[] = "620799";  // not a real county
inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 24 * kHour;

// Where a demo account's role is bound; auth's seed resolves each to the node the county holds.
enum class Post { county, street, community, other_community, grid, branch, member, unit, department };
struct DemoAccount final {
  const char* username;
  const char* display;
  core::Role role;
  Post post;
};
inline constexpr std::array<DemoAccount, 13> kDemoAccounts = {{
    {"admin", "县委组织部管理员", core::Role::org_dept, Post::county},
    {"street", "河西街道干部", core::Role::street_officer, Post::street},
    {"community", "社区书记", core::Role::community_secretary, Post::community},
    {"community2", "另一社区书记", core::Role::community_secretary, Post::other_community},
    {"grid", "网格员", core::Role::grid_staff, Post::grid},
    {"branch", "党支部书记", core::Role::branch_secretary, Post::branch},
    {"member", "党员", core::Role::member, Post::member},
    {"unit", "单位管理员", core::Role::unit_admin, Post::unit},
    {"resident", "居民", core::Role::resident, Post::community},
    {"dept", "县住建局", core::Role::department, Post::department},
    {"sysadmin", "系统管理员", core::Role::sys_admin, Post::county},
    {"secadmin", "安全管理员", core::Role::sec_admin, Post::county},
    {"auditor", "审计管理员", core::Role::audit_admin, Post::county},
}};

struct CogovScale final {
  int resources = 80;  // offered by units and members
  int reported = 400;  // in-service members reported to their communities
};

// A community or village: communities first, then villages, in id order.
struct Place final {
  std::int64_t id;
  std::string path;
  std::string name;
  std::size_t street;  // index into Seed::streets
  bool community;
};

// The demo county being built. Modules read what the modules before them left here.
struct Seed final {
  Seed(store::Conn& conn, const crypto::FieldCipher& field_cipher, std::uint64_t seed, int members,
       const CogovScale& scale, std::int64_t now, std::string password_hash);

  store::Conn& c;
  const crypto::FieldCipher& cipher;
  const std::uint64_t seed;
  const int members;
  const CogovScale scale;
  const std::int64_t now;
  const std::string password_hash;  // the demo password's, hashed before the writer was taken
  // The county's generator: orgs, then people draw from it, in the order the county was first
  // drawn, so the same seed gives the same county.
  Fake fake;
  // The co-governance modules' own (lists, dual_report, deliberation, pairing, in that order).
  Fake cogov_fake;

  // orgs
  std::int64_t county = 0;
  std::int64_t county_org = 0;
  std::vector<std::int64_t> streets;
  std::vector<std::int64_t> street_orgs;
  std::vector<Place> places;
  std::vector<std::pair<std::int64_t, std::size_t>> grids;  // grid id, place index
  std::vector<std::int64_t> place_orgs;                     // each place's party organisation
  std::vector<std::int64_t> member_orgs;                    // every organisation that takes members
  std::set<std::int64_t> retired_branches;                  // a community's 离退休党员支部 holds the retired
  std::set<std::int64_t> working_branches;                  // and its 在职党员支部 those still working
  std::vector<std::int64_t> units;
  // people
  std::int64_t demo_branch = 0;  // the first branch of the first community, and its first member
  std::int64_t demo_member = 0;
  // deliberation
  std::vector<std::int64_t> households;

  std::int64_t first_community() const { return places.front().id; }
  std::int64_t first_grid() const { return grids.front().first; }
  std::int64_t demo_unit() const { return units.front(); }
  std::string path_of(const char* table, std::int64_t id) const;
  // Inserts and returns the new row's id.
  std::int64_t insert(const std::string& sql, const store::Params& p) const;
};

}  // namespace jiceng::demo
