// Assessments, payments and reductions: every write that changes what a member owes or has paid.
#include <algorithm>
#include <boost/json.hpp>

#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "dues/internal.hpp"
#include "dues/queries.hpp"
#include "dues/render.hpp"
#include "orgs/lookups.hpp"
#include "people/service.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;
using detail::Account;

constexpr Fen kMaxBaseFen = Fen{10'000'000} * 100;  // 10 million 元 a month: a typo beyond it
constexpr Fen kMaxPaymentFen = Fen{10'000'000} * 100;
constexpr int kMaxReductionMonths = 12;
constexpr char kEarliestDay[] = "2000-01-01";

struct MethodInfo final {
  std::string_view code, label;
};
constexpr MethodInfo kMethods[] = {{"cash", "现金"},     {"transfer", "银行转账"}, {"wechat", "微信"},
                                   {"alipay", "支付宝"}, {"payroll", "工资代扣"},  {"other", "其他"}};

constexpr char kReductionRule[] = "（党员交纳党费确有困难的，经党支部研究，报上一级党委批准后，可以少交或免交）";

void check_paid_on(const App& app, const std::string& paid_on) {
  if (!core::is_valid_date(paid_on) || paid_on < kEarliestDay) bad_request("paid_on", "交纳日期无效，应为 YYYY-MM-DD");
  if (core::parse_day(paid_on) > detail::today(app)) bad_request("paid_on", "交纳日期不能晚于今天");
}

// The month the first assessment opens the account from: the admission month when it is within
// the back-payment reach, else this month.
int opening_month(const people::RollMember& m, int current) {
  if (core::is_valid_date(m.joined_on)) {
    const int joined = month_of_day(core::parse_day(m.joined_on));
    if (joined <= current && current - joined <= kMaxBackMonths) return joined;
  }
  return current;
}

}  // namespace

std::optional<std::string> parse_method(std::string_view s) {
  for (const auto& m : kMethods) {
    if (m.code == s || m.label == s) return std::string(m.code);
  }
  return std::nullopt;
}

std::string_view method_label(std::string_view code) {
  for (const auto& m : kMethods) {
    if (m.code == code) return m.label;
  }
  return code;
}

