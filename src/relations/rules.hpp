#pragma once
// The rules relations and movement run on, pure: how long a member has been out, which check a
// member's facts trip and why, which 处置 outcome is allowed when and whose approval it needs.
// Every finding and refusal names its source (PARTY-RULES.md); days are core::local_day numbers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::relations {

// ---- Sources ----
inline constexpr std::string_view kEducationRegs = "《中国共产党党员教育管理工作条例》（2019）";
inline constexpr std::string_view kDuesRegs = "《关于中国共产党党费收缴、使用和管理的规定》（2008）";
inline constexpr std::string_view kDisposalRegs = "《中国共产党不合格党员组织处置办法》";

// ---- Months on the calendar ----

// Whole calendar months from day `from` to day `to` (2026-01-31 → 2026-07-30 is 5; → 2026-07-31 is 6).
std::int64_t months_between(std::int64_t from, std::int64_t to);
// The day `months` calendar months after `day` (the month's last day when it is shorter).
std::int64_t add_months(std::int64_t day, std::int64_t months);

constexpr std::int64_t kOutMonths = 6;          // going out ≥6 months to a fixed place → transfer
constexpr std::int64_t kUntraceableMonths = 6;  // out of contact >6 months and untraceable → stop
constexpr std::int64_t kStoppedYears = 2;       // stopped 2 more years → removal
constexpr std::int64_t kHangingMonths = 6;      // no organisation life and no dues for 6 months
constexpr std::int64_t kDuesMonths = 6;         // 6 consecutive months unpaid

// ---- Checks ----

enum class Check { lost_flow, hanging, untraceable, removal_due, transfer_due, transfer_unconfirmed };
std::string_view check_code(Check k);
std::optional<Check> parse_check(std::string_view code);
std::string_view check_label(Check k);  // zh-CN
// The rule behind the check, with its source.
std::string check_source(Check k);

// What the sweep knows of a member with an active out-flow.
struct FlowFacts final {
  std::int64_t since = 0;                    // the day they went out
  std::optional<std::int64_t> last_contact;  // the last day either side reached them
  std::optional<std::int64_t> last_life;     // the last organisation life they attended (org_life)
  std::optional<std::int64_t> untraceable;   // since when nobody can find them
  bool fixed_place = false;                  // they live or work at one place out there
  bool transfer_started = false;             // a transfer is pending or done since they went out
};
struct Finding final {
  Check check;
  std::string detail;  // zh-CN, with the dates that make it true
};
// 流而失管: out ≥6 months, and no contact or no organisation life in the last 6 months.
std::optional<Finding> lost_flow(const FlowFacts& f, std::int64_t today);
// 失联: untraceable for more than 6 months → a proposal to stop membership.
std::optional<Finding> untraceable(const FlowFacts& f, std::int64_t today);
// Out ≥6 months to a fixed place and no transfer started → the relation must be transferred.
std::optional<Finding> transfer_due(const FlowFacts& f, std::int64_t today);

// 空挂: the relation is held where the member neither lives nor works (out at a fixed place for
// ≥6 months with no transfer — the relation stays here while the member is not), or no
// organisation life and no dues for 6 months. `dues_months` is the months since the member last paid
// dues, from the dues module (nullopt while no module keeps dues: that half is not judged).
struct HangingFacts final {
  bool lives_elsewhere = false;  // transfer_due() holds for their out-flow
  std::optional<std::int64_t> last_life;
  std::optional<std::int64_t> dues_months;
  std::int64_t member_since = 0;  // the day the relation came here (no earlier life counts against it)
};
std::optional<Finding> hanging(const HangingFacts& f, std::int64_t today);

// 停止党籍 2 years ago with no contact since → a proposal to remove.
std::optional<Finding> removal_due(std::int64_t stopped_on, std::int64_t today);

// A transfer pending longer than the county allows (`confirm_days`, a county setting).
std::optional<Finding> transfer_unconfirmed(std::int64_t started_day, std::int64_t today, std::int64_t confirm_days);

// ---- Transfers ----

// Why a receiver may not refuse: only with a stated cause (refusing without cause is forbidden).
std::string refusal_rule();
// The member's statuses a transfer or a flow may start from.
bool may_move(std::string_view status);

// ---- 处置 cases ----

enum class Outcome { corrected, advised_leave, removed, stopped };
std::optional<Outcome> parse_outcome(std::string_view code);
std::string_view outcome_code(Outcome o);
std::string_view outcome_label(Outcome o);
// The member status an approved outcome leaves (corrected leaves it as it was).
std::optional<std::string_view> status_after(Outcome o);

struct CaseFacts final {
  std::string_view kind;                    // unqualified or untraceable
  std::optional<std::int64_t> correct_by;   // the deadline to correct (unqualified)
  std::optional<std::int64_t> untraceable;  // since when untraceable (untraceable)
  std::optional<std::int64_t> stopped_on;   // the day membership was stopped, if it was
};
// Why `o` may not be decided today, with the rule; nullopt when it may.
std::optional<std::string> outcome_refusal(const CaseFacts& f, Outcome o, std::int64_t today);
// Whether the outcome needs the higher committee's approval after the branch's decision.
bool needs_approval(Outcome o);
// The rule behind the outcome and its approval.
std::string outcome_source(Outcome o);

}  // namespace jiceng::relations
