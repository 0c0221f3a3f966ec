#include "demo/demo.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "audit/audit.hpp"
#include "auth/service.hpp"
#include "demo/fake.hpp"
#include "people/rules.hpp"

namespace jiceng::demo {
namespace {

constexpr char kDemoPassword[] = "jiceng-demo";
constexpr char kRegionCode[] = "620799";  // not a real county
constexpr double kWest = 99.50, kEast = 100.10, kSouth = 39.20, kNorth = 39.56;
constexpr int kGridCols = 10, kGridRows = 6;  // 60 grids tiling the county map
constexpr int kCommunities = 8;
constexpr int kVillages = 136;
constexpr int kUnits = 300;

// Where a demo account's role is bound; the loader resolves each to the node it built.
enum class Post { county, street, community, other_community, grid, branch, member, unit, department };
struct DemoAccount final {
  const char* username;
  const char* display;
  auth::Role role;
  Post post;
};
constexpr std::array<DemoAccount, 13> kDemoAccounts = {{
    {"admin", "县委组织部管理员", auth::Role::org_dept, Post::county},
    {"street", "河西街道干部", auth::Role::street_officer, Post::street},
    {"community", "社区书记", auth::Role::community_secretary, Post::community},
    {"community2", "另一社区书记", auth::Role::community_secretary, Post::other_community},
    {"grid", "网格员", auth::Role::grid_staff, Post::grid},
    {"branch", "党支部书记", auth::Role::branch_secretary, Post::branch},
    {"member", "党员", auth::Role::member, Post::member},
    {"unit", "单位管理员", auth::Role::unit_admin, Post::unit},
    {"resident", "居民", auth::Role::resident, Post::community},
    {"dept", "县住建局", auth::Role::department, Post::department},
    {"sysadmin", "系统管理员", auth::Role::sys_admin, Post::county},
    {"secadmin", "安全管理员", auth::Role::sec_admin, Post::county},
    {"auditor", "审计管理员", auth::Role::audit_admin, Post::county},
}};

constexpr std::array<const char*, 10> kStreets = {"河西街道", "东湖镇", "南山镇", "北滩镇", "西坝镇",
                                                  "黑河镇",   "红柳镇", "沙枣镇", "祁连镇", "金河工业园区"};
constexpr std::array<const char*, 12> kCompanyWords = {"祁连", "河西", "金河", "丝路", "绿洲", "戈壁",
                                                       "雪山", "丹霞", "黑河", "天马", "沙枣", "红柳"};
constexpr std::array<const char*, 8> kCompanyTrades = {"农业科技", "食品", "建材", "物流",
                                                       "新能源",   "商贸", "果蔬", "制种"};
// Functional departments, named as the appeal categories name them, so a whistle finds its unit.
constexpr std::array<const char*, 10> kDepartments = {"住建局",     "城管局",    "交警大队",     "消防救援大队",
                                                      "应急管理局", "司法局",    "政务服务中心", "营商环境办",
                                                      "市场监管局", "自然资源局"};
constexpr std::array<const char*, 22> kServiceItems = {
    "党员组织关系转接", "党费收缴",     "入党申请受理", "党员教育培训", "志愿服务登记", "困难党员帮扶",
    "社保政策咨询",     "医保报销指导", "就业创业指导", "法律援助",     "矛盾纠纷调解", "养老服务",
    "儿童托管",         "居住证办理",   "残疾人服务",   "退役军人服务", "计生服务",     "民政救助",
    "图书借阅",         "文体活动",     "便民代办",     "心理疏导"};

struct Builder final {
  store::Conn& c;
  const crypto::FieldCipher& cipher;
  std::int64_t now;

