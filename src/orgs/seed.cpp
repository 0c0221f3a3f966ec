// The organisation matrix of the demo county: areas, party organisations, units and venues.
#include "orgs/seed.hpp"

#include <array>
#include <cstdio>
#include <vector>

namespace jiceng::orgs {
namespace {

using demo::kRegionCode;
using demo::Place;
using demo::Seed;

constexpr double kWest = 99.50, kEast = 100.10, kSouth = 39.20, kNorth = 39.56;
constexpr int kGridCols = 10, kGridRows = 6;  // 60 grids tiling the county map
constexpr int kCommunities = 8;
constexpr int kVillages = 136;
constexpr int kUnits = 300;

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

std::int64_t add_area(Seed& s, std::optional<std::int64_t> parent, const std::string& parent_path, int depth,
                      const std::string& name, const char* kind, const std::string& code,
                      const std::optional<std::string>& geometry = std::nullopt) {
  const auto id = store::next_id(s.c, "area");
  s.c.execute(
      "INSERT INTO area (id, parent_id, name, kind, code, path, depth, geometry, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, store::opt(parent), name, std::string(kind), code.empty() ? store::null() : store::Value(code),
       parent_path + std::to_string(id) + "/", depth, store::opt(geometry), s.now, s.now});
  return id;
}

void seed_streets(Seed& s) {
  auto& g = s.fake;
  s.county = add_area(s, std::nullopt, "/", 1, "金河县", "county", kRegionCode);
  const auto county_path = s.path_of("area", s.county);
  s.county_org = seed_org(s, std::nullopt, "中共金河县委员会", "committee", "organ", s.county, g.name(), "1949-10-01");
  for (std::size_t i = 0; i < kStreets.size(); ++i) {
    const std::string name = kStreets[i];
    const char* kind = i == 0 ? "street" : i + 1 == kStreets.size() ? "park" : "town";
    char code[16];
    std::snprintf(code, sizeof code, "%s%03zu", kRegionCode, i + 1);
    s.streets.push_back(add_area(s, s.county, county_path, 2, name, kind, code));
    const bool park = i + 1 == kStreets.size();
    s.street_orgs.push_back(seed_org(s, s.county_org, "中共" + name + (park ? "工作委员会" : "委员会"),
                                     park ? "working_committee" : "committee", park ? "regional" : "rural",
                                     s.streets.back(), g.name(), g.date(1950, 1985)));
  }
}

// Communities sit in the street and the park; villages spread over the towns.
void seed_places(Seed& s) {
  auto place = [&](std::size_t street, const std::string& name, const char* kind, const char* code) {
    const auto id = add_area(s, s.streets[street], s.path_of("area", s.streets[street]), 3, name, kind, code);
    s.places.push_back({id, s.path_of("area", id), name, street, std::string(kind) == "community"});
  };
  for (int i = 0; i < kCommunities; ++i) {
    const std::size_t street = i < 6 ? 0 : kStreets.size() - 1;
    const std::string name =
        std::string(demo::kPlaceWords[static_cast<std::size_t>(i * 7 % 24)]) + (i < 6 ? "路" : "园") + "社区";
    char code[20];
    std::snprintf(code, sizeof code, "%s%03zu%03d", kRegionCode, street + 1, i + 1);
    place(street, name, "community", code);
  }
  for (int i = 0; i < kVillages; ++i) {
    const std::size_t street = 1 + static_cast<std::size_t>(i % 8);
    // Unique names, so a spreadsheet can refer to a village by name alone.
    static constexpr std::array<const char*, 6> kPrefix = {"", "新", "东", "西", "南", "北"};
    const std::string name = std::string(kPrefix[static_cast<std::size_t>(i / 24)]) +
                             demo::kPlaceWords[static_cast<std::size_t>(i % 24)] + "村";
    char code[20];
    std::snprintf(code, sizeof code, "%s%03zu%03d", kRegionCode, street + 1, 100 + i);
    place(street, name, "village", code);
  }
}

// 60 grids tile the map: the communities take four each, then one for each of the first villages.
void seed_grids(Seed& s) {
  const double cw = (kEast - kWest) / kGridCols, ch = (kNorth - kSouth) / kGridRows;
  for (int cell = 0; cell < kGridCols * kGridRows; ++cell) {
    const std::size_t place = cell < kCommunities * 4
                                  ? static_cast<std::size_t>(cell / 4)
                                  : static_cast<std::size_t>(kCommunities + (cell - kCommunities * 4));
    const int col = cell % kGridCols, row = cell / kGridCols;
    const auto& p = s.places[place];
    const int nth = p.community ? cell % 4 + 1 : 1;
    const std::string name = p.name + "第" + std::to_string(nth) + "网格";
    s.grids.emplace_back(
        add_area(s, p.id, s.path_of("area", p.id), 4, name, "grid", "",
                 demo::polygon(kWest + col * cw, kSouth + row * ch, kWest + (col + 1) * cw, kSouth + (row + 1) * ch)),
        place);
  }
}

// Party organisations of villages and communities, with branches where members sit.
void seed_place_orgs(Seed& s) {
  auto& g = s.fake;
  s.place_orgs.resize(s.places.size());
  for (std::size_t i = 0; i < s.places.size(); ++i) {
    const auto& p = s.places[i];
    const char* kind = p.community ? "community" : "rural";
    const bool general = p.community || g.chance(0.33);
    const auto po =
        seed_org(s, s.street_orgs[p.street],
                 std::string("中共") + kStreets[p.street] + p.name + (general ? "总支部委员会" : "支部委员会"),
                 general ? "general_branch" : "branch", kind, p.id, g.name(), g.date(1952, 2005));
    s.place_orgs[i] = po;
    if (!general) {
      s.member_orgs.push_back(po);
      if (g.chance(0.5)) seed_org(s, po, p.name + "第一党小组", "group", kind, p.id, g.name(), g.date(1990, 2015));
      continue;
    }
    const int branches = p.community ? 3 : 2;
    for (int k = 1; k <= branches; ++k) {
      const std::string bname = p.community ? (k == 1   ? "在职党员支部"
                                               : k == 2 ? "离退休党员支部"
                                                        : "网格党支部")
                                            : std::string("第") + (k == 1 ? "一" : "二") + "党支部";
      const auto branch = seed_org(s, po, p.name + bname, "branch", kind, p.id, g.name(), g.date(1980, 2018));
      s.member_orgs.push_back(branch);
      if (p.community && k == 1) s.working_branches.insert(branch);
      if (p.community && k == 2) s.retired_branches.insert(branch);
      if (p.community || g.chance(0.5))
        seed_org(s, branch, p.name + bname + "第一党小组", "group", kind, p.id, g.name(), g.date(1995, 2020));
    }
  }
}

std::string unit_name(demo::Fake& g, int i) {
  if (i < 180)
    return std::string(g.pick(kCompanyWords)) + g.pick(kCompanyTrades) + "有限公司" + std::to_string(i + 1) + "号";
  if (i < 220) return std::string("金河县") + g.pick(demo::kPlaceWords) + "志愿服务协会" + std::to_string(i - 179);
  if (i < 220 + static_cast<int>(kDepartments.size()))
    return std::string("金河县") + kDepartments[static_cast<std::size_t>(i - 220)];
  if (i < 270) return std::string("金河县第") + std::to_string(i - 219) + "机关单位";
  return std::string("金河县") +
         (i % 2 ? "第" + std::to_string(i - 269) + "中学" : "第" + std::to_string(i - 269) + "卫生院");
}

// Units around the county, most with a party organisation of their own or a joint one.
void seed_units(Seed& s) {
  auto& g = s.fake;
  std::int64_t joint_org = 0;
  for (int i = 0; i < kUnits; ++i) {
    const char* kind = i < 180 ? "enterprise" : i < 220 ? "social_org" : i < 270 ? "organ" : "institution";
    const auto& place = s.places[static_cast<std::size_t>(g.between(0, static_cast<int>(s.places.size()) - 1))];
    const std::string name = unit_name(g, i);
    const double r = g.unit();
    const char* status = r < 0.62 ? "own" : r < 0.92 ? "joint" : "none";
    std::optional<std::int64_t> org;
    const char* okind = i < 180   ? "non_public"
                        : i < 220 ? "social"
                        : i < 270 ? "organ"
                                  : (i % 2 ? "school" : "hospital");
    if (std::string(status) == "own") {
      org = seed_org(s, s.street_orgs[place.street], "中共" + name + "支部委员会", "branch", okind, place.id, g.name(),
                     g.date(1995, 2022));
      s.member_orgs.push_back(*org);
    } else if (std::string(status) == "joint") {
      if (joint_org == 0 || g.chance(0.15)) {
        joint_org =
            seed_org(s, s.street_orgs[place.street],
                     "中共" + std::string(kStreets[place.street]) + "非公企业第" + std::to_string(i) + "联合支部委员会",
                     "branch", "joint", place.id, g.name(), g.date(2005, 2022));
        s.member_orgs.push_back(joint_org);
      }
      org = joint_org;
    }
    const auto id = store::next_id(s.c, "unit");
    s.c.execute(
        "INSERT INTO unit (id, name, kind, area_id, area_path, credit_code, party_status, party_org_id, "
        "employees, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, name, std::string(kind), place.id, s.path_of("area", place.id), demo::credit_code(kRegionCode, i + 1),
         std::string(status), store::opt(org), static_cast<std::int64_t>(g.between(3, 800)),
         place.name + std::to_string(g.between(1, 200)) + "号", s.now, s.now});
    s.units.push_back(id);
  }
}

}  // namespace

