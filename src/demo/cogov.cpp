#include "demo/cogov.hpp"

#include <array>
#include <random>
#include <sstream>
#include <vector>

#include "cogov/common.hpp"
#include "crypto/crypto.hpp"
#include "dual_report/registers.hpp"
#include "dual_report/tally.hpp"

namespace jiceng::demo {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::array<const char*, 5> kKinds = {"venue", "funds", "service", "volunteers", "goods"};
constexpr std::array<const char*, 5> kResourceTitles = {"会议室及活动场地", "社区微心愿资助资金", "法律咨询与义诊服务",
                                                        "党员志愿服务队", "防汛与慰问物资"};
constexpr std::array<const char*, 8> kNeeds = {"独居老人助餐送餐",   "老旧小区楼道照明维修", "留守儿童课后辅导",
                                               "困难家庭冬季取暖",   "小区消防通道清理",     "居民健康义诊",
                                               "社区活动室桌椅更新", "防诈骗宣传进楼栋"};
constexpr std::array<const char*, 4> kProjects = {"“幸福食堂”助老项目", "口袋公园共建", "四点半课堂", "红色物业提升"};
constexpr std::array<const char*, 5> kActivities = {"环境整治志愿服务", "文明城市创建宣传", "敬老院慰问",
                                                    "防诈骗知识宣讲", "垃圾分类入户指导"};

class Rng final {
 public:
  explicit Rng(std::uint64_t seed) : rng_(seed ^ 0xC06'0BULL) {}
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

 private:
  std::mt19937_64 rng_;
};

struct Place final {
  std::int64_t id;
  std::string path;
  std::string name;
};

std::vector<Place> places(store::Conn& c, const char* where) {
  std::vector<Place> out;
  for (const auto& r : c.query(std::string("SELECT id, path, name FROM area WHERE ") + where + " ORDER BY id")) {
    out.push_back({r.integer(0), r.text(1), r.text(2)});
  }
  return out;
}

std::int64_t insert(store::Conn& c, const std::string& sql, const store::Params& p) {
  return c.one(sql + " RETURNING id", p)->integer(0);
}

}  // namespace

std::string load_cogov(store::Conn& c, std::uint64_t seed, std::int64_t now, const CogovScale& scale) {
  Rng g(seed);
  const auto communities = places(c, "kind IN ('community', 'village')");
  const auto first = communities.front();
  const auto first_grid =
      c.one("SELECT id, path FROM area WHERE kind = 'grid' AND parent_id = ? ORDER BY id LIMIT 1", {first.id});
  const auto by_account = [&](const char* name) {
    return c
        .one("SELECT b.scope_id FROM account a JOIN role_binding b ON b.account_id = a.id WHERE a.username = ?",
             {std::string(name)})
        ->integer(0);
  };
  const auto demo_member = by_account("member");
  const auto demo_unit = by_account("unit");
  const auto month = cogov::month_of(now);

  // Resources from units (most) and members, offered to communities; a few still wait for review.
  std::vector<std::int64_t> resources;
  const auto unit_ids = c.query("SELECT id, name, area_path FROM unit ORDER BY id");
  const auto member_ids = c.query("SELECT id, name FROM member WHERE category = 'in_service' ORDER BY id LIMIT 2000");
  for (int i = 0; i < scale.resources; ++i) {
    const auto kind = static_cast<std::size_t>(i % kKinds.size());
    const auto& place =
        i < 12 ? first : communities[static_cast<std::size_t>(g.between(0, static_cast<int>(communities.size()) - 1))];
    const bool by_unit = i == 0 || g.chance(0.8);
    const auto& owner =
        by_unit ? unit_ids[static_cast<std::size_t>(i == 0 ? 0 : g.between(0, static_cast<int>(unit_ids.size()) - 1))]
                : member_ids[static_cast<std::size_t>(g.between(0, static_cast<int>(member_ids.size()) - 1))];
    const std::int64_t owner_id = i == 0 ? demo_unit : owner.integer(0);
    const auto owner_name = i == 0 ? c.one("SELECT name FROM unit WHERE id = ?", {demo_unit})->text(0) : owner.text(1);
    const bool pending = i % 17 == 5;
    resources.push_back(insert(
        c,
        "INSERT INTO resource (title, kind, description, owner_kind, unit_id, member_id, owner_name, area_id, "
        "area_path, "
        "served_paths, capacity, available, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?)",
        {owner_name + kResourceTitles[kind], std::string(kKinds[kind]), std::string("面向社区居民提供，提前一天预约"),
         std::string(by_unit || i == 0 ? "unit" : "member"), by_unit || i == 0 ? store::Value(owner_id) : store::null(),
         by_unit || i == 0 ? store::null() : store::Value(owner_id), owner_name, place.id, place.path,
         g.chance(0.5) ? store::Value(place.path) : store::null(), static_cast<std::int64_t>(g.between(1, 5)),
         std::string(g.chance(0.5) ? "工作日 9:00-17:00" : "周末全天"), std::string(pending ? "pending" : "published"),
         now - g.between(20, 90) * kDay, now}));
  }
  // Needs and projects of the first community (the demo accounts' own) and a few elsewhere.
  std::vector<std::int64_t> needs;
  for (std::size_t i = 0; i < kNeeds.size(); ++i) {
    const bool grid = i % 3 == 0;
    const auto area_id = grid ? first_grid->integer(0) : first.id;
    const auto path = grid ? first_grid->text(1) : first.path;
    needs.push_back(insert(
        c,
        "INSERT INTO need (title, kind, description, source, requester_name, area_id, area_path, status, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string(kNeeds[i]), std::string(kKinds[i % kKinds.size()]), std::string("网格走访中收集，居民反映较集中"),
         std::string(grid ? "grid" : "community"), std::string("网格员"), area_id, path,
         std::string(i == kNeeds.size() - 1 ? "pending" : "published"), now - static_cast<std::int64_t>(30 - i) * kDay,
         now}));
  }
  for (std::size_t i = 0; i < kProjects.size(); ++i) {
    const auto& place = i < 2 ? first : communities[i * 7 % communities.size()];
    insert(c,
           "INSERT INTO project (title, description, goal, budget, places, area_id, area_path, starts_on, ends_on, "
           "status, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?)",
           {std::string(kProjects[i]), std::string("社区党组织牵头，共建单位认领实施"),
            std::string("惠及辖区居民 500 人以上"), static_cast<double>(g.between(2, 20)) * 10000.0,
            static_cast<std::int64_t>(g.between(3, 6)), place.id, place.path, month + "-01",
            cogov::month_of(now + 90 * kDay) + "-01", now - 10 * kDay, now});
  }
  // Orders: units took the first needs; some confirmed this month (the honour roll), one in progress.
  for (std::size_t i = 0; i < 4 && i < needs.size(); ++i) {
    const auto& u = unit_ids[i * 3];
    const std::int64_t unit = i == 0 ? demo_unit : u.integer(0);
    const auto name = c.one("SELECT name FROM unit WHERE id = ?", {unit})->text(0);
    const bool confirmed = i != 3;
    const auto need_row = c.one("SELECT area_id, area_path FROM need WHERE id = ?", {needs[i]});
    const auto rating = confirmed ? g.between(4, 5) : 0;
    const auto order = insert(
        c,
        "INSERT INTO service_order (need_id, claimer_kind, unit_id, claimer_name, area_id, area_path, via, status, "
        "rating, "
        "points, period, created_at, updated_at, confirmed_at) VALUES (?, 'unit', ?, ?, ?, ?, 'claim', ?, ?, ?, ?, ?, "
        "?, ?)",
        {needs[i], unit, name, need_row->integer(0), need_row->text(1),
         std::string(confirmed ? "confirmed" : "in_progress"),
         confirmed ? store::Value(static_cast<std::int64_t>(rating)) : store::null(),
         static_cast<std::int64_t>(confirmed ? 10 + rating * 2 : 0), confirmed ? store::Value(month) : store::null(),
         now - 5 * kDay, now - kDay, confirmed ? store::Value(now - kDay) : store::null()});
    c.execute("INSERT INTO service_order_event (order_id, at, actor, action, note) VALUES (?, ?, ?, 'claim', NULL)",
              {order, now - 5 * kDay, name});
    c.execute("UPDATE need SET status = ? WHERE id = ?", {std::string(confirmed ? "done" : "ordered"), needs[i]});
  }

