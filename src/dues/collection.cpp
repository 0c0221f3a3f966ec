// The monthly collection sheet (党费收缴登记表) of a subtree: the roll (people's) with each member's
// assessment, the month's settlement and what is owed, the voluntary payments and the totals. The
// sheet is built once as structs; JSON is made only when JSON is asked for.
#include <boost/json.hpp>
#include <map>

#include "core/errors.hpp"
#include "dues/internal.hpp"
#include "dues/queries.hpp"
#include "dues/render.hpp"
#include "dues/service.hpp"
#include "dues/sheet.hpp"
#include "people/rules.hpp"
#include "people/service.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;
using detail::Account;

constexpr std::int64_t kMaxSheetMembers = 200000;
constexpr std::int64_t kMaxOrgs = 100000;

struct Settled final {
  Fen due = 0;
  bool reduced = false;
  std::string first_month;
  SheetPayment payment;
};

void append(std::string& note, const char* alone, const char* after) { note += note.empty() ? alone : after; }

SheetRow sheet_row(const people::RollMember& m, const std::string& org_name, const Account* a,
                   const detail::Schedule* s, const Settled* settled, int month, int current) {
  SheetRow row;
  row.member_id = m.id;
  row.org_id = m.org_id;
  row.name = m.name;
  row.org_name = org_name;
  row.category = people::category_label(m.category);
  if (!a) {
    row.note = "未核定党费";
    return row;
  }
  const auto kind = parse_kind(a->kind);
  row.assessed = true;
  row.kind_label = kind ? std::string(kind_label(*kind)) : a->kind;
  row.base_fen = a->base_fen;
  if (a->rate_bp) row.rate = yuan(a->rate_bp) + "%";
  const Fen due = settled ? settled->due : (s ? s->due(month).value_or(a->monthly) : a->monthly);
  if (month >= a->start_month) row.due_fen = due;
  row.owed_months = standing(a->next_due, current, 0).owed;
  if (settled) {
    const auto& p = settled->payment;
    row.payment = p;
    if (p.months > 1) row.note = "自" + settled->first_month + "起一并交纳" + std::to_string(p.months) + "个月";
    const auto paid_month = p.paid_on.substr(0, 7);
    if (paid_month > month_code(month)) append(row.note, "补交", "（补交）");
    if (paid_month < month_code(month)) append(row.note, "预交", "（预交）");
    if (settled->reduced) append(row.note, "经批准减免", "，经批准减免");
  } else {
    if (month >= a->start_month && month < current) row.note = "欠交";
    if (s && s->reduced(month)) append(row.note, "经批准减免", "，经批准减免");
  }
  return row;
}

bj::value opt(const std::optional<Fen>& v) { return v ? bj::value(*v) : bj::value(nullptr); }
bj::value opt(const std::optional<std::string>& v) { return v ? bj::value(*v) : bj::value(nullptr); }

bj::object row_json(std::size_t no, const SheetRow& r) {
  bj::object o{{"no", static_cast<std::int64_t>(no)},
               {"member_id", r.member_id},
               {"name", r.name},
               {"org_id", r.org_id},
               {"org_name", r.org_name},
               {"category", r.category}};
  o["assessed"] = r.assessed;
  if (r.assessed) {
    o["kind_label"] = r.kind_label;
    o["base_fen"] = opt(r.base_fen);
    o["rate"] = opt(r.rate);
    o["due_fen"] = opt(r.due_fen);
    o["owed_months"] = r.owed_months;
    if (r.payment) {
      o["paid_fen"] = r.payment->paid;
      o["paid_on"] = r.payment->paid_on;
      o["method"] = r.payment->method;
      o["method_label"] = r.payment->method_label;
      o["proxy_name"] = opt(r.payment->proxy);
      o["months_paid"] = r.payment->months;
    } else {
      o["paid_fen"] = nullptr;
    }
  }
  o["note"] = r.note;
  return o;
}

}  // namespace

