#include "gen/province.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "appeals/figures.hpp"
#include "auth/roles.hpp"
#include "auth/service.hpp"
#include "core/principal.hpp"
#include "demo/fake.hpp"
#include "gen/org_life.hpp"
#include "people/rules.hpp"
#include "store/bulk.hpp"
#include "store/schema.hpp"

namespace jiceng::bench {
namespace {

// Of every hundred members, how many records lack their education (found by the daily check).
constexpr double kMissingEducation = 0.02;

// The day a probation that began on `joined` ends (29 February: the 28th).
std::string a_year_after(const std::string& joined) {
  const auto rest = joined.substr(4) == "-02-29" ? std::string("-02-28") : joined.substr(4);
  return std::to_string(std::stoi(joined.substr(0, 4)) + 1) + rest;
}

using demo::kPlaceWords;
using store::BulkInsert;
using store::Conn;
using store::Params;
using store::Value;

constexpr char kPassword[] = "jiceng-demo";
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kRowsPerTransaction = 100000;
// The province sits where the demo county's map is, each county a cell of a lattice.
constexpr double kWest = 94.0, kSouth = 35.0, kCountyWidth = 0.40, kCountyHeight = 0.30;
constexpr std::array<const char*, 4> kBranchKinds = {"community", "non_public", "institution", "organ"};
constexpr std::array<const char*, 5> kEducation = {"postgraduate", "bachelor", "college", "secondary", "primary"};
constexpr std::array<const char*, 5> kCategory = {"in_service", "retired", "rural", "mobile", "student"};
constexpr std::array<const char*, 3> kAppealTypes = {"complaint", "help", "suggestion"};
constexpr std::array<const char*, 4> kChannels = {"h5", "hotline", "patrol", "walk_in"};
// The tables the bulk load fills: their triggers and secondary indexes are set aside while it runs.
constexpr std::array<const char*, 7> kBulkTables = {"area",         "party_org", "member",        "appeal",
                                                    "appeal_event", "meeting",   "org_life_tally"};

struct Node final {
  std::int64_t id;
  std::string path;
  std::string name;
};

struct Grid final {
  std::int64_t id;
  std::string path;
  std::string name;
  double lon, lat;
};

struct Province final {
  Node root;
  std::vector<Node> counties;
  std::vector<std::string> regions;  // per county: the 6-digit code its ID numbers start with
  std::vector<Node> streets;
  std::vector<Node> communities;
  std::vector<int> community_county;
  std::vector<Grid> grids;
};

std::string path_of(const std::string& parent, std::int64_t id) { return parent + std::to_string(id) + "/"; }

std::string word(int i) { return kPlaceWords[static_cast<std::size_t>(i) % kPlaceWords.size()]; }

// What was set aside so the load writes rows only; put back (and rebuilt) afterwards.
struct SetAside final {
  std::vector<std::string> triggers;  // SQLite: their CREATE statements
  std::vector<std::string> indexes;   // CREATE INDEX statements
};

SetAside set_aside(store::Database& db) {
  SetAside s;
  db.write([&](Conn& c) {
    for (const char* table : kBulkTables) {
      if (c.dialect() == store::Dialect::sqlite) {
        for (const auto& r : c.query("SELECT name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND "
                                     "type IN ('trigger', 'index')",
                                     {std::string(table)})) {
          (r.text(1).rfind("CREATE TRIGGER", 0) == 0 ? s.triggers : s.indexes).push_back(r.text(1));
          c.execute((r.text(1).rfind("CREATE TRIGGER", 0) == 0 ? "DROP TRIGGER " : "DROP INDEX ") + r.text(0));
        }
      } else {
        c.execute(std::string("ALTER TABLE ") + table + " DISABLE TRIGGER USER");
        for (const auto& r :
             c.query("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ? AND indexname NOT IN "
                     "(SELECT conname FROM pg_constraint)",
                     {std::string(table)})) {
          s.indexes.push_back(r.text(1));
          c.execute("DROP INDEX " + r.text(0));
        }
      }
    }
  });
  return s;
}

void put_back(store::Database& db, const SetAside& s) {
  for (const auto& sql : s.indexes) {
    db.write([&](Conn& c) { c.script(sql); });
  }
  db.write([&](Conn& c) {
    for (const auto& sql : s.triggers) c.script(sql);
    if (c.dialect() == store::Dialect::postgres) {
      for (const char* table : kBulkTables) c.execute(std::string("ALTER TABLE ") + table + " ENABLE TRIGGER USER");
    }
  });
}

Province load_areas(Conn& c, const Sizes& z, std::int64_t now) {
  Province p;
  std::int64_t next = 1;
  BulkInsert areas(
      c, "INSERT INTO area (id, parent_id, name, kind, code, path, depth, geometry, created_at, updated_at)", 10);
  auto add = [&](std::optional<std::int64_t> parent, const std::string& parent_path, int depth, const std::string& name,
                 const char* kind, const std::string& code, const std::optional<std::string>& geometry) {
    const auto id = next++;
    Node n{id, path_of(parent_path, id), name};
    areas.add({id, store::opt(parent), name, std::string(kind), code.empty() ? store::null() : Value(code), n.path,
               static_cast<std::int64_t>(depth), store::opt(geometry), now, now});
    return n;
  };
  p.root = add(std::nullopt, "/", 1, "河西省", "province", "620000", std::nullopt);
  const int cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(z.counties))));
  std::vector<Node> cities;
  for (int i = 0; i < z.cities; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "62%02d00", i + 1);
    cities.push_back(add(p.root.id, p.root.path, 2, word(i * 7) + word(i * 5 + 2) + "市", "city", code, std::nullopt));
  }
  for (int k = 0; k < z.counties; ++k) {
    const int city = k % z.cities;
    char code[32];
    std::snprintf(code, sizeof code, "62%02d%02d", city + 1, k / z.cities + 1);
    const auto& parent = cities[static_cast<std::size_t>(city)];
    p.counties.push_back(add(parent.id, parent.path, 3, word(k * 5) + word(k * 11 + 3) + "县" + std::to_string(k + 1),
                             "county", code, std::nullopt));
    p.regions.emplace_back(code);
  }
  for (int k = 0; k < z.counties; ++k) {
    const auto county = p.counties[static_cast<std::size_t>(k)];
    const std::size_t first_community = p.communities.size();
    for (int s = 0; s < z.streets_per_county; ++s) {
      const auto street = add(county.id, county.path, 4, word(s * 3 + k) + "街道", "street", "", std::nullopt);
      p.streets.push_back(street);
      for (int m = 0; m < z.communities_per_street; ++m) {
        p.communities.push_back(
            add(street.id, street.path, 5, word(m * 5 + s) + word(m + 7) + "社区", "community", "", std::nullopt));
        p.community_county.push_back(k);
      }
    }
    // This county's share of the grids tiles its lattice cell; each community takes some.
    const int grids = z.grids / z.counties + (k < z.grids % z.counties ? 1 : 0);
    const int gcols = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(grids)))));
    const double w = kWest + (k % cols) * kCountyWidth, s0 = kSouth + (k / cols) * kCountyHeight;
    const double gw = kCountyWidth / gcols, gh = kCountyHeight / gcols;
    const std::size_t ncomm = p.communities.size() - first_community;
    for (int g = 0; g < grids; ++g) {
      const auto& community = p.communities[first_community + static_cast<std::size_t>(g) % ncomm];
      const double gx = w + (g % gcols) * gw, gy = s0 + (g / gcols) * gh;
      const auto name = community.name + "第" + std::to_string(g / static_cast<int>(ncomm) + 1) + "网格";
      const auto n = add(community.id, community.path, 6, name, "grid", "", demo::polygon(gx, gy, gx + gw, gy + gh));
      p.grids.push_back(Grid{n.id, n.path, n.name, gx + gw / 2, gy + gh / 2});
    }
  }
  areas.flush();
  return p;
}