  // Dual reports: the demo unit's party organisation and the demo member, then in-service members
  // spread over the communities, each reporting where they live.
  c.execute("UPDATE member SET category = 'in_service' WHERE id = ?", {demo_member});
  // The demo unit's organisation when it has one of its own, and two more units' beside it.
  for (const auto& u :
       c.query("SELECT u.id, u.party_org_id, o.path FROM unit u JOIN party_org o ON o.id = u.party_org_id "
               "ORDER BY CASE WHEN u.id = ? THEN 0 ELSE 1 END, u.id LIMIT 3",
               {demo_unit})) {
    if (c.one("SELECT 1 FROM dual_report WHERE kind = 'org' AND party_org_id = ?", {u.integer(1)})) continue;
    c.execute(
        "INSERT INTO dual_report (kind, party_org_id, unit_id, org_path, area_id, area_path, commitments, reported_on, "
        "status, created_at, updated_at) VALUES ('org', ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
        {u.integer(1), u.integer(0), u.text(2), first.id, first.path,
         std::string("每季度开展一次共建活动，认领社区需求"), cogov::day_of(now - 60 * kDay), now - 60 * kDay, now});
  }
  struct Reported {
    std::int64_t report, member;
    std::optional<std::int64_t> unit;
    std::size_t community;
  };
  std::vector<Reported> reported;
  const auto candidates =
      c.query("SELECT id, org_path FROM member WHERE category = 'in_service' AND id <> ? ORDER BY id LIMIT ?",
              {demo_member, static_cast<std::int64_t>(scale.reported)});
  auto add_report = [&](std::int64_t member, const std::string& org_path, std::size_t community) {
    const auto& place = communities[community];
    const auto unit = dual_report::unit_of_member(c, org_path);
    const auto id = insert(
        c,
        "INSERT INTO dual_report (kind, unit_id, member_id, org_path, area_id, area_path, commitments, address, "
        "reported_on, "
        "status, created_at, updated_at) VALUES ('member', ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
        {store::opt(unit), member, org_path, place.id, place.path, std::string("参加社区志愿服务，每月至少一次"),
         place.name + std::to_string(g.between(1, 30)) + "号楼", cogov::day_of(now - 90 * kDay), now - 90 * kDay, now});
    dual_report::count_report(c, place.path, unit, cogov::month_of(now - 90 * kDay), false);
    reported.push_back({id, member, unit, community});
  };
  add_report(demo_member, c.one("SELECT org_path FROM member WHERE id = ?", {demo_member})->text(0), 0);
  for (const auto& m : candidates) {
    add_report(m.integer(0), m.text(1),
               static_cast<std::size_t>(g.between(0, static_cast<int>(communities.size()) - 1)));
  }
  // Activities: last month's and this month's finished ones per community, one under way in the
  // first community (the QR check-in demo) and one to come.
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> past(communities.size());  // (activity, starts)
  for (std::size_t i = 0; i < communities.size(); ++i) {
    const auto& place = communities[i];
    const auto month_start = cogov::month_range(month).first;
    std::vector<std::int64_t> starts = {month_start - 20 * kDay, month_start - 10 * kDay};
    if (now - month_start > kDay) starts.push_back(month_start + (now - month_start) / 2);
    for (const auto s : starts) {
      const auto aligned = s - s % kHour + 9 * kHour;
      const auto id = insert(c,
                             "INSERT INTO activity (title, area_id, area_path, place, starts_at, ends_at, places, "
                             "needs, max_hours, checkin_code, "
                             "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 200, ?, 4, ?, 'open', ?, ?)",
                             {std::string(kActivities[static_cast<std::size_t>(g.between(0, 4))]), place.id, place.path,
                              place.name + "党群服务站", aligned, aligned + 3 * kHour, std::string("需要 10 名志愿者"),
                              crypto::random_token(12), aligned - 7 * kDay, aligned});
      past[i].push_back({id, aligned});
    }
  }
  for (const auto& [offset, title] : {std::pair<std::int64_t, const char*>{-kHour, "“周末卫生日”环境整治"},
                                      std::pair<std::int64_t, const char*>{3 * kDay, "重阳节敬老慰问"}}) {
    insert(c,
           "INSERT INTO activity (title, area_id, area_path, place, starts_at, ends_at, places, needs, max_hours, "
           "checkin_code, "
           "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 30, ?, 4, ?, 'open', ?, ?)",
           {std::string(title), first.id, first.path, first.name + "党群服务站", now + offset, now + offset + 4 * kHour,
            std::string("清扫工具自备，社区提供手套"), crypto::random_token(12), now - kDay, now});
  }
  // Check-ins: most reported members took part in one or two finished activities; the rollups follow.
  std::int64_t checkins = 0;
  for (const auto& r : reported) {
    std::int64_t last = 0;
    for (const auto& [activity, starts] : past[r.community]) {
      if (r.member == demo_member ? starts < cogov::month_range(month).first : !g.chance(0.45)) continue;
      const double hours = 3.0;
      c.execute(
          "INSERT INTO activity_signup (activity_id, member_id, report_id, signed_at, checked_in_at, hours) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {activity, r.member, r.report, starts - 2 * kDay, starts + 5 * 60, hours});
      c.execute("UPDATE activity SET signed_up = signed_up + 1, checked_in = checked_in + 1 WHERE id = ?", {activity});
      dual_report::count_participation(c, r.member, cogov::month_of(starts), r.unit, communities[r.community].path,
                                       hours);
      last = std::max(last, starts + 5 * 60);
      ++checkins;
    }
    if (last) c.execute("UPDATE dual_report SET last_active_at = ? WHERE id = ?", {last, r.report});
  }

  // Households of the first community: the resident account's is the first; a fifth are representatives.
  std::vector<std::int64_t> households;
  static constexpr std::array<const char*, 10> kHeads = {"王建国", "李秀英", "张志强", "刘桂兰", "陈国华",
                                                         "杨丽娟", "赵德胜", "黄淑珍", "周明亮", "吴玉梅"};
  for (int i = 0; i < 30; ++i) {
    households.push_back(
        insert(c,
               "INSERT INTO household (address, head_name, area_id, area_path, representative, people, created_at, "
               "updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               {first.name + std::to_string(i / 6 + 1) + "号楼" + std::to_string(i % 6 + 1) + "01室",
                std::string(kHeads[static_cast<std::size_t>(i) % kHeads.size()]), first.id, first.path,
                static_cast<std::int64_t>(i % 5 == 0 ? 1 : 0), static_cast<std::int64_t>(g.between(1, 5)), now, now}));
  }
  c.execute("UPDATE account SET household_id = ? WHERE username = 'resident'", {households[0]});
  // Deliberations at each stage: proposed, discussing, voting (the resident has not voted yet), carried out.
  auto matter = [&](const char* title, const char* body, const char* stage) {
    return insert(
        c,
        "INSERT INTO deliberation (title, body, area_id, area_path, proposer, proposer_kind, voter_base, quorum, "
        "majority, stage, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'resident', 'households', 0.5, 0.5, ?, ?, ?)",
        {std::string(title), std::string(body), first.id, first.path, std::string("李秀英"), std::string(stage),
         now - 20 * kDay, now});
  };
  auto add_note = [&](std::int64_t id, const char* kind, const char* author, const char* body, std::int64_t at) {
    c.execute("INSERT INTO deliberation_note (deliberation_id, kind, author, body, at) VALUES (?, ?, ?, ?, ?)",
              {id, std::string(kind), std::string(author), std::string(body), at});
  };
  matter("增设电动自行车集中充电棚", "3 号楼下电动车飞线充电隐患大，建议在小区东侧空地增设集中充电棚。", "proposed");
  const auto parking =
      matter("小区停车位重新规划", "小区车位紧张、消防通道常被占用，拟重新划线并实行错时停车。", "discussing");
  add_note(parking, "comment", "张志强", "建议把消防通道两侧划为禁停区，晚上允许临时停车。", now - 5 * kDay);
  add_note(parking, "meeting", "社区书记", "11 月居民议事会：到会居民代表 18 人，形成划线方案初稿。", now - 3 * kDay);
  const auto drains =
      matter("雨污管网改造出资方案", "老旧管网雨季返水，拟申请老旧小区改造资金并由住户少量自筹。", "voting");
  for (std::size_t i = 0; i < households.size(); ++i) {
    c.execute("INSERT INTO deliberation_voter (deliberation_id, household_id) VALUES (?, ?)", {drains, households[i]});
  }
  for (std::size_t i = 1; i < 9; ++i) {
    const char* choice = i % 4 == 0 ? "no" : "yes";
    c.execute(
        "INSERT INTO deliberation_ballot (deliberation_id, household_id, choice, cast_by, at) VALUES (?, ?, ?, 'demo', "
        "?)",
        {drains, households[i], std::string(choice), now - kDay});
    c.execute(
        "UPDATE deliberation SET " + std::string(choice) + " = " + choice + " + 1, ballots = ballots + 1 WHERE id = ?",
        {drains});
  }
  c.execute("UPDATE deliberation SET opens_at = ?, closes_at = ?, eligible = ? WHERE id = ?",
            {now - 2 * kDay, now + 5 * kDay, static_cast<std::int64_t>(households.size()), drains});
  const auto road = matter("背街小巷道路硬化", "西侧小巷雨天泥泞，拟硬化路面 200 米。", "carrying_out");
  c.execute(
      "UPDATE deliberation SET opens_at = ?, closes_at = ?, decided_at = ?, eligible = 30, ballots = 24, yes = 21, no "
      "= 2, "
      "abstain = 1 WHERE id = ?",
      {now - 40 * kDay, now - 33 * kDay, now - 33 * kDay, road});
  add_note(road, "progress", "社区书记", "表决通过，施工队已进场，预计月底完工。", now - 10 * kDay);