std::int64_t seed_org(Seed& s, std::optional<std::int64_t> parent, const std::string& name, const char* level,
                      const char* kind, std::int64_t area_id, const std::string& secretary,
                      const std::string& founded) {
  const auto id = store::next_id(s.c, "party_org");
  std::string path = "/";
  int depth = 1;
  if (parent) {
    auto p = s.c.one("SELECT path, depth FROM party_org WHERE id = ?", {*parent});
    path = p->text(0);
    depth = static_cast<int>(p->integer(1)) + 1;
  }
  s.c.execute(
      "INSERT INTO party_org (id, parent_id, name, level, kind, area_id, area_path, path, depth, founded_on, "
      "secretary, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, store::opt(parent), name, std::string(level), std::string(kind), area_id, s.path_of("area", area_id),
       path + std::to_string(id) + "/", depth, founded, secretary, s.now, s.now});
  return id;
}

void seed_venues(Seed& s) {
  auto& g = s.fake;
  auto venue = [&](std::int64_t area_id, const std::string& name, const char* kind, int items) {
    std::string list = "[";
    for (int k = 0; k < items; ++k)
      list += std::string(k ? "," : "") + "\"" + kServiceItems[static_cast<std::size_t>(k)] + "\"";
    list += "]";
    s.c.execute(
        "INSERT INTO venue (name, kind, area_id, area_path, address, area_m2, open_hours, in_city_system, "
        "service_items, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {name, std::string(kind), area_id, s.path_of("area", area_id), name + "院内",
         static_cast<std::int64_t>(g.between(80, 1500)), std::string("周一至周日 8:30-18:00"),
         static_cast<std::int64_t>(g.chance(0.45) ? 1 : 0), list, s.now, s.now});
  };
  for (std::size_t i = 0; i < s.streets.size(); ++i)
    venue(s.streets[i], std::string(kStreets[i]) + "党群服务中心", "service_center", 22);
  for (const auto& p : s.places)
    venue(p.id, p.name + "党群服务站", p.community ? "service_station" : "activity_room", g.between(8, 16));
}

