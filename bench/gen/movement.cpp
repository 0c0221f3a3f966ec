#include "gen/movement.hpp"

#include <random>
#include <stdexcept>
#include <vector>

#include "core/dates.hpp"
#include "dues/rules.hpp"
#include "store/bulk.hpp"

namespace jiceng::bench {
namespace {

using store::BulkInsert;
using store::Conn;
using store::Value;

constexpr std::int64_t kPage = 100000;
constexpr std::int64_t kDay = 86400;
constexpr dues::Fen kFarmerFen = 20;
constexpr double kBehind = 0.06, kLapsed = 0.03, kFlowing = 0.02, kOutOfTouch = 0.3, kUntraceable = 0.05,
                 kTransferring = 0.003;
constexpr char kBy[] = "生成器";

struct Member final {
  std::int64_t id = 0, org_id = 0;
  std::string name, org_path, area_path, category;
};

std::vector<Member> page(Conn& c, std::int64_t after) {
  std::vector<Member> out;
  for (const auto& r : c.query("SELECT id, name, org_id, org_path, area_path, category FROM member WHERE id > ? "
                               "ORDER BY id LIMIT ?",
                               {after, kPage})) {
    out.push_back({r.integer(0), r.integer(2), r.text(1), r.text(3), r.text(4), r.text(5)});
  }
  return out;
}

std::string day_before(std::int64_t now, std::int64_t days) { return core::day_of(now - days * kDay); }

}  // namespace

MovementCounts load_movement(store::Database& db, std::uint64_t seed, std::int64_t now,
                             void (*progress)(const std::string&)) {
  if (db.read([](Conn& c) { return c.scalar("SELECT COUNT(*) FROM dues_account"); }) > 0) {
    throw std::runtime_error("dues accounts are already loaded");
  }
  std::mt19937_64 rng(seed ^ 0x6d6f76656d656e74ULL);
  std::uniform_real_distribution<double> u(0, 1);
  const auto uniform = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  const int current = *dues::month_number(core::day_of(now).substr(0, 7));
  MovementCounts n;
  std::int64_t after = 0;
  for (;;) {
    const auto members = db.read([&](Conn& c) { return page(c, after); });
    if (members.empty()) break;
    after = members.back().id;
    db.write([&](Conn& c) {
      BulkInsert accounts(c,
                          "INSERT INTO dues_account (member_id, org_id, org_path, area_path, member_name, kind, "
                          "base_fen, monthly_fen, rate_bp, band, source, start_month, next_due, updated_at)",
                          14);
      BulkInsert flows(c,
                       "INSERT INTO relation_flow (member_id, member_name, registered_by, home_org_id, home_org_path, "
                       "home_area_path, destination, since, contact, fixed_place, last_contact_on, untraceable_since, "
                       "state, created_by, created_at)",
                       15);
      BulkInsert transfers(c,
                           "INSERT INTO relation_transfer (kind, state, member_id, member_name, from_org_id, "
                           "from_org_path, from_area_path, to_org_id, to_org_path, to_area_path, reason, started_by, "
                           "started_at)",
                           13);
      for (std::size_t i = 0; i < members.size(); ++i) {
        const auto& m = members[i];
        const auto kind = m.category == "rural"     ? dues::Kind::farmer
                          : m.category == "student" ? dues::Kind::student
                          : m.category == "retired" ? dues::Kind::retired
                                                    : dues::Kind::wage;
        const dues::Fen base = dues::needs_base(kind) ? uniform(2000, 15000) * 100 : 0;
        const auto a = dues::assess(kind, base, kFarmerFen);
        const double roll = u(rng);
        const int behind = roll < kLapsed             ? static_cast<int>(uniform(7, 12))
                           : roll < kLapsed + kBehind ? static_cast<int>(uniform(1, 5))
                                                      : 0;
        if (behind > 0) ++n.behind;
        accounts.add({m.id, m.org_id, m.org_path, m.area_path, m.name, std::string(dues::kind_name(kind)),
                      dues::needs_base(kind) ? Value(base) : store::null(), a.monthly, std::int64_t{a.rate_bp}, a.band,
                      a.source, dues::month_code(current - 24), dues::month_code(current - behind), now});
        ++n.accounts;
        if (u(rng) < kFlowing) {
          const bool silent = u(rng) < kOutOfTouch;
          const bool lost = silent && u(rng) < kUntraceable / kOutOfTouch;
          const auto since = uniform(30, 900);
          const auto contact = silent ? uniform(190, std::max<std::int64_t>(191, since)) : uniform(1, 80);
          flows.add({m.id, m.name, std::string(kBy), m.org_id, m.org_path, m.area_path, std::string("广东省深圳市"),
                     day_before(now, since), std::string("138****0000"), std::int64_t{u(rng) < 0.5 ? 1 : 0},
                     day_before(now, std::min(contact, since)), lost ? Value(day_before(now, contact)) : store::null(),
                     std::string("active"), std::string(kBy), now});
          ++n.flows;
          if (silent) ++n.out_of_touch;
        } else if (u(rng) < kTransferring && i + 1 < members.size()) {
          const auto& to = members[(i + 1 + static_cast<std::size_t>(uniform(0, 5000))) % members.size()];
          if (to.org_id != m.org_id) {
            transfers.add({std::string("within"), std::string("pending"), m.id, m.name, m.org_id, m.org_path,
                           m.area_path, to.org_id, to.org_path, to.area_path, std::string("工作调动"), std::string(kBy),
                           now - uniform(1, 120) * kDay});
            ++n.transfers;
          }
        }
      }
      accounts.flush();
      flows.flush();
      transfers.flush();
    });
    progress("movement: " + std::to_string(n.accounts) + " accounts, " + std::to_string(n.flows) + " flows, " +
             std::to_string(n.transfers) + " transfers");
  }
  return n;
}

}  // namespace jiceng::bench