  // Pairings and a 敲门嫂 team.
  const auto household_name = c.one("SELECT head_name, address FROM household WHERE id = ?", {households[1]});
  const auto p1 =
      insert(c,
             "INSERT INTO pairing (kind, title, area_id, area_path, content, started_on, parties_count, helps, "
             "help_hours, created_at, updated_at) VALUES ('one_one', ?, ?, ?, ?, ?, 2, 1, 2, ?, ?)",
             {std::string("党员联系困难户"), first.id, first.path, std::string("每月上门走访，帮办代办"),
              cogov::day_of(now - 60 * kDay), now, now});
  c.execute(
      "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helper', 'member', ?, "
      "(SELECT name FROM member WHERE id = ?))",
      {p1, demo_member, demo_member});
  c.execute(
      "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helped', 'household', ?, ?)",
      {p1, households[1], household_name->text(0) + "户（" + household_name->text(1) + "）"});
  c.execute(
      "INSERT INTO pairing_help (pairing_id, on_date, content, hours, recorded_by, at) VALUES (?, ?, ?, 2, '党员', ?)",
      {p1, cogov::day_of(now - 7 * kDay), std::string("上门送米面油，代办医保报销"), now - 7 * kDay});
  const auto p2 = insert(c,
                         "INSERT INTO pairing (kind, title, area_id, area_path, content, started_on, parties_count, "
                         "created_at, updated_at) VALUES ('one_n', ?, ?, ?, ?, ?, 4, ?, ?)",
                         {first.name + "“1+N”共建", first.id, first.path, std::string("社区与驻区单位签订共建协议"),
                          cogov::day_of(now - 120 * kDay), now, now});
  c.execute("INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helper', 'area', ?, ?)",
            {p2, first.id, first.name});
  for (std::size_t i = 0; i < 3; ++i) {
    c.execute(
        "INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, 'helped', 'unit', ?, ?)",
        {p2, unit_ids[i].integer(0), unit_ids[i].text(1)});
  }
  const auto team =
      insert(c,
             "INSERT INTO volunteer_team (name, area_id, area_path, description, leader, created_at, updated_at) "
             "VALUES ('敲门嫂志愿服务队', ?, ?, '入户走访独居老人，收集民情', '刘桂兰', ?, ?)",
             {first.id, first.path, now, now});
  std::int64_t volunteers = 0;
  double hours = 0;
  for (const auto& p :
       c.query("SELECT id, name FROM person WHERE kind = 'volunteer' AND area_id = ? ORDER BY id", {first.id})) {
    const double h = g.between(4, 40);
    c.execute("INSERT INTO volunteer (team_id, name, person_id, hours, joined_at) VALUES (?, ?, ?, ?, ?)",
              {team, p.text(1), p.integer(0), h, now - 200 * kDay});
    ++volunteers;
    hours += h;
  }
  c.execute("UPDATE volunteer_team SET volunteers = ?, hours = ? WHERE id = ?", {volunteers, hours, team});

  std::ostringstream out;
  out << resources.size() << " resources, " << needs.size() << " needs, " << reported.size() << " reported members ("
      << checkins << " check-ins), " << households.size() << " households";
  return out.str();
}

}  // namespace jiceng::demo