CollectionSheet collection_sheet(App& app, const core::Principal& who, std::int64_t org_id, const std::string& code) {
  const int month = detail::month_field(code, "month");
  return app.db.read([&](store::Conn& c) {
    const auto org = detail::readable_org(c, who, org_id);
    const int current = detail::current_month(app);
    const auto end = core::path_end(org.path);
    const auto roll = people::roll_under(c, org.path, kMaxSheetMembers);
    std::vector<std::int64_t> ids;
    ids.reserve(roll.size());
    for (const auto& r : roll) ids.push_back(r.id);
    std::map<std::int64_t, Account> accounts;
    for (const auto& r : store::query_ids(c, std::string(sql::kAccountColumns) + sql::kAccountsIn, ids)) {
      accounts.emplace(r.integer(0), detail::account_of(r));
    }
    const auto scheds = schedules(c, ids);
    std::map<std::int64_t, Settled> settled;
    for (const auto& r : c.query(sql::kSheetMonths, {month_code(month), org.path, end})) {
      const auto method = r.text(5);
      settled[r.integer(0)] = Settled{r.integer(1), r.integer(3) == 1, r.text(8),
                                      SheetPayment{r.integer(2), r.text(4), method, std::string(method_label(method)),
                                                   r.opt_text(6), r.integer(7)}};
    }
    std::map<std::int64_t, std::string> org_names;
    for (const auto& o : orgs::orgs_under(c, org.path, "", kMaxOrgs)) org_names[o.id] = o.name;

    CollectionSheet s;
    s.org_id = org.id;
    s.org_name = org.name;
    s.month = month_code(month);
    s.rows.reserve(roll.size());
    for (const auto& member : roll) {
      const auto a = accounts.find(member.id);
      const auto sc = scheds.find(member.id);
      const auto p = settled.find(member.id);
      auto row = sheet_row(member, org_names[member.org_id], a == accounts.end() ? nullptr : &a->second,
                           sc == scheds.end() ? nullptr : &sc->second, p == settled.end() ? nullptr : &p->second, month,
                           current);
      if (row.assessed) ++s.assessed;
      if (row.due_fen) s.due += *row.due_fen;
      if (row.payment) s.paid += row.payment->paid, ++s.paid_members;
      if (row.owed_months > 0) ++s.owing_members;
      s.rows.push_back(std::move(row));
    }
    for (const auto& r : c.query(sql::kSheetVoluntary, {s.month, org.path, end})) {
      SheetVoluntary v{r.integer(0),  r.text(1),         r.integer(2), r.text(3), std::string(method_label(r.text(4))),
                       r.opt_text(5), r.integer(6) == 1, r.text(7)};
      s.voluntary_fen += v.amount;
      if (v.to_centre) s.centre_fen += v.amount;
      s.voluntary.push_back(std::move(v));
    }
    for (const auto& r : c.query(sql::kTallyOfMonth, {s.month, org.path, end})) s.collected += r.integer(2);
    return s;
  });
}

bj::object sheet_json(const CollectionSheet& s) {
  bj::array rows;
  rows.reserve(s.rows.size());
  for (std::size_t i = 0; i < s.rows.size(); ++i) rows.push_back(row_json(i + 1, s.rows[i]));
  bj::array voluntary;
  for (const auto& v : s.voluntary) {
    voluntary.push_back(bj::object{{"member_id", v.member_id},
                                   {"name", v.name},
                                   {"amount_fen", v.amount},
                                   {"paid_on", v.paid_on},
                                   {"method_label", v.method_label},
                                   {"proxy_name", opt(v.proxy)},
                                   {"to_centre", v.to_centre},
                                   {"note", v.note}});
  }
  return bj::object{{"org_id", s.org_id},
                    {"org_name", s.org_name},
                    {"month", s.month},
                    {"rows", std::move(rows)},
                    {"voluntary", std::move(voluntary)},
                    {"totals", bj::object{{"members", static_cast<std::int64_t>(s.rows.size())},
                                          {"assessed", s.assessed},
                                          {"due_fen", s.due},
                                          {"paid_fen", s.paid},
                                          {"paid_members", s.paid_members},
                                          {"owing_members", s.owing_members},
                                          {"voluntary_fen", s.voluntary_fen},
                                          {"centre_fen", s.centre_fen},
                                          {"collected_fen", s.collected}}}};
}

bj::object sheet(App& app, const core::Principal& who, std::int64_t org_id, const std::string& month) {
  return sheet_json(collection_sheet(app, who, org_id, month));
}

}  // namespace jiceng::dues
