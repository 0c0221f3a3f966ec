// The demo county's dues: every member assessed by their kind of income (most working members on
// wages across the four bands, the retired on pensions, farmers at the province's amount, students
// and a few unemployed and 低保 members at 0.2 元, some annual salaries and self-employed), and
// twelve months of payments up to this month: most pay monthly, some a quarter at once, some by
// proxy; a few fell behind (three to five months) and a handful six months or more, for the
// branch to act on. The tally is written from the same rows.
#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "core/dates.hpp"
#include "demo/seed.hpp"
#include "dues/rules.hpp"
#include "people/service.hpp"
#include "store/bulk.hpp"

namespace jiceng::dues {
namespace {

using demo::Seed;

constexpr std::uint64_t kStream = 0x0126'D0E5ULL;  // this module's own random stream
constexpr std::int64_t kMaxMembers = 10'000'000;
constexpr int kMonths = 12;
constexpr Fen kFarmerFen = 20;  // the migration's default setting
constexpr Fen kYuan = 100;

struct Tally final {
  std::int64_t org_id = 0;
  std::string area_path;
  Fen collected = 0;
  std::int64_t payments = 0, settled = 0;
  Fen settled_fen = 0;
};

struct Kit final {
  Seed& s;
  demo::Fake g;
  int current = 0;
  std::int64_t next_payment = 1;
  std::map<std::pair<std::string, std::string>, Tally> tally;
  store::BulkInsert bases, accounts, payments, months;
};

std::pair<Kind, Fen> kind_of(Kit& k, const people::RollMember& m) {
  auto& g = k.g;
  if (m.category == "retired") return {Kind::retired, g.between(1800, 7500) * kYuan};
  if (m.category == "rural") return {Kind::farmer, 0};
  if (m.category == "student") return {Kind::student, 0};
  const double r = g.unit();
  if (r < 0.03) return {Kind::unemployed, 0};
  if (r < 0.05) return {Kind::low_income, 0};
  if (r < 0.08) return {Kind::annual_salary, g.between(8000, 30000) * kYuan};
  if (r < 0.12) return {Kind::self_employed, g.between(2000, 9000) * kYuan};
  // After-tax wages over the four bands, most in the middle two.
  return {Kind::wage, (r < 0.3    ? g.between(2200, 3000)
                       : r < 0.75 ? g.between(3001, 5000)
                       : r < 0.95 ? g.between(5001, 10000)
                                  : g.between(10001, 18000)) *
                          kYuan};
}

std::string day_in(int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%02d", month_code(month).c_str(), day);
  return buf;
}

// One payment settling `count` months from `first`, paid on `paid_on`.
void pay(Kit& k, const people::RollMember& m, Fen monthly, int first, int count, const std::string& paid_on) {
  auto& g = k.g;
  const auto id = k.next_payment++;
  const char* methods[] = {"cash", "wechat", "transfer", "alipay", "payroll"};
  const std::string method = methods[g.between(0, 4)];
  const bool proxy = g.chance(0.06);
  k.payments.add({id, m.id, m.org_id, m.org_path, m.area_path, m.name, std::string("dues"), month_code(first),
                  std::int64_t{count}, monthly * count, paid_on, paid_on.substr(0, 7), method,
                  proxy ? store::Value(g.name()) : store::null(), std::int64_t{0}, std::string(),
                  std::string("演示数据"), k.s.now});
  auto& collected = k.tally[{m.org_path, paid_on.substr(0, 7)}];
  collected.org_id = m.org_id, collected.area_path = m.area_path;
  collected.collected += monthly * count, ++collected.payments;
  for (int i = first; i < first + count; ++i) {
    k.months.add({m.id, month_code(i), m.org_id, m.org_path, m.area_path, monthly, monthly, std::int64_t{0}, id});
    auto& t = k.tally[{m.org_path, month_code(i)}];
    t.org_id = m.org_id, t.area_path = m.area_path;
    ++t.settled, t.settled_fen += monthly;
  }
}

// A member's year: the months they settled, in order, and where their account stands.
void member_year(Kit& k, const people::RollMember& m) {
  auto& g = k.g;
  const auto [kind, base] = kind_of(k, m);
  const auto a = assess(kind, base, kFarmerFen);
  int start = k.current - (kMonths - 1);
  if (core::is_valid_date(m.joined_on)) start = std::max(start, month_of_day(core::parse_day(m.joined_on)));
  const store::Value base_value = needs_base(kind) ? store::Value(base) : store::null();
  k.bases.add({m.id, month_code(start), std::string(kind_name(kind)), base_value, a.monthly, std::int64_t{a.rate_bp},
               a.band, a.source, std::string("seed"), std::string("演示数据"), k.s.now});
  // Most keep up; some stopped paying a few months ago, a few half a year or more ago.
  const double r = g.unit();
  const int behind = r < 0.012 ? g.between(6, 8) : r < 0.07 ? g.between(3, 5) : r < 0.12 ? 1 : 0;
  const bool quarterly = g.chance(0.1);
  int next = start;
  const int last = k.current - behind;  // months before this one are settled
  const int today = std::stoi(core::day_of(k.s.now).substr(8, 2));
  while (next < last || (next == k.current && behind == 0 && g.chance(0.6))) {
    const int count = quarterly ? std::min(3, std::max(1, last - next)) : 1;
    const int day = g.between(3, 25);
    const bool this_month = next == k.current;
    const auto paid_on = day_in(next, this_month ? std::min(day, std::max(1, today)) : day);
    pay(k, m, a.monthly, next, count, paid_on);
    next += count;
    if (this_month) break;
  }
  k.accounts.add({m.id, m.org_id, m.org_path, m.area_path, m.name, std::string(kind_name(kind)), base_value, a.monthly,
                  std::int64_t{a.rate_bp}, a.band, a.source, month_code(start), month_code(next), k.s.now});
}

}  // namespace

void seed(Seed& s) {
  Kit k{s,
        demo::Fake(s.seed ^ kStream),
        month_of_day(core::local_day(s.now)),
        1,
        {},
        store::BulkInsert(s.c,
                          "INSERT INTO dues_base (member_id, from_month, kind, base_fen, monthly_fen, rate_bp, band, "
                          "source, via, set_by, set_at)",
                          11),
        store::BulkInsert(s.c,
                          "INSERT INTO dues_account (member_id, org_id, org_path, area_path, member_name, kind, "
                          "base_fen, monthly_fen, rate_bp, band, source, start_month, next_due, updated_at)",
                          14),
        store::BulkInsert(s.c,
                          "INSERT INTO dues_payment (id, member_id, org_id, org_path, area_path, member_name, kind, "
                          "first_month, months, amount_fen, paid_on, paid_month, method, proxy_name, to_centre, note, "
                          "recorded_by, recorded_at)",
                          18),
        store::BulkInsert(s.c,
                          "INSERT INTO dues_month (member_id, month, org_id, org_path, area_path, due_fen, paid_fen, "
                          "reduced, payment_id)",
                          9)};
  for (const auto& m : people::roll_under(s.c, "/", kMaxMembers)) member_year(k, m);
  k.bases.flush();
  k.accounts.flush();
  k.payments.flush();
  k.months.flush();
  store::BulkInsert tally(s.c,
                          "INSERT INTO dues_tally (org_path, month, org_id, area_path, collected_fen, voluntary_fen, "
                          "centre_fen, payments, settled_members, settled_fen)",
                          10);
  for (const auto& [key, t] : k.tally) {
    tally.add({key.first, key.second, t.org_id, t.area_path, t.collected, Fen{0}, Fen{0}, t.payments, t.settled,
               t.settled_fen});
  }
  tally.flush();
  if (s.c.dialect() == store::Dialect::postgres) {
    s.c.query(
        "SELECT setval(pg_get_serial_sequence('dues_payment', 'id'), COALESCE((SELECT MAX(id) FROM "
        "dues_payment), 0) + 1, false)");
  }
}

}  // namespace jiceng::dues
