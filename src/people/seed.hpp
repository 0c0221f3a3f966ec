#pragma once
// What the seeds above people's read and set of the demo county's members and people: they call
// these rather than touch the member and person tables.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "demo/seed.hpp"

namespace jiceng::people {

struct SeedMember final {
  std::int64_t id = 0;
  std::string name, org_path;
};
SeedMember seed_member(const demo::Seed& s, std::int64_t id);
// The first `limit` in-service members in id order.
std::vector<SeedMember> seed_in_service_members(const demo::Seed& s, std::int64_t limit);
void seed_member_category(demo::Seed& s, std::int64_t member_id, const std::string& category);
// The people of a kind (volunteer, resident, ...) whose area is `area_id`, in id order: (id, name).
std::vector<std::pair<std::int64_t, std::string>> seed_people_of_kind(const demo::Seed& s, std::int64_t area_id,
                                                                      const std::string& kind);
// Binds the grid's full-time worker (专职网格员; the first, if there are several) to an account.
void seed_grid_worker_account(demo::Seed& s, std::int64_t grid_id, std::int64_t account_id);

}  // namespace jiceng::people
