// The demo accounts: one per role, each bound to a node a newcomer can find in the demo county.
#include "auth/seed.hpp"

#include "auth/queries.hpp"
#include "auth/roles.hpp"
#include "people/seed.hpp"

namespace jiceng::auth {
namespace {

constexpr std::size_t kDepartmentUnit = 220;  // the first functional department (县住建局)

std::int64_t post_id(const demo::Seed& s, demo::Post p) {
  switch (p) {
    case demo::Post::county: return s.county;
    case demo::Post::street: return s.streets[0];
    case demo::Post::community: return s.first_community();
    case demo::Post::other_community: return s.places[1].id;
    case demo::Post::grid: return s.first_grid();
    case demo::Post::branch: return s.demo_branch;
    case demo::Post::member: return s.demo_member;
    case demo::Post::unit: return s.demo_unit();
    case demo::Post::department: return s.units[kDepartmentUnit];
  }
  return s.county;
}

}  // namespace

void seed(demo::Seed& s) {
  std::int64_t grid_worker = 0;
  for (const auto& a : demo::kDemoAccounts) {
    auto row =
        s.c.one(sql::kSeedAccount, {std::string(a.username), std::string(a.display), s.password_hash, s.now, s.now});
    s.c.execute(sql::kInsertBinding,
                {row->integer(0), std::string(core::role_name(a.role)),
                 std::string(core::scope_type_name(core::scope_type_for(a.role))), post_id(s, a.post)});
    if (a.post == demo::Post::grid) grid_worker = row->integer(0);
  }
  // The demo grid worker is its grid's full-time worker (专职网格员): new appeals there are theirs.
  people::seed_grid_worker_account(s, s.first_grid(), grid_worker);
}

void seed_resident_household(demo::Seed& s, std::int64_t household_id) {
  s.c.execute(sql::kSeedResidentHousehold, {household_id});
}

}  // namespace jiceng::auth
