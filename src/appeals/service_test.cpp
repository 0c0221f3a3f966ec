// The appeals service against a real store: the shared test county (a SQLite file migrated like
// production) with its grid on the map, and a clock the tests move. No HTTP.
#include "appeals/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "appeals/assignment.hpp"
#include "appeals/state.hpp"
#include "core/errors.hpp"
#include "testing/test_county.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

// Leaf categories seeded by migration 003: rubbish not collected (general), noise between
// neighbours (a dispute: 四级七天).
constexpr std::int64_t kRubbish = 3;
constexpr std::int64_t kNoise = 34;

// Monday 2026-11-16, 09:00 in Beijing: no holiday in the weeks that follow.
std::int64_t monday_morning() { return core::day_start(core::parse_day("2026-11-16")) + 9 * test::County::kHour; }

// The last second of a day in Beijing.
std::int64_t end_of(const char* day) { return core::day_start(core::parse_day(day) + 1) - 1; }

class AppealsService : public test::County {
 protected:
  AppealsService() { set_now(monday_morning()); }

  // A worker for the grid, the community's secretary, an officer for the street and two
  // departments the street may whistle.
  void SetUp() override {
    County::SetUp();
    grid_worker_ = staff(core::Role::grid_staff, kGrid, "王网格");
    secretary_ = staff(core::Role::community_secretary, kCommunity, "张书记");
    street_officer_ = staff(core::Role::street_officer, kStreet, "李街道");
    chengguan_ = unit("县城管局", std::nullopt, "organ");
    zhujian_ = unit("县住建局", std::nullopt, "organ");
    chengguan_staff_ = department(chengguan_, "赵城管");
    zhujian_staff_ = department(zhujian_, "钱住建");
  }

  // A resident's appeal dropped on the grid's map.
  Created file_on_map(std::int64_t category, const std::string& description = "小区门口垃圾三天没人清运了") {
    Intake in;
    in.type = "complaint";
    in.category_id = category;
    in.description = description;
    in.lon = kGridLon;
    in.lat = kGridLat;
    in.phone = "13800138000";
    return file(app(), in, nullptr, "127.0.0.1");
  }

  bj::object detail(std::int64_t id, const core::Principal& who) { return detail_of(app(), id, who); }
  bj::object detail(std::int64_t id) { return detail(id, street_officer_); }

  void move(const core::Principal& who, std::int64_t id, Action a, const std::string& note = "",
            std::optional<Satisfaction> s = std::nullopt) {
    Move m{a, note, s, std::nullopt, std::nullopt, {}};
    act(app(), who, id, m, "127.0.0.1");
  }

  // The actions on the timeline, in order.
  static std::vector<std::string> actions_of(const bj::object& view) {
    std::vector<std::string> out;
    for (const auto& e : view.at("timeline").as_array()) out.emplace_back(e.at("action").as_string());
    return out;
  }
  static const bj::object* last_event(const bj::object& view, std::string_view action) {
    const bj::object* found = nullptr;
    for (const auto& e : view.at("timeline").as_array()) {
      if (e.at("action").as_string() == action) found = &e.as_object();
    }
    return found;
  }

  core::Principal grid_worker_, secretary_, street_officer_, chengguan_staff_, zhujian_staff_;
  std::int64_t chengguan_ = 0, zhujian_ = 0;
};

