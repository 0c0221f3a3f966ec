#include "demo/demo.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "app/modules.hpp"
#include "audit/audit.hpp"

namespace jiceng::demo {
namespace {

constexpr int kCommunities = 8;
constexpr int kVillages = 136;

// One line for the command line and the audit log, counted once every module has seeded.
std::string summary_of(const Seed& s) {
  auto& c = s.c;
  std::ostringstream out;
  out << "demo county 金河县: " << c.scalar("SELECT COUNT(*) FROM area") << " areas (" << s.streets.size()
      << " streets/towns/park, " << kVillages << " villages, " << kCommunities << " communities, " << s.grids.size()
      << " grids), " << c.scalar("SELECT COUNT(*) FROM party_org") << " party organisations, "
      << c.scalar("SELECT COUNT(*) FROM member") << " members, " << s.units.size() << " units, "
      << c.scalar("SELECT COUNT(*) FROM venue") << " venues, " << c.scalar("SELECT COUNT(*) FROM person")
      << " people; accounts admin, street, community, community2, "
      << "grid, branch, member, unit, resident, dept, sysadmin, secadmin, auditor (password " << kDemoPassword << "); "
      << c.scalar("SELECT COUNT(*) FROM resource") << " resources, " << c.scalar("SELECT COUNT(*) FROM need")
      << " needs, " << c.scalar("SELECT COUNT(*) FROM dual_report WHERE kind = 'member'") << " reported members ("
      << c.scalar("SELECT COUNT(*) FROM activity_signup") << " check-ins), "
      << c.scalar("SELECT COUNT(*) FROM household") << " households";
  return out.str();
}

}  // namespace

Seed::Seed(store::Conn& conn, const crypto::FieldCipher& field_cipher, std::uint64_t seed_, int members_,
           const CogovScale& scale_, std::int64_t now_, std::string password_hash_)
    : c(conn),
      cipher(field_cipher),
      seed(seed_),
      members(members_),
      scale(scale_),
      now(now_),
      password_hash(std::move(password_hash_)),
      fake(seed_),
      cogov_fake(seed_ ^ 0xC06'0BULL) {}

std::string Seed::path_of(const char* table, std::int64_t id) const {
  return c.one(std::string("SELECT path FROM ") + table + " WHERE id = ?", {id})->text(0);
}

std::int64_t Seed::insert(const std::string& sql, const store::Params& p) const {
  return c.one(sql + " RETURNING id", p)->integer(0);
}

std::string load(store::Database& db, const crypto::FieldCipher& cipher, std::uint64_t seed, int members_target,
                 std::int64_t now, const CogovScale& cogov) {
  // Password hashing is slow on purpose; do it before taking the writer.
  const std::string hash = crypto::hash_password(kDemoPassword);
  std::string summary;
  db.write([&](store::Conn& c) {
    if (c.scalar("SELECT COUNT(*) FROM area") > 0)
      throw std::runtime_error("the database already holds data; demo needs an empty one");
    Seed s(c, cipher, seed, members_target, cogov, now, hash);
    for (const auto* m : app::modules()) {
      if (m->seed) m->seed(s);
    }
    summary = summary_of(s);
    audit::record(c, {now, "cli", std::nullopt, "cli", "demo", "database", "", "", summary});
  });
  return summary;
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