  std::int64_t area(std::optional<std::int64_t> parent, const std::string& parent_path, int depth,
                    const std::string& name, const char* kind, const std::string& code,
                    const std::optional<std::string>& geometry = std::nullopt) {
    const auto id = store::next_id(c, "area");
    c.execute(
        "INSERT INTO area (id, parent_id, name, kind, code, path, depth, geometry, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, store::opt(parent), name, std::string(kind), code.empty() ? store::null() : store::Value(code),
         parent_path + std::to_string(id) + "/", depth, store::opt(geometry), now, now});
    return id;
  }
  std::string path_of(const char* table, std::int64_t id) {
    return c.one(std::string("SELECT path FROM ") + table + " WHERE id = ?", {id})->text(0);
  }
  std::int64_t org(std::optional<std::int64_t> parent, const std::string& name, const char* level, const char* kind,
                   std::int64_t area_id, const std::string& secretary, const std::string& founded) {
    const auto id = store::next_id(c, "party_org");
    std::string path = "/";
    int depth = 1;
    if (parent) {
      auto p = c.one("SELECT path, depth FROM party_org WHERE id = ?", {*parent});
      path = p->text(0);
      depth = static_cast<int>(p->integer(1)) + 1;
    }
    c.execute(
        "INSERT INTO party_org (id, parent_id, name, level, kind, area_id, area_path, path, depth, founded_on, "
        "secretary, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, store::opt(parent), name, std::string(level), std::string(kind), area_id, path_of("area", area_id),
         path + std::to_string(id) + "/", depth, founded, secretary, now, now});
    return id;
  }
};

}  // namespace