TEST_F(AppealsService, AnAppealPutOnTheMapGoesToThatGridAndItsWorkerWithItsUrgencysLimits) {
  const auto created = file_on_map(kRubbish);
  const auto d = detail(created.id);
  EXPECT_EQ(d.at("grid_id").as_int64(), kGrid);
  EXPECT_EQ(d.at("level").as_int64(), kGridLevel);
  EXPECT_EQ(d.at("status").as_string(), "submitted");
  EXPECT_EQ(d.at("community_name").as_string(), "幸福社区");
  EXPECT_EQ(d.at("assignee").at("name").as_string(), "王网格");
  // General appeals: seven working days in all, to the end of the day, the weekend not counted;
  // the grid's slice is the first of them.
  EXPECT_EQ(d.at("deadline_at").as_int64(), end_of("2026-11-25"));
  EXPECT_EQ(d.at("level_deadline_at").as_int64(), end_of("2026-11-17"));
  EXPECT_FALSE(d.at("due_soon").as_bool());
  EXPECT_EQ(actions_of(d), (std::vector<std::string>{"submit", "dispatch"}));
  EXPECT_EQ(last_event(d, "dispatch")->at("note").as_string(), "网格：幸福一网格");
  // The resident follows it by the code, without staff names.
  const auto pub = public_view(app(), created.code);
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->at("grid_name").as_string(), "幸福一网格");
  EXPECT_EQ(pub->at("status").as_string(), "submitted");
  EXPECT_FALSE(pub->at("timeline").as_array()[0].as_object().contains("actor"));
}

TEST_F(AppealsService, AnAppealWithOnlyAnAddressGoesToTheCommunityItNames) {
  Intake in;
  in.type = "help";
  in.category_id = kRubbish;
  in.description = "楼下的垃圾桶坏了没人修";
  in.address = "幸福社区 5 号楼";
  in.anonymous = true;
  const auto d = detail(file(app(), in, nullptr, "127.0.0.1").id);
  EXPECT_EQ(d.at("level").as_int64(), kCommunityLevel);
  EXPECT_EQ(d.at("area_id").as_int64(), kCommunity);
  EXPECT_TRUE(d.at("grid_id").is_null());
}

TEST_F(AppealsService, StaffCannotFileOutsideTheirOwnArea) {
  auto elsewhere = grid_worker_;
  elsewhere.bindings[0].path = "/999/";
  Intake in;
  in.type = "report";
  in.category_id = kRubbish;
  in.description = "巡查发现垃圾堆放";
  in.lon = kGridLon;
  in.lat = kGridLat;
  in.channel = "patrol";
  try {
    file(app(), in, &elsewhere, "127.0.0.1");
    FAIL() << "filed outside the caller's area";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.field(), "lon");
  }
}

TEST_F(AppealsService, UnansweredDisputesClimbAllFourLevelsAsEachSliceRunsOutAndWarnOnce) {
  const auto start = now();
  const auto id = file_on_map(kNoise, "楼上邻居每天半夜装修，噪音扰民").id;
  EXPECT_EQ(detail(id).at("urgency").as_string(), "dispute");

  set_now(start + kDay - 1);  // the grid's day is not over
  EXPECT_EQ(sweep(app()).escalated, 0);
  EXPECT_EQ(detail(id).at("level").as_int64(), kGridLevel);

  // 四级七天: one day at the grid, two each at the community and the street, the rest at the county.
  set_now(start + kDay);
  EXPECT_EQ(sweep(app()).escalated, 1);
  auto d = detail(id);
  EXPECT_EQ(d.at("level").as_int64(), kCommunityLevel);
  EXPECT_EQ(d.at("level_deadline_at").as_int64(), now() + 2 * kDay);
  EXPECT_EQ(d.at("holder").at("name").as_string(), "幸福社区");
  const auto* up = last_event(d, "escalate");
  ASSERT_NE(up, nullptr);
  EXPECT_EQ(up->at("actor").as_string(), "system");
  EXPECT_EQ(up->at("label").as_string(), "上报至社区（村）");

  set_now(start + 3 * kDay);
  EXPECT_EQ(sweep(app()).escalated, 1);
  EXPECT_EQ(detail(id).at("holder").at("name").as_string(), "城关街道");

  set_now(start + 5 * kDay);
  const auto at_county = sweep(app());
  EXPECT_EQ(at_county.escalated, 1);
  EXPECT_EQ(at_county.warned, 0);
  d = detail(id);
  EXPECT_EQ(d.at("level").as_int64(), kCountyLevel);
  EXPECT_EQ(d.at("holder").at("name").as_string(), "示范县");
  EXPECT_EQ(d.at("level_deadline_at").as_int64(), start + 7 * kDay);  // what is left of the seven days

  // 80% of the seven days gone: one warning, on the timeline, and the appeal shows as due soon.
  set_now(start + 7 * kDay * 8 / 10);
  const auto warned = sweep(app());
  EXPECT_EQ(warned.warned, 1);
  EXPECT_EQ(warned.escalated, 0);
  d = detail(id);
  EXPECT_TRUE(d.at("due_soon").as_bool());
  EXPECT_EQ(last_event(d, "warn")->at("note").as_string(), "办理时限已过 80%");

  // Past the limit: nowhere above the county, and no second warning.
  set_now(start + 8 * kDay);
  const auto after = sweep(app());
  EXPECT_EQ(after.escalated, 0);
  EXPECT_EQ(after.warned, 0);
  d = detail(id);
  EXPECT_TRUE(d.at("overdue").as_bool());
  const auto lines = actions_of(d);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "escalate"), 3);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "warn"), 1);
}

