// The demo county's lists: resources units and members offer, the first community's needs and
// projects, and the orders that took them.
#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "cogov/common.hpp"
#include "demo/seed.hpp"
#include "orgs/seed.hpp"
#include "orgs/service.hpp"
#include "people/seed.hpp"

namespace jiceng::lists {
namespace {

using demo::kDay;
using demo::Seed;

constexpr std::array<const char*, 5> kKinds = {"venue", "funds", "service", "volunteers", "goods"};
constexpr std::array<const char*, 5> kResourceTitles = {"会议室及活动场地", "社区微心愿资助资金", "法律咨询与义诊服务",
                                                        "党员志愿服务队", "防汛与慰问物资"};
constexpr std::array<const char*, 8> kNeeds = {"独居老人助餐送餐",   "老旧小区楼道照明维修", "留守儿童课后辅导",
                                               "困难家庭冬季取暖",   "小区消防通道清理",     "居民健康义诊",
                                               "社区活动室桌椅更新", "防诈骗宣传进楼栋"};
constexpr std::array<const char*, 4> kProjects = {"“幸福食堂”助老项目", "口袋公园共建", "四点半课堂", "红色物业提升"};
constexpr int kFirstCommunityResources = 12;
constexpr int kPendingResourceEvery = 17;
constexpr std::size_t kOrders = 4;
constexpr std::int64_t kOfferingMembers = 2000;  // the in-service members resources may come from

std::string unit_name(const std::vector<orgs::SeedUnit>& units, std::int64_t id) {
  return std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.id == id; })->name;
}

// Resources from units (most) and members, offered to communities; a few still wait for review.
void seed_resources(Seed& s) {
  auto& g = s.cogov_fake;
  const auto& communities = s.places;
  const auto& first = communities.front();
  const auto unit_ids = orgs::seed_units(s);
  const auto member_ids = people::seed_in_service_members(s, kOfferingMembers);
  const auto demo_unit = s.demo_unit();
  for (int i = 0; i < s.scale.resources; ++i) {
    const auto kind = static_cast<std::size_t>(i % kKinds.size());
    const auto& place =
        i < kFirstCommunityResources
            ? first
            : communities[static_cast<std::size_t>(g.between(0, static_cast<int>(communities.size()) - 1))];
    const bool by_unit = i == 0 || g.chance(0.8);
    const auto pick = [&](const auto& from) -> std::pair<std::int64_t, std::string> {
      const auto& o = from[static_cast<std::size_t>(i == 0 ? 0 : g.between(0, static_cast<int>(from.size()) - 1))];
      return {o.id, o.name};
    };
    const auto owner = by_unit ? pick(unit_ids) : pick(member_ids);
    const std::int64_t owner_id = i == 0 ? demo_unit : owner.first;
    const auto owner_name = i == 0 ? unit_name(unit_ids, demo_unit) : owner.second;
    const bool pending = i % kPendingResourceEvery == 5;
    s.insert(
        "INSERT INTO resource (title, kind, description, owner_kind, unit_id, member_id, owner_name, area_id, "
        "area_path, served_paths, capacity, available, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {owner_name + kResourceTitles[kind], std::string(kKinds[kind]), std::string("面向社区居民提供，提前一天预约"),
         std::string(by_unit || i == 0 ? "unit" : "member"), by_unit || i == 0 ? store::Value(owner_id) : store::null(),
         by_unit || i == 0 ? store::null() : store::Value(owner_id), owner_name, place.id, place.path,
         g.chance(0.5) ? store::Value(place.path) : store::null(), static_cast<std::int64_t>(g.between(1, 5)),
         std::string(g.chance(0.5) ? "工作日 9:00-17:00" : "周末全天"), std::string(pending ? "pending" : "published"),
         s.now - g.between(20, 90) * kDay, s.now});
  }
}

