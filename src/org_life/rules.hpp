#pragma once
// Organisation life (三会一课, 主题党日, 组织生活会, 民主评议) as pure rules: the meeting kinds, the
// duties that say how often each must be held (as data, with their sources, dated so a period keeps
// the rule it began under), periods across the year boundary, quorum, the state of one
// organisation's duty in one period, and the checks on a branch's structure. No I/O: days are
// day numbers (core/dates.hpp) the caller reads from its clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::org_life {

// ---- Meeting kinds ----

struct KindInfo final {
  std::string code;   // "committee_meeting"
  std::string label;  // 支委会
};
// The kinds the 支部工作条例 names; a county may add its own (stored, passed in beside these).
const std::vector<KindInfo>& builtin_kinds();
bool is_builtin_kind(std::string_view code);
// A county-added kind's code: 2..40 of [a-z0-9_], starting with a letter.
bool valid_kind_code(std::string_view code);
constexpr std::string_view kGeneralMeeting = "general_meeting";      // 党员大会
constexpr std::string_view kCommitteeMeeting = "committee_meeting";  // 支委会
constexpr std::string_view kGroupMeeting = "group_meeting";          // 党小组会

// ---- Periods ----

enum class Period { month, quarter, year };
std::optional<Period> parse_period(std::string_view s);
std::string_view period_name(Period p);  // "month", "quarter", "year"

// One period: year, and month 1..12, quarter 1..4 or 1 for a year.
struct PeriodKey final {
  Period period = Period::month;
  int year = 0;
  int index = 1;
  bool operator==(const PeriodKey&) const = default;
};
PeriodKey period_of(Period p, std::int64_t day);
PeriodKey next(const PeriodKey& k);
PeriodKey previous(const PeriodKey& k);
// First day and the day after the last, as day numbers.
std::int64_t first_day(const PeriodKey& k);
std::int64_t end_day(const PeriodKey& k);
// "2026-11", "2026-Q4", "2026", and back (nullopt for anything else).
std::string period_code(const PeriodKey& k);
std::optional<PeriodKey> parse_period_code(std::string_view s);
// "2026年11月", "2026年第四季度", "2026年"; "本月", "本季度", "本年度" when it is the current one.
std::string period_words(const PeriodKey& k, std::int64_t today);
// The months ("2026-10" …) a period covers, for summing monthly counts.
std::vector<std::string> months_of(const PeriodKey& k);

// ---- Duties ----

struct Duty final {
  std::string key;   // stable across versions: "committee_meeting.monthly"
  std::string kind;  // meeting kind code
  Period period = Period::month;
  int count = 1;
  std::vector<std::string> applies_to;       // party organisation levels: "branch", "group", …
  std::string source;                        // 《…》第…条, or the county's document
  bool central = true;                       // false: a county setting the organisation department may change
  std::int64_t effective_from = 0;           // day number
  std::optional<std::int64_t> effective_to;  // day number it stopped applying (exclusive)
};
// The duties PARTY-RULES.md lists, in force from `from` (a day number).
std::vector<Duty> default_duties(std::int64_t from);
bool applies_to_level(const Duty& d, std::string_view level);
// The version of duty `key` a period is held to: the one in force on the period's first day.
std::optional<Duty> in_force(const std::vector<Duty>& versions, std::string_view key, const PeriodKey& k);
// The distinct keys among the versions, in first-seen order.
std::vector<std::string> duty_keys(const std::vector<Duty>& versions);

// ---- Quorum ----

// 党员大会 (第十一条): at least half of the voting (full) members due to attend are present; a
// vote passes only if the ayes exceed half of those due. 支委会 (第十二条): at least half of the
// committee. Any other meeting: someone attended.
bool quorum_met(std::string_view kind, std::int64_t due, std::int64_t present);
bool vote_passes(std::int64_t due, std::int64_t ayes);

// ---- A cell of the compliance matrix ----

enum class CellState { done, due, late, missing };
std::string_view state_name(CellState s);
// Days after a period ends in which a meeting held during it may still be recorded; afterwards an
// unmet duty is missing.
constexpr std::int64_t kRecordGraceDays = 10;
// Days before a period ends from which an unmet duty is warned about.
constexpr std::int64_t kWarnDays = 7;

struct Cell final {
  CellState state = CellState::due;
  std::int64_t held = 0;
  std::int64_t required = 0;
  bool warn = false;   // due and the period ends within kWarnDays
  std::string reason;  // "支委会：本月尚未召开；依据：《…》第十二条"
};
// `held` counts the valid meetings of the duty's kind dated inside the period.
Cell cell(const Duty& d, std::string_view kind_label, const PeriodKey& k, std::int64_t held, std::int64_t today);

// ---- Branch structure ----

struct Structure final {
  std::string level;  // "branch", "general_branch", …
  std::string kind;   // "rural", "community", …
  std::int64_t members = 0;
  std::int64_t full_members = 0;
  std::int64_t committee_size = 0;         // 0: no committee elected
  std::optional<std::int64_t> elected_on;  // day number of the last election (换届)
  std::optional<std::int64_t> term_years;  // when the county set one; else by kind
};
struct Finding final {
  std::string code;  // "over_50", "needs_committee", "term_due", "term_overdue"
  std::string reason;
};
// 5 years for village and community organisations, 3 for other branches.
std::int64_t term_years_for(std::string_view org_kind);
constexpr std::int64_t kMaxBranchMembers = 50;
constexpr std::int64_t kCommitteeFrom = 7;
constexpr int kTermWarnMonths = 6;
std::vector<Finding> structure_findings(const Structure& s, std::int64_t today);

// ---- 民主评议党员 ----

// The branch's ratings: excellent 优秀, qualified 合格, basic 基本合格, unqualified 不合格.
std::optional<std::string> rating_label(std::string_view code);
// 基本合格 and 不合格 must say why (不合格党员组织处置办法: the member is told what to correct).
bool rating_needs_reason(std::string_view code);
constexpr std::string_view kUnqualified = "unqualified";
constexpr std::string_view kExcellent = "excellent";
// How many of `participants` may be rated 优秀 under a cap of `cap_pct` percent: "不超过", rounded down.
std::int64_t excellent_allowed(std::int64_t participants, std::int64_t cap_pct);
constexpr std::string_view kExcellentCapKey = "excellent_cap_pct";

}  // namespace jiceng::org_life