TEST_F(AppealsService, ADepartmentThatChecksInAfterItsWindowIsNamedOnceAndCountedLate) {
  const auto start = now();
  const auto id = file_on_map(kRubbish).id;
  whistle(app(), street_officer_, id, {chengguan_, zhujian_}, "请两部门到场", "127.0.0.1");
  auto d = detail(id);
  EXPECT_EQ(last_event(d, "whistle")->at("note").as_string(), "吹哨：县城管局、县住建局。请两部门到场");
  ASSERT_EQ(d.at("whistles").as_array().size(), 2u);
  // A whistled department sees the appeal and may check in.
  const auto seen = detail(id, zhujian_staff_);
  const auto& can = seen.at("actions").as_array();
  EXPECT_NE(std::find(can.begin(), can.end(), bj::value("checkin")), can.end());

  set_now(start + kHour);
  check_in(app(), zhujian_staff_, id, "已到场", "127.0.0.1");

  // General urgency: a day to check in. The sweep names the one that did not, once.
  set_now(start + kDay + 1);
  EXPECT_EQ(sweep(app()).late_checkins, 1);
  EXPECT_EQ(sweep(app()).late_checkins, 0);
  d = detail(id);
  EXPECT_EQ(last_event(d, "checkin_overdue")->at("note").as_string(), "县城管局未按时报到");

  set_now(start + 2 * kDay);
  check_in(app(), chengguan_staff_, id, "", "127.0.0.1");
  d = detail(id);
  for (const auto& w : d.at("whistles").as_array()) {
    const bool late = w.at("unit_id").as_int64() == chengguan_;
    EXPECT_EQ(w.at("late").as_bool(), late) << w.at("unit_name").as_string();
    EXPECT_FALSE(w.at("checked_in_at").is_null());
  }
  try {
    check_in(app(), chengguan_staff_, id, "", "127.0.0.1");
    FAIL() << "checked in twice";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 409);
  }
}

TEST_F(AppealsService, ClosingTakesAResolutionThenACallbackWithTheResidentsAnswer) {
  const auto created = file_on_map(kRubbish);
  const auto id = created.id;
  move(grid_worker_, id, Action::accept);
  try {
    move(grid_worker_, id, Action::resolve);
    FAIL() << "resolved without saying how";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.field(), "note");
  }
  move(grid_worker_, id, Action::resolve, "已联系环卫清运");
  EXPECT_EQ(detail(id).at("status").as_string(), "resolved");
  try {
    move(secretary_, id, Action::close);
    FAIL() << "closed without a callback";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "bad_state");
  }
  try {
    move(secretary_, id, Action::callback, "电话回访");
    FAIL() << "called back without the answer";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.field(), "satisfaction");
  }
  // The grid worker who did the work does not call back: the community does.
  try {
    move(grid_worker_, id, Action::callback, "电话回访", Satisfaction::satisfied);
    FAIL() << "a grid worker called back";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 403);
  }
  move(secretary_, id, Action::callback, "电话回访", Satisfaction::satisfied);
  EXPECT_EQ(detail(id).at("status").as_string(), "called_back");
  move(secretary_, id, Action::close);
  const auto d = detail(id);
  EXPECT_EQ(d.at("status").as_string(), "closed");
  EXPECT_EQ(d.at("satisfaction").as_string(), "satisfied");
  EXPECT_EQ(actions_of(d), (std::vector<std::string>{"submit", "dispatch", "accept", "resolve", "callback", "close"}));
  EXPECT_EQ(public_view(app(), created.code)->at("status").as_string(), "closed");
}