struct Org final {
  std::int64_t id;
  std::string path;
  std::string area_path;
  int county;
};

std::vector<Org> load_orgs(Conn& c, const Province& p, const Sizes& z, demo::Fake& fake, std::int64_t now) {
  std::int64_t next = 1;
  BulkInsert orgs(
      c,
      "INSERT INTO party_org (id, parent_id, name, level, kind, area_id, area_path, path, depth, founded_on, "
      "secretary, created_at, updated_at)",
      13);
  auto add = [&](const Org* parent, const std::string& name, const char* level, const char* kind, const Node& area,
                 int depth, int county) {
    const auto id = next++;
    Org o{id, path_of(parent ? parent->path : "/", id), area.path, county};
    orgs.add({id, parent ? Value(parent->id) : store::null(), name, std::string(level), std::string(kind), area.id,
              area.path, o.path, static_cast<std::int64_t>(depth), fake.date(1950, 2020), fake.name(), now, now});
    return o;
  };
  const auto top = add(nullptr, "中共" + p.root.name + "委员会", "committee", "organ", p.root, 1, -1);
  std::vector<Org> county_orgs;
  for (std::size_t k = 0; k < p.counties.size(); ++k) {
    county_orgs.push_back(
        add(&top, "中共" + p.counties[k].name + "委员会", "committee", "organ", p.counties[k], 2, static_cast<int>(k)));
  }
  std::vector<Org> street_orgs;
  for (std::size_t s = 0; s < p.streets.size(); ++s) {
    const auto county = static_cast<int>(s) / z.streets_per_county;
    street_orgs.push_back(add(&county_orgs[static_cast<std::size_t>(county)],
                              "中共" + p.streets[s].name + "工作委员会" + std::to_string(s + 1), "working_committee",
                              "organ", p.streets[s], 3, county));
  }
  std::vector<Org> community_orgs;
  for (std::size_t m = 0; m < p.communities.size(); ++m) {
    const auto street = m / static_cast<std::size_t>(z.communities_per_street);
    community_orgs.push_back(add(&street_orgs[street],
                                 "中共" + p.communities[m].name + "委员会" + std::to_string(m + 1), "committee",
                                 "community", p.communities[m], 4, p.community_county[m]));
  }
  const auto fixed = next - 1;
  std::vector<Org> branches;
  for (std::int64_t b = 0; b < z.orgs - fixed; ++b) {
    const auto m = static_cast<std::size_t>(b) % community_orgs.size();
    const char* kind = kBranchKinds[static_cast<std::size_t>(b) % kBranchKinds.size()];
    branches.push_back(add(&community_orgs[m],
                           p.communities[m].name + "第" + std::to_string(b / community_orgs.size() + 1) + "党支部",
                           "branch", kind, p.communities[m], 5, p.community_county[m]));
  }
  orgs.flush();
  return branches.empty() ? community_orgs : branches;
}