// Needs and projects of the first community (the demo accounts' own) and a few elsewhere.
std::vector<std::int64_t> seed_needs_and_projects(Seed& s) {
  auto& g = s.cogov_fake;
  const auto& communities = s.places;
  const auto& first = communities.front();
  const auto first_grid_path = orgs::area_by_id(s.c, s.first_grid())->path;
  const auto month = core::month_of(s.now);
  std::vector<std::int64_t> needs;
  for (std::size_t i = 0; i < kNeeds.size(); ++i) {
    const bool grid = i % 3 == 0;
    const auto area_id = grid ? s.first_grid() : first.id;
    const auto path = grid ? first_grid_path : first.path;
    needs.push_back(s.insert(
        "INSERT INTO need (title, kind, description, source, requester_name, area_id, area_path, status, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string(kNeeds[i]), std::string(kKinds[i % kKinds.size()]), std::string("网格走访中收集，居民反映较集中"),
         std::string(grid ? "grid" : "community"), std::string("网格员"), area_id, path,
         std::string(i == kNeeds.size() - 1 ? "pending" : "published"),
         s.now - static_cast<std::int64_t>(30 - i) * kDay, s.now}));
  }
  for (std::size_t i = 0; i < kProjects.size(); ++i) {
    const auto& place = i < 2 ? first : communities[i * 7 % communities.size()];
    s.insert(
        "INSERT INTO project (title, description, goal, budget, places, area_id, area_path, starts_on, ends_on, "
        "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?)",
        {std::string(kProjects[i]), std::string("社区党组织牵头，共建单位认领实施"),
         std::string("惠及辖区居民 500 人以上"), static_cast<double>(g.between(2, 20)) * 10000.0,
         static_cast<std::int64_t>(g.between(3, 6)), place.id, place.path, month + "-01",
         core::month_of(s.now + 90 * kDay) + "-01", s.now - 10 * kDay, s.now});
  }
  return needs;
}

// Orders: units took the first needs; some confirmed this month (the honour roll), one in progress.
void seed_orders(Seed& s, const std::vector<std::int64_t>& needs) {
  auto& g = s.cogov_fake;
  const auto month = core::month_of(s.now);
  const auto units = orgs::seed_units(s);
  for (std::size_t i = 0; i < kOrders && i < needs.size(); ++i) {
    const std::int64_t unit = i == 0 ? s.demo_unit() : units[i * 3].id;
    const auto name = unit_name(units, unit);
    const bool confirmed = i != kOrders - 1;
    const auto need_row = s.c.one("SELECT area_id, area_path FROM need WHERE id = ?", {needs[i]});
    const auto rating = confirmed ? g.between(4, 5) : 0;
    const auto order = s.insert(
        "INSERT INTO service_order (need_id, claimer_kind, unit_id, claimer_name, area_id, area_path, via, status, "
        "rating, points, period, created_at, updated_at, confirmed_at) "
        "VALUES (?, 'unit', ?, ?, ?, ?, 'claim', ?, ?, ?, ?, ?, ?, ?)",
        {needs[i], unit, name, need_row->integer(0), need_row->text(1),
         std::string(confirmed ? "confirmed" : "in_progress"),
         confirmed ? store::Value(static_cast<std::int64_t>(rating)) : store::null(),
         static_cast<std::int64_t>(confirmed ? 10 + rating * 2 : 0), confirmed ? store::Value(month) : store::null(),
         s.now - 5 * kDay, s.now - kDay, confirmed ? store::Value(s.now - kDay) : store::null()});
    s.c.execute("INSERT INTO service_order_event (order_id, at, actor, action, note) VALUES (?, ?, ?, 'claim', NULL)",
                {order, s.now - 5 * kDay, name});
    s.c.execute("UPDATE need SET status = ? WHERE id = ?", {std::string(confirmed ? "done" : "ordered"), needs[i]});
  }
}

}  // namespace

void seed(Seed& s) {
  seed_resources(s);
  seed_orders(s, seed_needs_and_projects(s));
}

}  // namespace jiceng::lists