TEST_F(AppealsService, AResidentWhoIsNotSatisfiedSendsTheAppealBackToWork) {
  const auto created = file_on_map(kRubbish);
  try {
    rate(app(), created.code, Satisfaction::satisfied, "", "127.0.0.1");
    FAIL() << "rated before it was resolved";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 409);
  }
  move(grid_worker_, created.id, Action::accept);
  move(grid_worker_, created.id, Action::resolve, "已清运");
  EXPECT_TRUE(public_view(app(), created.code)->at("can_rate").as_bool());
  rate(app(), created.code, Satisfaction::dissatisfied, "只清了一半", "127.0.0.1");
  const auto d = detail(created.id);
  EXPECT_EQ(d.at("status").as_string(), "reopened");
  EXPECT_EQ(last_event(d, "rate")->at("note").as_string(), "不满意：只清了一半");
}

TEST_F(AppealsService, AnEditedLimitHoldsForTheNextAppealFiled) {
  const auto before = detail(file_on_map(kRubbish).id);
  EXPECT_EQ(before.at("level_deadline_at").as_int64(), end_of("2026-11-17"));
  // The policy is cached; the edit must reach the next intake even within the cache's minute.
  set_limit(app(), street_officer_, "127.0.0.1", {Urgency::general, LimitUnit::calendar_days, 10, {3, 3, 2, 2}}, "{}");
  pass_time(1);
  const auto after = detail(file_on_map(kRubbish, "另一处垃圾也没有清运").id);
  EXPECT_EQ(after.at("deadline_at").as_int64(), now() + 10 * kDay);
  EXPECT_EQ(after.at("level_deadline_at").as_int64(), now() + 3 * kDay);
}

// Every appeal of `queue` the caller reaches, page after page, newest first.
std::vector<std::int64_t> walk_queue(App& app, const core::Principal& who, const std::string& queue) {
  std::vector<std::int64_t> ids;
  QueueQuery q;
  q.queue = queue;
  q.limit = 100;
  for (;;) {
    const auto page = queue_page(app, who, q);
    for (const auto& item : page.at("items").as_array()) ids.push_back(item.at("id").as_int64());
    if (page.at("next_cursor").is_null()) break;
    q.before_id = std::stoll(std::string(page.at("next_cursor").as_string()));
  }
  return ids;
}

TEST_F(AppealsService, AWideQueuePagesEveryAppealOnceNewestFirstLikeANarrowOne) {
  // Past the width at which a queue walks the newest appeals instead of sorting its matches.
  constexpr int kClones = 4000;
  const auto first = file_on_map(kRubbish);
  db().write([&](store::Conn& c) {
    std::string columns;
    for (const auto& col : c.query("PRAGMA table_info(appeal)")) {
      const auto name = col.text(1);
      if (name != "id" && name != "code" && name != "status") columns += ", " + name;
    }
    c.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO appeal (code, status" +
            columns +
            ") SELECT printf('W%05d', i), "
            "CASE WHEN i % 3 = 0 THEN 'accepted' WHEN i % 7 = 0 THEN 'closed' ELSE 'submitted' END" +
            columns + " FROM n, appeal WHERE appeal.id = ?",
        {static_cast<std::int64_t>(kClones), first.id});
  });
  const auto expected = [&](const char* where) {
    std::vector<std::int64_t> ids;
    db().read([&](store::Conn& c) {
      for (const auto& r : c.query(std::string("SELECT id FROM appeal WHERE ") + where + " ORDER BY id DESC")) {
        ids.push_back(r.integer(0));
      }
    });
    return ids;
  };
  const auto pending = expected("status IN ('submitted', 'reopened')");
  ASSERT_GT(pending.size(), 2000u);  // wide: kWideQueue in queue.cpp
  EXPECT_EQ(walk_queue(app(), street_officer_, "pending"), pending);
  EXPECT_EQ(walk_queue(app(), grid_worker_, "pending"), pending);
  EXPECT_EQ(walk_queue(app(), street_officer_, "all"), expected("1 = 1"));
  EXPECT_EQ(walk_queue(app(), street_officer_, "working"), expected("status IN ('accepted', 'in_progress')"));
  // A department reaches none of them, wide or not.
  EXPECT_TRUE(walk_queue(app(), chengguan_staff_, "all").empty());
}