// Fills `heads` (members, full members) per branch, for their organisation life.
void load_members(store::Database& db, const crypto::FieldCipher& cipher, const Province& p,
                  const std::vector<Org>& branches, const Sizes& z, demo::Fake& fake, std::int64_t now,
                  std::vector<std::pair<std::int64_t, std::int64_t>>& heads, void (*progress)(const std::string&)) {
  heads.assign(branches.size(), {0, 0});
  for (std::int64_t from = 0; from < z.members; from += kRowsPerTransaction) {
    db.write([&](Conn& c) {
      BulkInsert members(c,
                         "INSERT INTO member (id, name, gender, ethnicity, birth_date, id_number_enc, id_number_idx, "
                         "id_number_mask, phone_enc, phone_mask, education, joined_on, full_on, org_id, org_path, "
                         "area_path, category, status, created_at, updated_at)",
                         20);
      for (std::int64_t i = from; i < std::min(z.members, from + kRowsPerTransaction); ++i) {
        const auto& org = branches[static_cast<std::size_t>(i) % branches.size()];
        const bool male = fake.chance(0.68);
        const auto birth = fake.date(1940, 2003);
        const auto idn = fake.id_number(p.regions[static_cast<std::size_t>(std::max(0, org.county))], birth, male);
        const auto phone = fake.phone();
        const auto joined = fake.date(std::min(2024, std::stoi(birth.substr(0, 4)) + 19), 2025);
        const bool probationary = joined >= "2025-01-01";
        auto& head = heads[static_cast<std::size_t>(i) % branches.size()];
        ++head.first;
        if (!probationary) ++head.second;
        members.add({i + 1, fake.name(), std::string(male ? "male" : "female"), std::string("汉族"), birth,
                     cipher.encrypt(idn), cipher.blind_index(idn), people::mask_id_number(idn), cipher.encrypt(phone),
                     people::mask_phone(phone),
                     // A few records lack an item, as real registers do: the data-quality check's findings.
                     fake.chance(kMissingEducation) ? store::null() : Value(std::string(fake.pick(kEducation))), joined,
                     probationary ? store::null() : Value(a_year_after(joined)), org.id, org.path, org.area_path,
                     std::string(kCategory[static_cast<std::size_t>(i % 7 == 0    ? 1
                                                                    : i % 11 == 0 ? 2
                                                                                  : 0)]),
                     std::string(probationary ? "probationary" : "full"), now, now});
      }
      members.flush();
    });
    progress("members: " + std::to_string(std::min(z.members, from + kRowsPerTransaction)));
  }
}

