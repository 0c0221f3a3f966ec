// Two-way claiming as a community sees it: units and members claim what the community publishes,
// the community dispatches needs to resources with room, and an order runs to a rated confirmation.
#include "lists/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "lists/views.hpp"
#include "testing/test_county.hpp"

namespace jiceng::lists {
namespace {

namespace bj = boost::json;
using core::Role;

class ListsService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    secretary = staff(Role::community_secretary, kCommunity);
    power = unit("县供电公司", kUnitBranch);
    power_admin = unit_admin(power);
    li = member("李梅", kUnitBranch);
    li_account = member_account(li, "李梅");
    wang = member("王强", kUnitBranch);
    wang_account = member_account(wang, "王强");
  }

  std::int64_t need(const std::string& title, std::int64_t area = kCommunity, const std::string& status = "published") {
    return insert(
        "INSERT INTO need (title, kind, source, area_id, area_path, status, created_at, updated_at) "
        "VALUES (?, 'volunteers', 'community', ?, ?, ?, ?, ?) RETURNING id",
        {title, area, path(area), status, now(), now()});
  }
  std::int64_t project(const std::string& title, std::int64_t places) {
    return insert(
        "INSERT INTO project (title, places, area_id, area_path, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 'published', ?, ?) RETURNING id",
        {title, places, kCommunity, path(kCommunity), now(), now()});
  }
  std::int64_t unit_resource(const std::string& title, std::int64_t capacity) {
    return insert(
        "INSERT INTO resource (title, kind, owner_kind, unit_id, owner_name, area_id, area_path, capacity, status, "
        "created_at, updated_at) VALUES (?, 'volunteers', 'unit', ?, '县供电公司', ?, ?, ?, 'published', ?, ?) "
        "RETURNING id",
        {title, power, kCommunity, path(kCommunity), capacity, now(), now()});
  }
  std::string need_status(std::int64_t id) { return text("SELECT status FROM need WHERE id = ?", {id}); }
  std::int64_t open_orders(std::int64_t resource) {
    return scalar("SELECT open_orders FROM resource WHERE id = ?", {resource});
  }
  bj::object move(const core::Principal& who, std::int64_t order, OrderAction a, const std::string& name,
                  std::optional<std::int64_t> rating = std::nullopt, const std::string& note = "") {
    OrderMove m;
    m.action = a;
    m.name = name;
    m.rating = rating;
    m.note = note;
    return act(app(), as(who), order, m);
  }
  static std::vector<std::string> actions_of(const bj::object& order) {
    std::vector<std::string> out;
    for (const auto& a : order.at("actions").as_array()) out.emplace_back(a.as_string());
    return out;
  }

  core::Principal secretary, power_admin, li_account, wang_account;
  std::int64_t power = 0, li = 0, wang = 0;
};

TEST_F(ListsService, AMemberClaimsAPublishedNeedAndTheCommunityConfirmsTheWorkWithARating) {
  const auto id = need("陪老人看病");
  const auto order = claim_need(app(), as(li_account), id, "周六可以", std::nullopt);
  const auto order_id = order.at("id").as_int64();
  EXPECT_EQ(order.at("status").as_string(), "claimed");
  EXPECT_EQ(order.at("claimer_name").as_string(), "李梅");
  EXPECT_EQ(need_status(id), "ordered");
  // The claimer cannot accept their own claim; the community does.
  EXPECT_EQ(actions_of(order), (std::vector<std::string>{"cancel"}));

  EXPECT_EQ(move(secretary, order_id, OrderAction::accept, "accept").at("status").as_string(), "accepted");
  EXPECT_EQ(move(li_account, order_id, OrderAction::start, "start").at("status").as_string(), "in_progress");
  EXPECT_EQ(move(li_account, order_id, OrderAction::complete, "complete").at("status").as_string(), "completed");
  EXPECT_EQ(refusal([&] { move(li_account, order_id, OrderAction::confirm, "confirm", 5); }).status, 403);

  const auto done = move(secretary, order_id, OrderAction::confirm, "confirm", 4);
  EXPECT_EQ(done.at("status").as_string(), "confirmed");
  EXPECT_EQ(done.at("points").as_int64(), kBasePoints + 4 * kPointsPerStar);
  EXPECT_EQ(need_status(id), "done");
  EXPECT_EQ(done.at("timeline").as_array().size(), 5u);  // claim, accept, start, complete, confirm
}

TEST_F(ListsService, ANeedOnceClaimedCannotBeClaimedAgainUntilTheClaimIsCancelled) {
  const auto id = need("打扫楼道");
  const auto order = claim_need(app(), as(li_account), id, "", std::nullopt).at("id").as_int64();
  EXPECT_EQ(refusal([&] { claim_need(app(), as(wang_account), id, "", std::nullopt); }).status, 409);
  EXPECT_EQ(refusal([&] { move(li_account, order, OrderAction::cancel, "cancel", std::nullopt, "临时有事"); }).status,
            0);
  EXPECT_EQ(need_status(id), "published");
  EXPECT_EQ(claim_need(app(), as(wang_account), id, "", std::nullopt).at("claimer_name").as_string(), "王强");
}

TEST_F(ListsService, StaffCannotClaimForThemselvesTheyDispatch) {
  const auto id = need("修理路灯");
  EXPECT_EQ(refusal([&] { claim_need(app(), as(secretary), id, "", std::nullopt); }).status, 403);
}