TEST_F(AppealsService, AQueuePageNamesEachAppealsPlacesAssigneeAndDepartments) {
  const auto first = file_on_map(kRubbish);
  const auto second = file_on_map(kRubbish, "楼道灯坏了一个星期没人修");
  whistle(app(), street_officer_, first.id, {zhujian_, chengguan_}, "", "127.0.0.1");
  const auto page = queue_page(app(), street_officer_, QueueQuery{});
  const auto& items = page.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  // Newest first; the departments in the order they were whistled.
  EXPECT_EQ(items[0].at("id").as_int64(), second.id);
  EXPECT_TRUE(items[0].at("holder").at("departments").as_array().empty());
  EXPECT_EQ(items[1].at("holder").at("departments"), (bj::array{"县住建局", "县城管局"}));
  for (const auto& item : items) {
    EXPECT_EQ(item.at("grid_name").as_string(), "幸福一网格");
    EXPECT_EQ(item.at("area_name").as_string(), "幸福一网格");
    EXPECT_EQ(item.at("community_name").as_string(), "幸福社区");
    EXPECT_EQ(item.at("holder").at("name").as_string(), "幸福一网格");
    EXPECT_EQ(item.at("assignee").at("name").as_string(), "王网格");
  }
  // The detail names who acted and where they work, and each whistled department.
  const auto d = detail(first.id);
  const auto* whistled = last_event(d, "whistle");
  ASSERT_NE(whistled, nullptr);
  EXPECT_EQ(whistled->at("actor_name").as_string(), "李街道");
  EXPECT_EQ(whistled->at("actor_unit").as_string(), "城关街道");
  EXPECT_EQ(d.at("whistles").as_array()[1].at("unit_name").as_string(), "县城管局");
}

TEST_F(AppealsService, AnAppealIsHandedToTheActiveFirstLineStaffOfItsCommunityByAreaThenName) {
  const auto second_grid = area(kCommunity, "幸福二网格", "grid");
  staff(core::Role::grid_staff, second_grid, "陈二");
  staff(core::Role::grid_staff, second_grid, "安二");
  const auto gone = staff(core::Role::grid_staff, second_grid, "停用");
  db().write([&](store::Conn& c) {
    c.execute("UPDATE account SET disabled = 1 WHERE id = ?", {gone.account_id});
    c.execute("INSERT INTO role_binding (account_id, role, scope_type, scope_id) VALUES (?, 'grid_staff', 'area', ?)",
              {grid_worker_.account_id, second_grid});
  });
  const auto created = file_on_map(kRubbish);
  std::vector<std::pair<std::string, std::string>> seen;  // area, name
  for (const auto& s : assignees(app(), secretary_, created.id)) {
    seen.emplace_back(s.at("area_name").as_string(), s.at("name").as_string());
  }
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, std::string>>{{"幸福一网格", "王网格"},
                                                                    {"幸福二网格", "安二"},
                                                                    {"幸福二网格", "王网格"},
                                                                    {"幸福二网格", "陈二"},
                                                                    {"幸福社区", "张书记"}}));
}

TEST_F(AppealsService, EachAppHasItsOwnCaches) {
  auto& mine = app().state<State>();
  EXPECT_EQ(&mine, &app().state<State>());
  App other{db(), cipher(), [this] { return now(); }};
  EXPECT_NE(&other.state<State>(), &mine);
}

}  // namespace
}  // namespace jiceng::appeals