struct Leaf final {
  std::int64_t id;
  std::string urgency;
};

void load_appeals(store::Database& db, const Province& p, const Sizes& z, std::int64_t now,
                  void (*progress)(const std::string&)) {
  const auto leaves = db.read([](Conn& c) {
    std::vector<Leaf> out;
    for (const auto& r : c.query("SELECT id, urgency FROM appeal_category c WHERE NOT EXISTS "
                                 "(SELECT 1 FROM appeal_category x WHERE x.parent_id = c.id) ORDER BY id")) {
      out.push_back({r.integer(0), r.text(1)});
    }
    return out;
  });
  if (leaves.empty() || p.grids.empty()) throw std::runtime_error("no appeal categories or grids to file appeals in");
  std::int64_t event_id = 1;
  for (std::int64_t from = 0; from < z.appeals; from += kRowsPerTransaction) {
    db.write([&](Conn& c) {
      BulkInsert appeals(c,
                         "INSERT INTO appeal (id, code, type, channel, category_id, description, lon, lat, grid_id, "
                         "area_id, area_path, level, max_level, status, urgency, anonymous, deadline_at, warn_at, "
                         "warned, level_started_at, level_deadline_at, accepted_at, resolved_at, closed_at, "
                         "satisfaction, created_at, updated_at)",
                         27);
      // Written after their appeals: the foreign key is checked per statement.
      std::vector<Params> timeline;
      auto event = [&](std::int64_t appeal, std::int64_t at, const char* actor, const char* action, const char* from,
                       const char* to, const std::string& note) {
        timeline.push_back({event_id++, appeal, at, std::string(actor), std::string(action),
                            from ? Value(std::string(from)) : store::null(),
                            to ? Value(std::string(to)) : store::null(), std::int64_t{1},
                            note.empty() ? store::null() : Value(note)});
      };
      for (std::int64_t i = from; i < std::min(z.appeals, from + kRowsPerTransaction); ++i) {
        const auto id = i + 1;
        const auto& grid = p.grids[static_cast<std::size_t>(i * 13) % p.grids.size()];
        const auto& leaf = leaves[static_cast<std::size_t>(i * 7) % leaves.size()];
        const auto created = now - (i % 365) * kDay - (i * 7919) % (10 * 3600);
        const auto age = now - created;
        const char* status = i % 10 == 0 ? "in_progress" : i % 10 == 1 ? "submitted" : "closed";
        const bool open = i % 10 <= 1;
        const auto accepted = created + std::min<std::int64_t>(600, age / 4);
        const auto resolved = created + std::min<std::int64_t>(2 * kDay, age / 2);
        const auto closed = created + std::min<std::int64_t>(3 * kDay, age * 3 / 4);
        char code[32];
        std::snprintf(code, sizeof code, "P%09lld", static_cast<long long>(id));
        appeals.add({id,
                     std::string(code),
                     std::string(kAppealTypes[static_cast<std::size_t>(i % 3)]),
                     std::string(kChannels[static_cast<std::size_t>(i % 4)]),
                     leaf.id,
                     "压测诉求" + std::to_string(id) + "：" + grid.name + "附近",
                     grid.lon,
                     grid.lat,
                     grid.id,
                     grid.id,
                     grid.path,
                     std::int64_t{1},
                     std::int64_t{1},
                     std::string(status),
                     leaf.urgency,
                     std::int64_t{1},
                     created + 7 * kDay,
                     created + 5 * kDay,
                     std::int64_t{0},
                     created,
                     created + kDay,
                     i % 10 == 1 ? store::null() : Value(accepted),
                     open ? store::null() : Value(resolved),
                     open ? store::null() : Value(closed),
                     open ? store::null() : Value(std::string(i % 23 == 0 ? "dissatisfied" : "satisfied")),
                     created,
                     open ? (i % 10 == 0 ? accepted : created) : closed});
        event(id, created, "居民", "submit", nullptr, "submitted", "");
        event(id, created, "system", "dispatch", nullptr, nullptr, "网格：" + grid.name);
        if (i % 10 == 1) continue;
        event(id, accepted, "grid", "accept", "submitted", "accepted", "");
        if (i % 10 == 0) {
          event(id, accepted, "grid", "start", "accepted", "in_progress", "");
          continue;
        }
        event(id, resolved, "grid", "resolve", "accepted", "resolved", "已处理完毕");
        event(id, closed, "community", "close", "resolved", "closed", "");
      }
      appeals.flush();
      BulkInsert events(c,
                        "INSERT INTO appeal_event (id, appeal_id, at, actor, action, from_status, to_status, level, "
                        "note)",
                        9);
      for (auto& e : timeline) events.add(std::move(e));
      events.flush();
    });
    progress("appeals: " + std::to_string(std::min(z.appeals, from + kRowsPerTransaction)) + " (" +
             std::to_string(event_id - 1) + " events)");
  }
}