TEST_F(ListsService, TheCommunityDispatchesANeedToAResourceWhoseOwnerAcceptsIt) {
  const auto resource = unit_resource("电力志愿服务队", 2);
  const auto id = need("检修老旧线路");
  const auto order = dispatch(app(), as(secretary), id, resource, "请尽快联系");
  EXPECT_EQ(order.at("status").as_string(), "dispatched");
  EXPECT_EQ(order.at("claimer_kind").as_string(), "unit");
  EXPECT_EQ(order.at("claimer_name").as_string(), "县供电公司");
  EXPECT_EQ(open_orders(resource), 1);

  const auto seen = order_view(app(), power_admin, order.at("id").as_int64());
  const auto moves = actions_of(seen);
  EXPECT_NE(std::find(moves.begin(), moves.end(), "accept"), moves.end());
  EXPECT_EQ(move(power_admin, order.at("id").as_int64(), OrderAction::accept, "accept").at("status").as_string(),
            "accepted");
  // Cancelled, the need is open again and the resource has its room back.
  move(secretary, order.at("id").as_int64(), OrderAction::cancel, "cancel", std::nullopt, "需求方已自行解决");
  EXPECT_EQ(need_status(id), "published");
  EXPECT_EQ(open_orders(resource), 0);
}

TEST_F(ListsService, AResourceAtCapacityIsRefusedAnotherDispatch) {
  const auto resource = unit_resource("会议室", 1);
  dispatch(app(), as(secretary), need("借用场地开会"), resource, "");
  const auto second = need("再借一次场地");
  const auto r = refusal([&] { dispatch(app(), as(secretary), second, resource, ""); });
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.field, "resource_id");
  EXPECT_EQ(need_status(second), "published");
}

TEST_F(ListsService, AGridWorkerDispatchesTheirGridsNeedsAndDoesNotSeeTheRestOfTheCommunitys) {
  const auto grid_staff = staff(Role::grid_staff, kGrid, "网格员");
  const auto resource = unit_resource("志愿者", 3);
  EXPECT_EQ(refusal([&] { dispatch(app(), as(grid_staff), need("社区的需求"), resource, ""); }).status, 404);
  EXPECT_EQ(dispatch(app(), as(grid_staff), need("网格里的求助", kGrid), resource, "").at("status").as_string(),
            "dispatched");
}

TEST_F(ListsService, AProjectFillsUpAndEachClaimerHoldsOnePlace) {
  const auto id = project("绿化认养", 2);
  const auto first = claim_project(app(), as(li_account), id, "").at("id").as_int64();
  EXPECT_EQ(refusal([&] { claim_project(app(), as(li_account), id, ""); }).status, 409);
  claim_project(app(), as(power_admin), id, "");
  EXPECT_EQ(text("SELECT status FROM project WHERE id = ?", {id}), "full");
  EXPECT_EQ(refusal([&] { claim_project(app(), as(wang_account), id, ""); }).status, 409);
  // A cancelled claim gives its place back.
  move(li_account, first, OrderAction::cancel, "cancel", std::nullopt, "调岗");
  EXPECT_EQ(text("SELECT status FROM project WHERE id = ?", {id}), "published");
  EXPECT_EQ(claim_project(app(), as(wang_account), id, "").at("status").as_string(), "claimed");
}

TEST_F(ListsService, ConfirmedOrdersPutTheirClaimersOnTheMonthsHonourRoll) {
  for (const auto stars : {5, 3}) {
    const auto order = claim_need(app(), as(li_account), need("帮扶 " + std::to_string(stars)), "", std::nullopt);
    const auto id = order.at("id").as_int64();
    move(secretary, id, OrderAction::accept, "accept");
    move(li_account, id, OrderAction::start, "start");
    move(li_account, id, OrderAction::complete, "complete");
    move(secretary, id, OrderAction::confirm, "confirm", stars);
  }
  const auto roll = honour_roll(app(), kCommunity, &secretary, "2026-11");
  const auto& items = roll.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("name").as_string(), "李梅");
  EXPECT_EQ(items[0].at("orders").as_int64(), 2);
  EXPECT_EQ(items[0].at("points").as_int64(), 2 * kBasePoints + 8 * kPointsPerStar);
  EXPECT_EQ(items[0].at("average_rating").as_double(), 4.0);
  EXPECT_TRUE(honour_roll(app(), kCommunity, &secretary, "2026-10").at("items").as_array().empty());
}

TEST_F(ListsService, WhatAGridWorkerPutsForwardWaitsForTheCommunityToPublishIt) {
  const auto grid_staff = staff(Role::grid_staff, kGrid, "网格员");
  const auto id = need("待审核的需求", kGrid, "pending");
  EXPECT_EQ(refusal([&] { review(app(), as(grid_staff), List::needs, id, true, ""); }).status, 403);
  EXPECT_EQ(refusal([&] { claim_need(app(), as(li_account), id, "", std::nullopt); }).status, 409);
  review(app(), as(secretary), List::needs, id, true, "");
  EXPECT_EQ(need_status(id), "published");
  EXPECT_EQ(refusal([&] { review(app(), as(secretary), List::needs, id, false, "重复"); }).status, 409);
}

}  // namespace
}  // namespace jiceng::lists
