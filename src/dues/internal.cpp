// A member's account and schedule, the settings in force, who may read and write, and the one
// place months are settled (every payment, by hand or from a sheet, comes through settle()).
#include "dues/internal.hpp"

#include <algorithm>

#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "dues/queries.hpp"

namespace jiceng::dues::detail {
namespace {

constexpr int kMaxMonthsAtOnce = 12;

int month_or(const std::string& s, int fallback) { return month_number(s).value_or(fallback); }

}  // namespace

Account account_of(const store::Row& r) {
  Account a;
  a.member_id = r.integer(0);
  a.org_id = r.integer(1);
  a.org_path = r.text(2);
  a.area_path = r.text(3);
  a.name = r.text(4);
  a.kind = r.text(5);
  a.base_fen = r.opt_integer(6);
  a.monthly = r.integer(7);
  a.rate_bp = static_cast<int>(r.integer(8));
  a.band = r.text(9);
  a.source = r.text(10);
  a.start_month = month_or(r.text(11), 0);
  a.next_due = month_or(r.text(12), 0);
  return a;
}

std::optional<Account> account(store::Conn& c, std::int64_t member_id) {
  const auto r = c.one(std::string(sql::kAccountColumns) + sql::kAccount, {member_id});
  if (!r) return std::nullopt;
  return account_of(*r);
}

std::optional<Fen> Schedule::due(int month) const {
  for (const auto& r : reductions) {
    if (r.from <= month && month <= r.to) return r.monthly;
  }
  std::optional<Fen> out;
  for (const auto& b : bases) {
    if (b.from <= month) out = b.monthly;
  }
  if (!out && !bases.empty()) out = bases.front().monthly;  // months owed from before the first assessment
  return out;
}

bool Schedule::reduced(int month) const {
  return std::any_of(reductions.begin(), reductions.end(),
                     [&](const Reduction& r) { return r.from <= month && month <= r.to; });
}

Schedule schedule(store::Conn& c, std::int64_t member_id) {
  Schedule s;
  for (const auto& r : c.query(sql::kBases, {member_id})) {
    s.bases.push_back({month_or(r.text(0), 0), r.integer(3)});
  }
  for (const auto& r : c.query(sql::kApprovedReductions, {member_id})) {
    s.reductions.push_back({month_or(r.text(0), 0), month_or(r.text(1), 0), r.integer(2)});
  }
  return s;
}

Setting setting(store::Conn& c, const std::string& key, std::int64_t day) {
  const auto s = core::dated::in_force(c, kSettingsTable, key, core::format_day(day));
  if (!s) return {};
  return {s->value, s->source};
}

std::int64_t today(const App& app) { return core::local_day(app.now()); }
int current_month(const App& app) { return month_of_day(today(app)); }

int month_field(const std::string& s, const char* field) {
  const auto m = month_number(s);
  if (!m) bad_request(field, "月份格式应为 YYYY-MM");
  return *m;
}

bool writes_over(const core::Principal& who, const std::string& org_path, const std::string& area_path) {
  return core::binds_over(who, core::Register::dues, core::Action::write, org_path, area_path);
}

bool above(const core::Principal& who, const std::string& org_path, const std::string& area_path) {
  for (const auto& b : who.bindings) {
    if (!core::allowed(b.role, core::Register::dues, core::Action::write) || b.path.empty()) continue;
    if (b.scope_type == core::ScopeType::area && core::path_within(area_path, b.path)) return true;
    if (b.scope_type == core::ScopeType::org && b.path != org_path && core::path_within(org_path, b.path)) return true;
  }
  return false;
}

orgs::OrgInfo readable_org(store::Conn& c, const core::Principal& who, std::int64_t org_id) {
  return orgs::readable_org(c, who, core::Register::dues, org_id);
}

orgs::OrgInfo writable_org(store::Conn& c, const core::Principal& who, std::int64_t org_id) {
  const auto org = readable_org(c, who, org_id);
  if (!writes_over(who, org.path, org.area_path)) forbidden("只有本支部书记或上级党组织可以管理党费");
  return org;
}

Account readable_account(store::Conn& c, const core::Principal& who, std::int64_t member_id) {
  const auto a = account(c, member_id);
  if (!a) not_found("党员不存在、尚未核定党费或不在您的管辖范围内");
  const auto self = cogov::acting_member(who, core::Register::dues, core::Action::read);
  if (self && *self == member_id) return *a;
  if (!orgs::org_paths_in_scope(c, who, core::Register::dues, core::Action::read, a->org_id)) {
    not_found("党员不存在、尚未核定党费或不在您的管辖范围内");
  }
  return *a;
}

void refuse(const std::string& code, const std::string& message, const std::string& field) {
  throw ApiError(422, code, message, field);
}

void audit(store::Conn& c, const App& app, const Actor& by, const std::string& action, const std::string& type,
           std::int64_t id, const std::string& after) {
  cogov::audit(c, app, by, action, type, id, after);
}

std::int64_t settle(store::Conn& c, const App& app, const Actor& by, const Account& a, const Payment& p) {
  if (p.months < 1 || p.months > kMaxMonthsAtOnce) bad_request("months", "交纳月数应为 1 到 12");
  const int current = current_month(app);
  const int first = a.next_due;
  if (auto r = check_settlement(first, p.months, current)) refuse(r->code, r->message, "months");
  const auto sched = schedule(c, a.member_id);
  std::vector<Fen> dues;
  Fen total = 0;
  for (int m = first; m < first + p.months; ++m) {
    const auto d = sched.due(m);
    if (!d) refuse("no_base", a.name + "尚未核定党费交纳基数，请先核定", "member_id");
    dues.push_back(*d);
    total += *d;
  }
  if (p.amount_fen && *p.amount_fen != total) {
    refuse("amount",
           a.name + "应交" + month_code(first) + "起" + std::to_string(p.months) + "个月党费" + yuan(total) +
               "元，实交金额" + yuan(*p.amount_fen) + "元不符；依据：" + a.source,
           "amount_fen");
  }
  const auto paid_month = p.paid_on.substr(0, 7);
  const auto now = app.now();
  const auto id =
      c.one(sql::kInsertPayment, {a.member_id, a.org_id, a.org_path, a.area_path, a.name, std::string("dues"),
                                  month_code(first), std::int64_t{p.months}, total, p.paid_on, paid_month, p.method,
                                  store::opt(p.proxy_name), std::int64_t{0}, p.note, by.name(), now})
          ->integer(0);
  for (int i = 0; i < p.months; ++i) {
    const auto month = month_code(first + i);
    const auto due = dues[static_cast<std::size_t>(i)];
    c.execute(sql::kInsertMonth, {a.member_id, month, a.org_id, a.org_path, a.area_path, due, due,
                                  std::int64_t{sched.reduced(first + i) ? 1 : 0}, id});
    c.execute(sql::kTallySettled, {a.org_path, month, a.org_id, a.area_path, due});
  }
  c.execute(sql::kTallyCollected,
            {a.org_path, paid_month, a.org_id, a.area_path, total, std::int64_t{0}, std::int64_t{0}});
  c.execute(sql::kAdvance, {month_code(first + p.months), now, a.member_id});
  detail::audit(c, app, by, "pay", "dues_payment", id,
                a.name + " " + month_code(first) + "+" + std::to_string(p.months) + " " + yuan(total));
  return id;
}

}  // namespace jiceng::dues::detail