void load_accounts(Conn& c, const Province& p, std::int64_t first_branch, std::int64_t now) {
  struct Account final {
    const char* username;
    const char* display;
    core::Role role;
    std::int64_t scope;
  };
  const std::array<Account, 7> accounts = {{
      {"admin", "省委组织部管理员", core::Role::org_dept, p.root.id},
      {"branch", "支部书记", core::Role::branch_secretary, first_branch},
      {"county", "县委组织部管理员", core::Role::org_dept, p.counties.front().id},
      {"street", "街道干部", core::Role::street_officer, p.streets.front().id},
      {"community", "社区书记", core::Role::community_secretary, p.communities.front().id},
      {"grid", "网格员", core::Role::grid_staff, p.grids.front().id},
      {"member", "党员", core::Role::member, 1},
  }};
  for (const auto& a : accounts) {
    const auto id = auth::create_account(c, a.username, a.display, kPassword,
                                         {auth::Grant{a.role, core::scope_type_for(a.role), a.scope}}, now);
    // Ready to use, as `jiceng demo` leaves its accounts: the benchmarks log in with the published
    // password and measure, so a first-login change would answer every request 403 instead.
    // The password still expires under the server's rules, and serve still refuses to listen
    // beyond loopback while a demo-named account keeps it.
    c.execute("UPDATE account SET must_change_password = 0 WHERE id = ?", {id});
  }
  c.execute("INSERT INTO open311_key (key_hash, name, created_at) VALUES (?, ?, ?)",
            {crypto::sm3_hex("demo-open311-key"), std::string("压测客户端"), now});
}

// The branches with their headcounts for organisation life; the first street's keep attendance rows.
std::vector<LifeOrg> life_orgs(const Province& p, const std::vector<Org>& branches,
                               const std::vector<std::pair<std::int64_t, std::int64_t>>& heads) {
  std::vector<LifeOrg> out;
  for (std::size_t b = 0; b < branches.size(); ++b) {
    const auto& o = branches[b];
    out.push_back({o.id, o.path, o.area_path, kBranchKinds[b % kBranchKinds.size()], heads[b].first, heads[b].second,
                   core::path_within(o.area_path, p.streets.front().path)});
  }
  return out;
}