namespace detail {

// The member's account with the organisation people now keep them in (a member who moved branch
// pays to the new one).
Account current_account(store::Conn& c, std::int64_t member_id) {
  auto a = detail::account(c, member_id);
  if (!a) not_found("党员不存在、尚未核定党费或不在您的管辖范围内");
  const auto m = people::roll_member(c, member_id);
  if (!m) not_found("党员不存在");
  if (m->org_id != a->org_id || m->org_path != a->org_path || m->area_path != a->area_path) {
    c.execute("UPDATE dues_account SET org_id = ?, org_path = ?, area_path = ? WHERE member_id = ?",
              {m->org_id, m->org_path, m->area_path, member_id});
    a->org_id = m->org_id, a->org_path = m->org_path, a->area_path = m->area_path;
  }
  return *a;
}

Account writable_account(store::Conn& c, const core::Principal& who, std::int64_t member_id) {
  const auto a = current_account(c, member_id);
  detail::readable_account(c, who, member_id);
  if (!detail::writes_over(who, a.org_path, a.area_path)) forbidden("只有本支部书记或上级党组织可以登记党费");
  return a;
}

// Shared with imports.cpp: one assessment inside the caller's transaction.
void assess_member(store::Conn& c, const App& app, const Actor& by, const BaseChange& change, const std::string& via) {
  const auto kind = parse_kind(change.kind);
  if (!kind) bad_request("kind", "交纳类别无效：" + change.kind);
  if (needs_base(*kind) && !change.base_fen) bad_request("base_fen", "请填写计算基数（元）", "required");
  const Fen base = needs_base(*kind) ? *change.base_fen : 0;
  if (base < 0 || base > kMaxBaseFen) bad_request("base_fen", "计算基数无效");
  const int current = current_month(app);
  const int from = change.from_month ? month_field(*change.from_month, "from_month") : current;
  if (from < current - kMaxBackMonths || from > current + kMaxReductionMonths) {
    bad_request("from_month", "起始月份应在前6个月到后12个月之间");
  }
  const auto member = people::roll_member(c, change.member_id);
  if (!member) not_found("党员不存在或不在您的管辖范围内");
  const auto org = writable_org(c, by.who, member->org_id);
  const auto a = assess(*kind, base, setting(c, kFarmerKey, today(app)).value);
  const auto existing = account(c, change.member_id);
  if (existing && from < existing->next_due) {
    conflict(month_code(from) + "的党费已交纳，核定基数只能从" + month_code(existing->next_due) + "起", "from_month");
  }
  const auto now = app.now();
  const store::Value base_value = needs_base(*kind) ? store::Value(base) : store::null();
  c.execute(sql::kUpsertBase, {change.member_id, month_code(from), std::string(kind_name(*kind)), base_value, a.monthly,
                               std::int64_t{a.rate_bp}, a.band, a.source, via, by.name(), now});
  if (!existing) {
    const auto start = month_code(std::min(opening_month(*member, current), from));
    c.execute(sql::kInsertAccount,
              {change.member_id, org.id, org.path, org.area_path, member->name, std::string(kind_name(*kind)),
               base_value, a.monthly, std::int64_t{a.rate_bp}, a.band, a.source, start, start, now});
  } else if (from <= current) {
    c.execute(sql::kUpdateAssessment,
              {org.id, org.path, org.area_path, member->name, std::string(kind_name(*kind)), base_value, a.monthly,
               std::int64_t{a.rate_bp}, a.band, a.source, now, change.member_id});
  }
  // A farmer assessed after the county dated the province's next amount pays it from its month too.
  if (*kind == Kind::farmer) {
    for (const auto& v : core::dated::all(c, kSettingsTable)) {
      const auto m = month_number(v.effective_from.substr(0, 7));
      if (v.key != kFarmerKey || !m || *m <= from) continue;
      const auto next = assess(Kind::farmer, 0, v.value);
      c.execute(sql::kUpsertBase,
                {change.member_id, month_code(*m), std::string(kind_name(Kind::farmer)), store::null(), next.monthly,
                 std::int64_t{next.rate_bp}, next.band, next.source, std::string("county_setting"), by.name(), now});
    }
  }
  detail::audit(c, app, by, "assess", "dues_account", change.member_id,
                std::string(kind_name(*kind)) + " " + yuan(base) + " from " + month_code(from));
}

std::int64_t apply_bases(store::Conn& c, const App& app) {
  constexpr int kLookBackMonths = 12;  // a server stopped over a month's turn still catches up
  const int current = current_month(app);
  const auto now_code = month_code(current);
  return c.execute(sql::kApplyBases, {app.now(), month_code(current - kLookBackMonths), now_code, now_code});
}

void rebase_farmers(store::Conn& c, const App& app, const Actor& by, int month, Fen monthly) {
  const auto a = assess(Kind::farmer, 0, monthly);
  const auto code = month_code(month);
  c.execute(sql::kFarmerBases, {code, a.monthly, std::int64_t{a.rate_bp}, a.band, a.source, by.name(), app.now(),
                                std::string(kind_name(Kind::farmer))});
  apply_bases(c, app);
}

void check_payment(const App& app, const Payment& p) {
  check_paid_on(app, p.paid_on);
  if (p.amount_fen && (*p.amount_fen < 0 || *p.amount_fen > kMaxPaymentFen)) bad_request("amount_fen", "金额无效");
}

}  // namespace detail

bj::object set_base(App& app, const Actor& by, const BaseChange& change) {
  return app.db.write([&](store::Conn& c) {
    detail::assess_member(c, app, by, change, "manual");
    return render_member(c, app, change.member_id);
  });
}

bj::object pay(App& app, const Actor& by, const Payment& p) {
  detail::check_payment(app, p);
  return app.db.write([&](store::Conn& c) {
    const auto a = detail::writable_account(c, by.who, p.member_id);
    const auto id = detail::settle(c, app, by, a, p);
    auto out = render_member(c, app, p.member_id);
    out["payment_id"] = id;
    return out;
  });
}

bj::object pay_voluntary(App& app, const Actor& by, const Payment& p) {
  detail::check_payment(app, p);
  if (!p.amount_fen || *p.amount_fen <= 0) bad_request("amount_fen", "请填写自愿多交的金额（分）", "required");
  return app.db.write([&](store::Conn& c) {
    const auto a = detail::writable_account(c, by.who, p.member_id);
    const Fen amount = *p.amount_fen;
    const bool centre = goes_to_centre(amount);
    const auto paid_month = p.paid_on.substr(0, 7);
    const auto now = app.now();
    const auto id =
        c.one(sql::kInsertPayment, {a.member_id, a.org_id, a.org_path, a.area_path, a.name, std::string("voluntary"),
                                    store::null(), std::int64_t{0}, amount, p.paid_on, paid_month, p.method,
                                    store::opt(p.proxy_name), std::int64_t{centre ? 1 : 0}, p.note, by.name(), now})
            ->integer(0);
    c.execute(sql::kTallyCollected,
              {a.org_path, paid_month, a.org_id, a.area_path, amount, amount, centre ? amount : Fen{0}});
    detail::audit(c, app, by, "voluntary", "dues_payment", id, a.name + " " + yuan(amount));
    auto out = render_member(c, app, p.member_id);
    out["payment_id"] = id;
    out["to_centre"] = centre;
    if (centre) {
      out["centre_note"] = std::string("自愿一次多交1000元以上的党费全部上缴中央；依据：") + kRegulation +
                           "（党员自愿一次多交纳1000元以上的党费，全部上缴中央）";
    }
    return out;
  });
}