std::string load(store::Database& db, const crypto::FieldCipher& cipher, std::uint64_t seed, int members_target,
                 std::int64_t now, const CogovScale& cogov) {
  Fake g(seed);
  // Password hashing is slow on purpose; do it before taking the writer.
  const std::string demo_hash = crypto::hash_password(kDemoPassword);
  std::ostringstream summary;
  db.write([&](store::Conn& c) {
    if (c.scalar("SELECT COUNT(*) FROM area") > 0)
      throw std::runtime_error("the database already holds data; demo needs an empty one");
    Builder b{c, cipher, now};
    const auto county = b.area(std::nullopt, "/", 1, "金河县", "county", kRegionCode);
    const auto county_path = b.path_of("area", county);
    const auto county_org =
        b.org(std::nullopt, "中共金河县委员会", "committee", "organ", county, g.name(), "1949-10-01");

    struct Place {
      std::int64_t id;
      std::int64_t street;
      std::string name;
      bool community;
    };
    std::vector<std::int64_t> streets;
    std::vector<std::int64_t> street_orgs;
    for (std::size_t i = 0; i < kStreets.size(); ++i) {
      const std::string name = kStreets[i];
      const char* kind = i == 0 ? "street" : i + 1 == kStreets.size() ? "park" : "town";
      char code[16];
      std::snprintf(code, sizeof code, "%s%03zu", kRegionCode, i + 1);
      streets.push_back(b.area(county, county_path, 2, name, kind, code));
      const bool park = i + 1 == kStreets.size();
      street_orgs.push_back(b.org(county_org, "中共" + name + (park ? "工作委员会" : "委员会"),
                                  park ? "working_committee" : "committee", park ? "regional" : "rural", streets.back(),
                                  g.name(), g.date(1950, 1985)));
    }
    // Communities sit in the street and the park; villages spread over the towns.
    std::vector<Place> places;
    for (int i = 0; i < kCommunities; ++i) {
      const std::size_t s = i < 6 ? 0 : kStreets.size() - 1;
      const std::string name =
          std::string(kPlaceWords[static_cast<std::size_t>(i * 7 % 24)]) + (i < 6 ? "路" : "园") + "社区";
      char code[20];
      std::snprintf(code, sizeof code, "%s%03zu%03d", kRegionCode, s + 1, i + 1);
      places.push_back({b.area(streets[s], b.path_of("area", streets[s]), 3, name, "community", code),
                        static_cast<std::int64_t>(s), name, true});
    }
    for (int i = 0; i < kVillages; ++i) {
      const std::size_t s = 1 + static_cast<std::size_t>(i % 8);
      // Unique names, so a spreadsheet can refer to a village by name alone.
      static constexpr std::array<const char*, 6> kPrefix = {"", "新", "东", "西", "南", "北"};
      const std::string name =
          std::string(kPrefix[static_cast<std::size_t>(i / 24)]) + kPlaceWords[static_cast<std::size_t>(i % 24)] + "村";
      char code[20];
      std::snprintf(code, sizeof code, "%s%03zu%03d", kRegionCode, s + 1, 100 + i);
      places.push_back({b.area(streets[s], b.path_of("area", streets[s]), 3, name, "village", code),
                        static_cast<std::int64_t>(s), name, false});
    }
    // 60 grids tile the map: the communities take four each, then one for each of the first villages.
    std::vector<std::pair<std::int64_t, std::size_t>> grids;  // grid id, place index
    const double cw = (kEast - kWest) / kGridCols, ch = (kNorth - kSouth) / kGridRows;
    for (int cell = 0; cell < kGridCols * kGridRows; ++cell) {
      const std::size_t place = cell < kCommunities * 4
                                    ? static_cast<std::size_t>(cell / 4)
                                    : static_cast<std::size_t>(kCommunities + (cell - kCommunities * 4));
      const int col = cell % kGridCols, row = cell / kGridCols;
      const auto& p = places[place];
      const int nth = p.community ? cell % 4 + 1 : 1;
      const std::string name = p.name + "第" + std::to_string(nth) + "网格";
      grids.emplace_back(
          b.area(p.id, b.path_of("area", p.id), 4, name, "grid", "",
                 polygon(kWest + col * cw, kSouth + row * ch, kWest + (col + 1) * cw, kSouth + (row + 1) * ch)),
          place);
    }
    // Party organisations of villages and communities, with branches where members sit.
    std::vector<std::int64_t> member_orgs;
    std::set<std::int64_t> retired_branches;  // a community's 离退休党员支部 holds the retired
    std::set<std::int64_t> working_branches;  // and its 在职党员支部 those still working
    std::vector<std::int64_t> place_orgs(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
      const auto& p = places[i];
      const char* kind = p.community ? "community" : "rural";
      const bool general = p.community || g.chance(0.33);
      const auto po = b.org(street_orgs[static_cast<std::size_t>(p.street)],
                            std::string("中共") + kStreets[static_cast<std::size_t>(p.street)] + p.name +
                                (general ? "总支部委员会" : "支部委员会"),
                            general ? "general_branch" : "branch", kind, p.id, g.name(), g.date(1952, 2005));
      place_orgs[i] = po;
      if (!general) {
        member_orgs.push_back(po);
        if (g.chance(0.5)) b.org(po, p.name + "第一党小组", "group", kind, p.id, g.name(), g.date(1990, 2015));
        continue;
      }
      const int branches = p.community ? 3 : 2;
      for (int k = 1; k <= branches; ++k) {
        const std::string bname = p.community ? (k == 1   ? "在职党员支部"
                                                 : k == 2 ? "离退休党员支部"
                                                          : "网格党支部")
                                              : std::string("第") + (k == 1 ? "一" : "二") + "党支部";
        const auto branch = b.org(po, p.name + bname, "branch", kind, p.id, g.name(), g.date(1980, 2018));
        member_orgs.push_back(branch);
        if (p.community && k == 1) working_branches.insert(branch);
        if (p.community && k == 2) retired_branches.insert(branch);
        if (p.community || g.chance(0.5))
          b.org(branch, p.name + bname + "第一党小组", "group", kind, p.id, g.name(), g.date(1995, 2020));
      }
    }
    // Units around the county, most with a party organisation of their own or a joint one.
    std::vector<std::int64_t> units;
    std::vector<std::int64_t> unit_area;
    std::int64_t joint_org = 0;
    for (int i = 0; i < kUnits; ++i) {
      const char* kind = i < 180 ? "enterprise" : i < 220 ? "social_org" : i < 270 ? "organ" : "institution";
      const auto& place = places[static_cast<std::size_t>(g.between(0, static_cast<int>(places.size()) - 1))];
      std::string name;
      if (i < 180)
        name = std::string(g.pick(kCompanyWords)) + g.pick(kCompanyTrades) + "有限公司" + std::to_string(i + 1) + "号";
      else if (i < 220)
        name = std::string("金河县") + g.pick(kPlaceWords) + "志愿服务协会" + std::to_string(i - 179);
      else if (i < 220 + static_cast<int>(kDepartments.size()))
        name = std::string("金河县") + kDepartments[static_cast<std::size_t>(i - 220)];
      else if (i < 270)
        name = std::string("金河县第") + std::to_string(i - 219) + "机关单位";
      else
        name = std::string("金河县") +
               (i % 2 ? "第" + std::to_string(i - 269) + "中学" : "第" + std::to_string(i - 269) + "卫生院");
      const double r = g.unit();
      const char* status = r < 0.62 ? "own" : r < 0.92 ? "joint" : "none";
      std::optional<std::int64_t> org;
      const char* okind = i < 180   ? "non_public"
                          : i < 220 ? "social"
                          : i < 270 ? "organ"
                                    : (i % 2 ? "school" : "hospital");
      if (std::string(status) == "own") {
        org = b.org(street_orgs[static_cast<std::size_t>(place.street)], "中共" + name + "支部委员会", "branch", okind,
                    place.id, g.name(), g.date(1995, 2022));
        member_orgs.push_back(*org);
      } else if (std::string(status) == "joint") {
        if (joint_org == 0 || g.chance(0.15)) {
          joint_org = b.org(street_orgs[static_cast<std::size_t>(place.street)],
                            "中共" + std::string(kStreets[static_cast<std::size_t>(place.street)]) + "非公企业第" +
                                std::to_string(i) + "联合支部委员会",
                            "branch", "joint", place.id, g.name(), g.date(2005, 2022));
          member_orgs.push_back(joint_org);
        }
        org = joint_org;
      }
      const auto id = store::next_id(c, "unit");
      c.execute(
          "INSERT INTO unit (id, name, kind, area_id, area_path, credit_code, party_status, party_org_id, "
          "employees, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, name, std::string(kind), place.id, b.path_of("area", place.id), credit_code(kRegionCode, i + 1),
           std::string(status), store::opt(org), static_cast<std::int64_t>(g.between(3, 800)),
           place.name + std::to_string(g.between(1, 200)) + "号", now, now});
      units.push_back(id);
      unit_area.push_back(place.id);
    }
    // Members, spread over every branch that takes members.
    static constexpr std::array<const char*, 5> kEducation = {"postgraduate", "bachelor", "college", "secondary",
                                                              "primary"};
    static constexpr std::array<const char*, 5> kCategory = {"in_service", "retired", "rural", "mobile", "student"};
    std::int64_t first_member = 0;
    for (int i = 0; i < members_target; ++i) {
      const auto org = member_orgs[static_cast<std::size_t>(i) % member_orgs.size()];
      auto paths = c.one("SELECT path, area_path, kind FROM party_org WHERE id = ?", {org});
      const bool male = g.chance(0.68);
      const bool retired_branch = retired_branches.count(org) != 0;
      const auto birth = retired_branch                ? g.date(1938, 1961)
                         : working_branches.count(org) ? g.date(1962, 2000)
                                                       : g.date(1938, 2003);
      const auto idn = g.id_number(kRegionCode, birth, male);
      const auto phone = g.phone();
      const int birth_year = std::stoi(birth.substr(0, 4));
      const auto joined = g.date(std::min(2024, birth_year + 19), std::min(2025, birth_year + 45));
      const bool probationary = joined >= "2025-01-01";
      const std::string kind = paths->text(2);
      const char* category = kind == "rural" ? (g.chance(0.12) ? "mobile" : "rural")
                             : birth_year < 1962
                                 ? "retired"
                                 : kCategory[static_cast<std::size_t>(g.chance(0.9) ? 0 : g.between(3, 4))];
      const auto id = store::next_id(c, "member");
      c.execute(
          "INSERT INTO member (id, name, gender, ethnicity, birth_date, id_number_enc, id_number_idx, id_number_mask, "
          "phone_enc, phone_mask, education, joined_on, full_on, org_id, org_path, area_path, category, status, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id,
           g.name(),
           std::string(male ? "male" : "female"),
           std::string(g.chance(0.9)   ? "汉族"
                       : g.chance(0.5) ? "回族"
                                       : "裕固族"),
           birth,
           cipher.encrypt(idn),
           cipher.blind_index(idn),
           people::mask_id_number(idn),
           cipher.encrypt(phone),
           people::mask_phone(phone),
           std::string(kEducation[static_cast<std::size_t>(g.between(0, 4))]),
           joined,
           probationary ? store::null()
                        : store::Value(joined.substr(0, 4) == "2024"
                                           ? joined
                                           : std::to_string(std::stoi(joined.substr(0, 4)) + 1) + joined.substr(4)),
           org,
           paths->text(0),
           paths->text(1),
           std::string(category),
           std::string(probationary ? "probationary" : "full"),
           now,
           now});
      if (!first_member) first_member = id;
    }
    // Venues: a service centre per street, a station per village and community.
    auto venue = [&](std::int64_t area_id, const std::string& name, const char* kind, int items) {
      std::string list = "[";
      for (int k = 0; k < items; ++k)
        list += std::string(k ? "," : "") + "\"" + kServiceItems[static_cast<std::size_t>(k)] + "\"";
      list += "]";
      c.execute(
          "INSERT INTO venue (name, kind, area_id, area_path, address, area_m2, open_hours, in_city_system, "
          "service_items, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {name, std::string(kind), area_id, b.path_of("area", area_id), name + "院内",
           static_cast<std::int64_t>(g.between(80, 1500)), std::string("周一至周日 8:30-18:00"),
           static_cast<std::int64_t>(g.chance(0.45) ? 1 : 0), list, now, now});
    };
    for (std::size_t i = 0; i < streets.size(); ++i)
      venue(streets[i], std::string(kStreets[i]) + "党群服务中心", "service_center", 22);
    for (const auto& p : places)
      venue(p.id, p.name + "党群服务站", p.community ? "service_station" : "activity_room", g.between(8, 16));
    // People: 1+1+1+N grid staff, community workers, reserve secretaries, volunteers, residents.
    auto person = [&](std::int64_t area_id, const std::string& name, const char* kind, const char* grid_role,
                      std::optional<std::int64_t> unit, const std::string& title) {
      const auto phone = g.phone();
      const auto id = store::next_id(c, "person");
      c.execute(
          "INSERT INTO person (id, name, kind, gender, phone_enc, phone_mask, area_id, area_path, grid_role, "
          "unit_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, name, std::string(kind), std::string(g.chance(0.5) ? "male" : "female"), cipher.encrypt(phone),
           people::mask_phone(phone), area_id, b.path_of("area", area_id),
           grid_role ? store::Value(std::string(grid_role)) : store::null(), store::opt(unit), title, now, now});
      return id;
    };
    for (const auto& [grid, place] : grids) {
      person(grid, g.name(), "grid_staff", "chief", std::nullopt, "网格长");
      person(grid, g.name(), "grid_staff", "full_time", std::nullopt, "专职网格员");
      person(grid, g.name(), "grid_staff", "assistant", std::nullopt, "网格协管员");
      for (int k = g.between(1, 3); k > 0; --k) person(grid, g.name(), "grid_staff", "other", std::nullopt, "楼栋长");
    }
    for (int i = 0; i < kCommunities; ++i) {
      for (int k = 0; k < 8; ++k)
        person(places[static_cast<std::size_t>(i)].id, g.name(), "community_worker", nullptr, std::nullopt,
               "社区工作者");
      for (int k = 0; k < 6; ++k)
        person(places[static_cast<std::size_t>(i)].id, g.name(), "volunteer", nullptr, std::nullopt, "敲门嫂");
      for (int k = 0; k < 25; ++k)
        person(places[static_cast<std::size_t>(i)].id, g.name(), "resident", nullptr, std::nullopt, "");
      // The big committee: concurrent members from units in the community.
      for (int k = 0; k < 6; ++k) {
        const auto u = units[static_cast<std::size_t>(g.between(0, kUnits - 1))];
        const auto pid = person(places[static_cast<std::size_t>(i)].id, g.name(), "cadre", nullptr, u, "兼职委员");
        c.execute("INSERT INTO committee_seat (area_id, person_id, unit_id, post) VALUES (?, ?, ?, ?)",
                  {places[static_cast<std::size_t>(i)].id, pid, u, std::string("兼职委员")});
      }
    }
    for (std::size_t i = kCommunities; i < places.size(); i += 2) {
      person(places[i].id, g.name(), "reserve_secretary", nullptr, std::nullopt, "后备村书记");
    }
    // One account per role, each bound to a node a newcomer can find in the demo.
    const auto first_community = places[0].id;
    const auto first_grid = grids[0].first;
    const auto branch =
        c.one("SELECT id FROM party_org WHERE area_id = ? AND level = 'branch' ORDER BY id LIMIT 1", {first_community})
            ->integer(0);
    const auto branch_member =
        c.one("SELECT id FROM member WHERE org_id = ? ORDER BY id LIMIT 1", {branch})->integer(0);
    const auto other_community = places[1].id;
    auto post_id = [&](Post p) -> std::int64_t {
      switch (p) {
        case Post::county: return county;
        case Post::street: return streets[0];
        case Post::community: return first_community;
        case Post::other_community: return other_community;
        case Post::grid: return first_grid;
        case Post::branch: return branch;
        case Post::member: return branch_member;
        case Post::unit: return units[0];
        case Post::department: return units[220];
      }
      return county;
    };
    for (const auto& a : kDemoAccounts) {
      auto row = c.one(
          "INSERT INTO account (username, display_name, password_hash, created_at, password_changed_at) "
          "VALUES (?, ?, ?, ?, ?) RETURNING id",
          {std::string(a.username), std::string(a.display), demo_hash, now, now});
      c.execute("INSERT INTO role_binding (account_id, role, scope_type, scope_id) VALUES (?, ?, ?, ?)",
                {row->integer(0), std::string(auth::role_name(a.role)),
                 std::string(auth::scope_type_name(auth::scope_type_for(a.role))), post_id(a.post)});
    }
    // The demo grid worker is its grid's full-time worker (专职网格员): new appeals there are theirs.
    c.execute(
        "UPDATE person SET account_id = (SELECT id FROM account WHERE username = 'grid') WHERE id = "
        "(SELECT MIN(id) FROM person WHERE area_id = ? AND grid_role = 'full_time')",
        {first_grid});
    // The Open311 key the README names, for trying existing civic-reporting clients against the demo.
    c.execute("INSERT INTO open311_key (key_hash, name, created_at) VALUES (?, ?, ?)",
              {crypto::sm3_hex("demo-open311-key"), std::string("演示客户端"), now});
    const auto cogov_summary = load_cogov(c, seed, now, cogov);
    // "1+1+1+N" (seed 002): each grid's party organisation, led by its chief, and its town contact
    // cadre, with the gaps a real county has. Drawn from a generator of their own, so the rest of
    // the demo county stays as it was.
    {
      Fake h(seed + 1);
      constexpr std::size_t kNoContactEvery = 9, kNoAssistantEvery = 13, kOtherSecretaryEvery = 17;
      for (std::size_t i = 0; i < grids.size(); ++i) {
        const auto [grid, place] = grids[i];
        const auto& p = places[place];
        const auto parent = place_orgs[place];
        const bool under_general =
            c.one("SELECT level FROM party_org WHERE id = ?", {parent})->text(0) == "general_branch";
        const auto grid_row = c.one("SELECT name, path FROM area WHERE id = ?", {grid});
        const auto chief = c.one("SELECT name FROM person WHERE area_id = ? AND grid_role = 'chief'", {grid})->text(0);
        b.org(parent, grid_row->text(0) + (under_general ? "党支部" : "党小组"), under_general ? "branch" : "group",
              p.community ? "community" : "rural", grid, i % kOtherSecretaryEvery == 3 ? h.name() : chief,
              h.date(2019, 2024));
        if (i % kNoAssistantEvery == kNoAssistantEvery - 1) {
          c.execute(
              "UPDATE person SET grid_role = 'other', title = '楼栋长' WHERE area_id = ? AND grid_role = 'assistant'",
              {grid});
        }
        if (i % kNoContactEvery == kNoContactEvery - 1) continue;
        const auto street = streets[static_cast<std::size_t>(p.street)];
        const auto phone = h.phone();
        const auto cadre = store::next_id(c, "person");
        c.execute(
            "INSERT INTO person (id, name, kind, gender, phone_enc, phone_mask, area_id, area_path, title, "
            "created_at, updated_at) VALUES (?, ?, 'cadre', ?, ?, ?, ?, ?, ?, ?, ?)",
            {cadre, h.name(), std::string(h.chance(0.5) ? "male" : "female"), cipher.encrypt(phone),
             people::mask_phone(phone), street, b.path_of("area", street),
             std::string("镇（街道）党员干部（包联") + grid_row->text(0) + "）", now, now});
        c.execute("UPDATE area SET contact_person_id = ? WHERE id = ?", {cadre, grid});
      }
    }
    const auto n_orgs = c.scalar("SELECT COUNT(*) FROM party_org");
    const auto n_members = c.scalar("SELECT COUNT(*) FROM member");
    summary << "demo county 金河县: " << c.scalar("SELECT COUNT(*) FROM area") << " areas (" << streets.size()
            << " streets/towns/park, " << kVillages << " villages, " << kCommunities << " communities, " << grids.size()
            << " grids), " << n_orgs << " party organisations, " << n_members << " members, " << units.size()
            << " units, " << c.scalar("SELECT COUNT(*) FROM venue") << " venues, "
            << c.scalar("SELECT COUNT(*) FROM person") << " people; accounts admin, street, community, community2, "
            << "grid, branch, member, unit, resident, dept, sysadmin, secadmin, auditor (password " << kDemoPassword
            << "); " << cogov_summary;
    audit::record(c, {now, "cli", std::nullopt, "cli", "demo", "database", "", "", summary.str()});
  });
  return summary.str();
}

std::vector<std::string> accounts_with_demo_password(store::Database& db) {
  auto rows = db.read([](store::Conn& c) {
    return c.query("SELECT username, password_hash FROM account WHERE disabled = 0 ORDER BY id LIMIT 1000");
  });
  std::vector<std::string> out;
  for (const auto& r : rows) {
    const auto name = r.text(0);
    const bool demo =
        std::any_of(kDemoAccounts.begin(), kDemoAccounts.end(), [&](const auto& a) { return name == a.username; });
    if (demo && crypto::verify_password(r.text(1), kDemoPassword)) out.push_back(name);
  }
  return out;
}

}  // namespace jiceng::demo