void seed_committee_seat(Seed& s, std::int64_t area_id, std::int64_t person_id, std::int64_t unit_id) {
  s.c.execute("INSERT INTO committee_seat (area_id, person_id, unit_id, post) VALUES (?, ?, ?, ?)",
              {area_id, person_id, unit_id, std::string("兼职委员")});
}

SeedOrg seed_org_of(const Seed& s, std::int64_t id) {
  const auto r = s.c.one("SELECT path, area_path, kind, level FROM party_org WHERE id = ?", {id});
  return {r->text(0), r->text(1), r->text(2), r->text(3)};
}

std::int64_t seed_first_branch(const Seed& s, std::int64_t area_id) {
  return s.c.one("SELECT id FROM party_org WHERE area_id = ? AND level = 'branch' ORDER BY id LIMIT 1", {area_id})
      ->integer(0);
}

std::vector<SeedUnit> seed_units(const Seed& s) {
  std::vector<SeedUnit> out;
  for (const auto& r : s.c.query("SELECT u.id, u.name, u.party_org_id, o.path FROM unit u "
                                 "LEFT JOIN party_org o ON o.id = u.party_org_id ORDER BY u.id")) {
    out.push_back({r.integer(0), r.text(1), r.is_null(2) ? std::nullopt : std::optional(r.integer(2)),
                   r.is_null(3) ? std::string() : r.text(3)});
  }
  return out;
}

void seed(Seed& s) {
  seed_streets(s);
  seed_places(s);
  seed_grids(s);
  seed_place_orgs(s);
  seed_units(s);
}

}  // namespace jiceng::orgs
