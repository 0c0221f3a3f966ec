// A member's dues as the secretary's page and the member's phone show them, and a reduction.
#include "dues/render.hpp"

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "dues/queries.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;
constexpr int kMonthsShown = 12;
constexpr std::int64_t kPaymentsShown = 50;
constexpr char kBasesIn[] = "SELECT member_id, from_month, monthly_fen FROM dues_base WHERE member_id IN (";
constexpr char kBasesTail[] = " ORDER BY member_id, from_month";
constexpr char kReductionsIn[] =
    "SELECT member_id, from_month, to_month, monthly_fen FROM dues_reduction WHERE state = 'approved' AND "
    "member_id IN (";

bj::value opt_text(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? bj::value(nullptr) : bj::value(r.text(i));
}

bj::array months_json(store::Conn& c, const detail::Account& a, const detail::Schedule& s, int current) {
  std::map<int, std::pair<Fen, bool>> settled;
  for (const auto& r : c.query(sql::kMemberMonths, {a.member_id, month_code(current - kMonthsShown + 1)})) {
    settled[month_number(r.text(0)).value_or(0)] = {r.integer(2), r.integer(3) == 1};
  }
  bj::array out;
  for (int m = current - kMonthsShown + 1; m <= current + 2; ++m) {
    const auto it = settled.find(m);
    if (m > current && it == settled.end()) continue;
    const char* state = it != settled.end() ? (m > current ? "prepaid" : "paid")
                        : m < a.start_month ? "before"
                        : m < current       ? "owed"
                                            : "due";
    bj::object o{{"month", month_code(m)}, {"state", state}};
    if (it != settled.end()) {
      o["paid_fen"] = it->second.first;
      o["reduced"] = it->second.second;
    } else if (m >= a.start_month) {
      o["due_fen"] = s.due(m).value_or(0);
      o["reduced"] = s.reduced(m);
    }
    out.push_back(std::move(o));
  }
  return out;
}

bj::array payments_json(store::Conn& c, std::int64_t member_id) {
  bj::array out;
  for (const auto& r : c.query(sql::kMemberPayments, {member_id, kPaymentsShown})) {
    out.push_back(bj::object{{"id", r.integer(0)},
                             {"kind", r.text(1)},
                             {"first_month", opt_text(r, 2)},
                             {"months", r.integer(3)},
                             {"amount_fen", r.integer(4)},
                             {"amount", yuan(r.integer(4))},
                             {"paid_on", r.text(5)},
                             {"method", r.text(6)},
                             {"method_label", std::string(method_label(r.text(6)))},
                             {"proxy_name", opt_text(r, 7)},
                             {"to_centre", r.integer(8) == 1},
                             {"note", r.text(9)},
                             {"recorded_by", r.text(10)}});
  }
  return out;
}

}  // namespace

Fen owed_fen(const detail::Schedule& s, int next_due, int current) {
  Fen out = 0;
  for (int m = next_due; m < current; ++m) out += s.due(m).value_or(0);
  return out;
}

std::map<std::int64_t, detail::Schedule> schedules(store::Conn& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, detail::Schedule> out;
  for (const auto& r : store::query_ids(c, kBasesIn, ids, kBasesTail)) {
    out[r.integer(0)].bases.push_back({month_number(r.text(1)).value_or(0), r.integer(2)});
  }
  for (const auto& r : store::query_ids(c, kReductionsIn, ids)) {
    out[r.integer(0)].reductions.push_back(
        {month_number(r.text(1)).value_or(0), month_number(r.text(2)).value_or(0), r.integer(3)});
  }
  return out;
}

bj::object render_member(store::Conn& c, const App& app, std::int64_t member_id) {
  const auto a = detail::account(c, member_id);
  if (!a) not_found("党员尚未核定党费");
  const int current = detail::current_month(app);
  const auto s = detail::schedule(c, member_id);
  const auto warn = detail::setting(c, detail::kWarnKey, detail::today(app));
  const auto st = standing(a->next_due, current, static_cast<int>(warn.value));
  const auto kind = parse_kind(a->kind);
  bj::array reductions;
  for (const auto& r :
       c.query(std::string(sql::kReductionColumns) + "WHERE member_id = ? ORDER BY id DESC LIMIT 20", {member_id})) {
    reductions.push_back(render_reduction(r));
  }
  return bj::object{{"member_id", a->member_id},
                    {"name", a->name},
                    {"org_id", a->org_id},
                    {"kind", a->kind},
                    {"kind_label", kind ? std::string(kind_label(*kind)) : a->kind},
                    {"base_fen", a->base_fen ? bj::value(*a->base_fen) : bj::value(nullptr)},
                    {"base", a->base_fen ? bj::value(yuan(*a->base_fen)) : bj::value(nullptr)},
                    {"monthly_fen", a->monthly},
                    {"monthly", yuan(a->monthly)},
                    {"rate_bp", a->rate_bp},
                    {"band", a->band},
                    {"source", a->source},
                    {"start_month", month_code(a->start_month)},
                    {"next_due", month_code(a->next_due)},
                    {"owed_months", st.owed},
                    {"owed_fen", owed_fen(s, a->next_due, current)},
                    {"owed", yuan(owed_fen(s, a->next_due, current))},
                    {"warn", st.warn},
                    {"lapse", st.lapse},
                    {"reason", st.reason},
                    {"rule_source", st.warn ? warn.source : st.source},
                    {"months", months_json(c, *a, s, current)},
                    {"payments", payments_json(c, member_id)},
                    {"reductions", std::move(reductions)}};
}

bj::object render_reduction(const store::Row& r) {
  return bj::object{
      {"id", r.integer(0)},          {"member_id", r.integer(1)},
      {"org_id", r.integer(2)},      {"member_name", r.text(5)},
      {"from_month", r.text(6)},     {"to_month", r.text(7)},
      {"monthly_fen", r.integer(8)}, {"monthly", yuan(r.integer(8))},
      {"reason", r.text(9)},         {"decision", r.text(10)},
      {"decided_on", r.text(11)},    {"state", r.text(12)},
      {"proposed_by", r.text(13)},   {"approved_by", opt_text(r, 14)},
      {"approval", opt_text(r, 15)}, {"approved_at", r.is_null(16) ? bj::value(nullptr) : bj::value(r.integer(16))}};
}

}  // namespace jiceng::dues
