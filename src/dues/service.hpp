#pragma once
// The dues module's transactions: a member's assessment (base, kind, band) set by hand or from a
// unit's payroll sheet; payments settling months in order (back-payment and prepayment within the
// rules), by proxy or by the member, one at a time or from a sheet (all rows or none); voluntary
// one-off payments; reductions the branch decides and the higher committee approves; a branch's
// monthly collection sheet; totals and remittances by subtree and month from the tally kept in
// each payment's transaction; the warnings the sweep writes; and the county's dated settings.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cogov/common.hpp"
#include "core/app.hpp"
#include "core/principal.hpp"
#include "dues/rules.hpp"
#include "io/table.hpp"

namespace jiceng::dues {

using cogov::Actor;

// ---- Assessments ----

struct BaseChange final {
  std::int64_t member_id = 0;
  std::string kind;                       // a Kind name or label
  std::optional<Fen> base_fen;            // for the kinds that need one
  std::optional<std::string> from_month;  // default: the current month
};
// Records the member's kind and base from a month on (this month or a later one); the first
// assessment opens the member's account, owing from the month they were admitted if that is
// within the last six months, else from this month.
boost::json::object set_base(App& app, const Actor& by, const BaseChange& change);
// A unit's payroll: 党员编号 or 身份证号, 姓名, 类别, 计算基数(元), 起始月份. All rows or none.
boost::json::object import_bases(App& app, const Actor& by, const io::Table& sheet, bool dry_run);

// ---- Payments ----

struct Payment final {
  std::int64_t member_id = 0;
  int months = 1;
  std::optional<Fen> amount_fen;  // when given, must equal what the months are due
  std::string paid_on;            // YYYY-MM-DD, not after today
  std::string method;             // cash, transfer, wechat, alipay, payroll, other (or their labels)
  std::optional<std::string> proxy_name;
  std::string note;
};
// Settles the member's next `months` months (the earliest unsettled first).
boost::json::object pay(App& app, const Actor& by, const Payment& p);
// A voluntary one-off (特殊党费/自愿多交); 1,000 元 or more is marked for the centre.
boost::json::object pay_voluntary(App& app, const Actor& by, const Payment& p);
// The collection sheet filled in: 党员编号, 姓名, 交纳月数, 实交金额(元), 交纳日期, 交纳方式, 代交人.
// Rows with no amount are skipped; any bad row refuses the whole sheet, naming row and column.
boost::json::object import_payments(App& app, const Actor& by, const io::Table& sheet, bool dry_run);
std::optional<std::string> parse_method(std::string_view s);  // the code for a code or label
std::string_view method_label(std::string_view code);

// ---- Reductions ----

struct ReductionRequest final {
  std::int64_t member_id = 0;
  std::string from_month, to_month;
  Fen monthly_fen = 0;  // what the member pays a month meanwhile (0: exempt)
  std::string reason, decision, decided_on;
};
// The branch's decision, waiting for the higher committee.
boost::json::object propose_reduction(App& app, const Actor& by, const ReductionRequest& r);
// The higher committee (above the branch) approves or refuses; the branch itself may not.
boost::json::object decide_reduction(App& app, const Actor& by, std::int64_t id, bool approve,
                                     const std::string& words);
boost::json::object reductions(App& app, const core::Principal& who, std::int64_t org_id);

// ---- Reading ----

// One member's dues: assessment, standing, the last 12 months of the ledger, payments, reductions.
boost::json::object member_dues(App& app, const core::Principal& who, std::int64_t member_id);
// The member signed in.
boost::json::object my_dues(App& app, const core::Principal& who);
// The collection sheet (党费收缴登记表) of an organisation's subtree for a month, as JSON; sheet.hpp
// has it as rows for XLSX and print.
boost::json::object sheet(App& app, const core::Principal& who, std::int64_t org_id, const std::string& month);
// Totals of the subtree and of each organisation directly under it, from the tally.
boost::json::object totals(App& app, const core::Principal& who, std::int64_t org_id, const std::string& month);
// The members of the subtree behind by `min_months` or more, most behind first.
boost::json::object arrears(App& app, const core::Principal& who, std::int64_t org_id, int min_months);
// The branch hands the month's collection to the higher committee.
boost::json::object remit(App& app, const Actor& by, std::int64_t org_id, const std::string& month,
                          const std::string& remitted_on);

// ---- Warnings ----

// The sweep (at most hourly: Module::sweep_every_seconds): members 3 months behind (the county's setting) and 6 months
// behind, each warned once per episode, in batches, one outbox event per organisation and batch.
std::int64_t warn_arrears(App& app);
// Accounts take the bases dated ahead whose month has begun; the number of accounts changed.
std::int64_t apply_bases(App& app);
boost::json::object warnings(App& app, const core::Principal& who, std::int64_t org_id, std::int64_t limit,
                             std::int64_t offset);

// ---- County settings ----

boost::json::object settings(App& app);
boost::json::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                                   const std::string& source, const std::string& effective_from);

}  // namespace jiceng::dues
