#pragma once
// What the dues service's files share: a member's account and schedule (what each month is due,
// from the assessments and the approved reductions), the county's settings in force, who may read
// and write an organisation's dues, and the audit line.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app.hpp"
#include "core/principal.hpp"
#include "dues/rules.hpp"
#include "dues/service.hpp"
#include "orgs/service.hpp"
#include "store/db.hpp"

namespace jiceng::dues::detail {

// The dated county settings (core/dated_settings.hpp) live in this table.
constexpr char kSettingsTable[] = "dues_setting";

constexpr char kFarmerKey[] = "farmer_monthly_fen";
constexpr char kWarnKey[] = "arrears_warn_months";

struct Account final {
  std::int64_t member_id = 0, org_id = 0;
  std::string org_path, area_path, name, kind, band, source;
  std::optional<Fen> base_fen;
  Fen monthly = 0;
  int rate_bp = 0;
  int start_month = 0, next_due = 0;
};
std::optional<Account> account(store::Conn& c, std::int64_t member_id);
Account account_of(const store::Row& r);  // a row of sql::kAccountColumns

// What each month is due: the assessment in force that month, or an approved reduction's amount.
struct Schedule final {
  struct Base final {
    int from = 0;
    Fen monthly = 0;
  };
  struct Reduction final {
    int from = 0, to = 0;
    Fen monthly = 0;
  };
  std::vector<Base> bases;
  std::vector<Reduction> reductions;
  std::optional<Fen> due(int month) const;  // nullopt before the first assessment
  bool reduced(int month) const;
};
Schedule schedule(store::Conn& c, std::int64_t member_id);

struct Setting final {
  std::int64_t value = 0;
  std::string source;
};
Setting setting(store::Conn& c, const std::string& key, std::int64_t day);

int current_month(const App& app);
// A YYYY-MM field as a month number, else 400 naming the field.
int month_field(const std::string& s, const char* field);
std::int64_t today(const App& app);

// The organisation when `who` may read (write) dues over it, else 404 (403).
orgs::OrgInfo readable_org(store::Conn& c, const core::Principal& who, std::int64_t org_id);
orgs::OrgInfo writable_org(store::Conn& c, const core::Principal& who, std::int64_t org_id);
bool writes_over(const core::Principal& who, const std::string& org_path, const std::string& area_path);
// Writes over the organisation from above it: the higher committee, not the branch itself.
bool above(const core::Principal& who, const std::string& org_path, const std::string& area_path);
// The member's account when `who` may read it (staff over it, or the member), else 404.
Account readable_account(store::Conn& c, const core::Principal& who, std::int64_t member_id);

// A refusal by rule: 422, its code, the message with its source, the field.
[[noreturn]] void refuse(const std::string& code, const std::string& message, const std::string& field);

void audit(store::Conn& c, const App& app, const Actor& by, const std::string& action, const std::string& type,
           std::int64_t id, const std::string& after);

// The member's account, following the organisation people keep them in now, when `who` writes
// dues over it (else 403/404).
Account writable_account(store::Conn& c, const core::Principal& who, std::int64_t member_id);
// One assessment inside the caller's transaction (by hand, or a row of a payroll sheet).
void assess_member(store::Conn& c, const App& app, const Actor& by, const BaseChange& change, const std::string& via);
// Accounts take the bases dated from the months begun lately (up to a year back); the number changed.
std::int64_t apply_bases(store::Conn& c, const App& app);
// The province's new farmer amount from `month` for every farmer without a base dated from then on.
void rebase_farmers(store::Conn& c, const App& app, const Actor& by, int month, Fen monthly);
// The date and amount of a payment are well-formed (before any transaction).
void check_payment(const App& app, const Payment& p);

// Settles `months` months of the member from next_due in one transaction: ledger rows, the
// payment, the account and the tally. Checks the rules; returns the payment id.
std::int64_t settle(store::Conn& c, const App& app, const Actor& by, const Account& a, const Payment& p);

}  // namespace jiceng::dues::detail