// What triggers keep on every write, rebuilt once from the loaded rows.
void rebuild_derived(Conn& c) {
  c.execute("DELETE FROM area_tally");
  c.execute("DELETE FROM org_tally");
  c.execute("INSERT INTO area_tally (area_path, members) SELECT area_path, COUNT(*) FROM member GROUP BY area_path");
  c.execute(
      "INSERT INTO area_tally (area_path, orgs) SELECT area_path, COUNT(*) FROM party_org GROUP BY area_path "
      "ON CONFLICT (area_path) DO UPDATE SET orgs = excluded.orgs");
  c.execute("INSERT INTO org_tally (org_path, members) SELECT org_path, COUNT(*) FROM member GROUP BY org_path");
  if (c.dialect() == store::Dialect::sqlite) {
    c.execute("INSERT INTO member_fts (member_fts) VALUES ('rebuild')");
  } else {
    for (const char* table : {"area", "party_org", "member", "appeal", "appeal_event", "account", "meeting"}) {
      c.query(std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), (SELECT MAX(id) FROM " +
              table + "))");
    }
  }
}

}  // namespace

std::string load_province(store::Database& db, const crypto::FieldCipher& cipher, const Sizes& z, std::int64_t now,
                          void (*progress)(const std::string&)) {
  if (z.counties < 1 || z.cities < 1 || z.streets_per_county < 1 || z.communities_per_street < 1 ||
      z.grids < z.counties) {
    throw std::invalid_argument("sizes: at least one city, county, street and community, and a grid per county");
  }
  if (db.read(
          [](Conn& c) { return c.scalar("SELECT COUNT(*) FROM area") + c.scalar("SELECT COUNT(*) FROM account"); })) {
    throw std::runtime_error("the database already holds data; the generator loads into an empty one");
  }
  demo::Fake fake(z.seed);
  const auto aside = set_aside(db);
  Province p;
  std::vector<Org> branches;
  db.write([&](Conn& c) {
    p = load_areas(c, z, now);
    branches = load_orgs(c, p, z, fake, now);
    load_accounts(c, p, branches.front().id, now);
  });
  progress("areas: " + std::to_string(p.counties.size()) + " counties, " + std::to_string(p.communities.size()) +
           " communities, " + std::to_string(p.grids.size()) + " grids; " + std::to_string(branches.size()) +
           " branches");
  std::vector<std::pair<std::int64_t, std::int64_t>> heads;
  load_members(db, cipher, p, branches, z, fake, now, heads, progress);
  load_appeals(db, p, z, now, progress);
  std::vector<LifeRoll> rolls;
  auto life = load_org_life(db, life_orgs(p, branches, heads), z.seed, now, rolls, progress);
  progress("indexes and triggers");
  put_back(db, aside);
  progress("organisation life: rolls, standings and the area rollup");
  finish_org_life(db, rolls, z.seed, now, life);
  progress("rollups");
  db.write([](Conn& c) {
    rebuild_derived(c);
    appeals::rebuild_rollups(c);
  });
  db.read([](Conn& c) {
    if (c.dialect() == store::Dialect::sqlite)
      c.script("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
    else
      store::analyze_own_tables(c);
  });
  return db.read([&](Conn& c) {
    return "province " + p.root.name + ": " + std::to_string(c.scalar("SELECT COUNT(*) FROM area")) + " areas (" +
           std::to_string(p.counties.size()) + " counties, " + std::to_string(p.grids.size()) + " grids), " +
           std::to_string(c.scalar("SELECT COUNT(*) FROM party_org")) + " organisations, " +
           std::to_string(c.scalar("SELECT COUNT(*) FROM member")) + " members, " +
           std::to_string(c.scalar("SELECT COUNT(*) FROM appeal")) + " appeals, " +
           std::to_string(c.scalar("SELECT COUNT(*) FROM appeal_event")) + " timeline events, " +
           std::to_string(life.meetings) + " meetings (" + std::to_string(life.valid) + " valid, " +
           std::to_string(life.attendance) + " attendance rows) of " + std::to_string(life.terms) +
           " branches; accounts admin (province), county, street, community, grid, branch, member (password " +
           kPassword + ")";
  });
}

}  // namespace jiceng::bench