bj::object propose_reduction(App& app, const Actor& by, const ReductionRequest& r) {
  const int from = detail::month_field(r.from_month, "from_month"), to = detail::month_field(r.to_month, "to_month");
  if (to < from) bad_request("to_month", "结束月份不能早于起始月份");
  if (to - from + 1 > kMaxReductionMonths) bad_request("to_month", "一次减免最长12个月，到期后可重新申请");
  if (r.monthly_fen < 0) bad_request("monthly_fen", "减免后每月交纳金额不能为负");
  if (!core::is_valid_date(r.decided_on)) bad_request("decided_on", "支部研究决定的日期无效");
  if (core::parse_day(r.decided_on) > detail::today(app)) bad_request("decided_on", "决定日期不能晚于今天");
  return app.db.write([&](store::Conn& c) {
    const auto a = detail::writable_account(c, by.who, r.member_id);
    if (from < a.next_due)
      conflict(month_code(from) + "的党费已交纳，减免只能从" + month_code(a.next_due) + "起", "from_month");
    if (r.monthly_fen >= a.monthly) {
      bad_request("monthly_fen", "减免后每月交纳金额应少于核定的" + yuan(a.monthly) + "元");
    }
    const auto id = c.one(sql::kInsertReduction,
                          {a.member_id, a.org_id, a.org_path, a.area_path, a.name, month_code(from), month_code(to),
                           r.monthly_fen, r.reason, r.decision, r.decided_on, by.name(), app.now()})
                        ->integer(0);
    detail::audit(c, app, by, "propose_reduction", "dues_reduction", id, r.reason);
    return render_reduction(*c.one(std::string(sql::kReductionColumns) + "WHERE id = ?", {id}));
  });
}

bj::object decide_reduction(App& app, const Actor& by, std::int64_t id, bool approve, const std::string& words) {
  return app.db.write([&](store::Conn& c) {
    const auto r = c.one(std::string(sql::kReductionColumns) + "WHERE id = ?", {id});
    if (!r || !orgs::org_paths_in_scope(c, by.who, core::Register::dues, core::Action::read, r->integer(2))) {
      not_found("减免申请不存在或不在您的管辖范围内");
    }
    if (r->text(12) != "proposed") conflict("该减免申请已处理");
    if (!detail::above(by.who, r->text(3), r->text(4))) {
      throw ApiError(
          403, "needs_higher_committee",
          std::string("减免党费须报上一级党委批准，党支部不能自行批准；依据：") + kRegulation + kReductionRule);
    }
    c.execute(sql::kDecideReduction, {std::string(approve ? "approved" : "refused"), by.name(), words, app.now(), id});
    detail::audit(c, app, by, approve ? "approve_reduction" : "refuse_reduction", "dues_reduction", id, words);
    return render_reduction(*c.one(std::string(sql::kReductionColumns) + "WHERE id = ?", {id}));
  });
}

bj::object reductions(App& app, const core::Principal& who, std::int64_t org_id) {
  return app.db.read([&](store::Conn& c) {
    const auto org = detail::readable_org(c, who, org_id);
    const auto rows =
        c.query(std::string(sql::kReductionColumns) + "WHERE org_path >= ? AND org_path < ? ORDER BY id DESC LIMIT 200",
                {org.path, core::path_end(org.path)});
    std::vector<std::int64_t> org_ids;
    for (const auto& r : rows) org_ids.push_back(r.integer(2));
    const auto names = orgs::org_names(c, org_ids);
    bj::array items;
    for (const auto& r : rows) {
      auto o = render_reduction(r);
      const auto it = names.find(r.integer(2));
      o["org_name"] = it == names.end() ? "" : it->second;
      // Only a committee above the branch decides (the regulation), so the page offers it to them alone.
      o["can_decide"] = r.text(12) == "proposed" && detail::above(who, r.text(3), r.text(4));
      items.push_back(std::move(o));
    }
    return bj::object{{"items", std::move(items)}, {"source", std::string(kRegulation) + kReductionRule}};
  });
}

}  // namespace jiceng::dues
