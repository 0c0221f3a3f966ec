#pragma once
// Dues (党费) as pure rules, from 《关于中国共产党党费收缴、使用和管理的规定》 (2008): the monthly
// amount by the member's kind of income and its band, money in integer fen (分) read from and
// written as 元 without floating point, months as numbers, how far back a payment may reach and
// how far ahead, and where a member stands (owed months, the warning, the six-month rule). No I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::dues {

using Fen = std::int64_t;  // 1 元 = 100 分

constexpr char kRegulation[] = "《关于中国共产党党费收缴、使用和管理的规定》";

// ---- Kinds of income ----

enum class Kind { wage, annual_salary, self_employed, retired, farmer, student, unemployed, low_income };
std::optional<Kind> parse_kind(std::string_view s);  // "wage", … or the label "在职（按月工资）", …
std::string_view kind_name(Kind k);
std::string_view kind_label(Kind k);
// Kinds whose amount is a percentage of a base the branch records (wage, pension, pay, income).
bool needs_base(Kind k);
// The kind a member's category suggests, when it settles it (rural → farmer; student → student).
std::optional<Kind> kind_for_category(std::string_view category);

// ---- The monthly amount ----

constexpr Fen kFixedFen = 20;  // students, the unemployed, 低保: 0.2 元
constexpr Fen kFarmerMinFen = 20, kFarmerMaxFen = 100;
struct Assessment final {
  Fen monthly = 0;
  int rate_bp = 0;     // basis points of the base (50 = 0.5%); 0 for a fixed amount
  std::string band;    // "税后月工资收入3000元以上至5000元（含）：1%"
  std::string source;  // the regulation and what it says
};
// `base` in fen for the kinds that need one; `farmer_fen` is the province's amount in force.
Assessment assess(Kind k, Fen base, Fen farmer_fen);
// base × rate, rounded half up to the fen.
Fen percent_of(Fen base, int rate_bp);

// ---- Money ----

// "12", "12.5", "12.50", "1,234.56" → fen; a spreadsheet's "12.499999999" rounds half up at the
// fen. Negative, empty or non-numeric text → nullopt.
std::optional<Fen> parse_yuan(std::string_view s);
std::string yuan(Fen f);  // 1250 → "12.50"

// ---- Months ----

// "2026-11" ↔ a month number (year × 12 + month − 1); nullopt for anything else.
std::optional<int> month_number(std::string_view s);
std::string month_code(int n);
int month_of_day(std::int64_t day);  // a day number's month
int quarter_end(int month);          // the last month of the month's quarter

// ---- Payments ----

constexpr int kMaxBackMonths = 6;   // 补交 reaches at most 6 months back
constexpr int kLapseMonths = 6;     // 连续6个月不交纳 → 自行脱党
constexpr Fen kCentreFen = 100000;  // a voluntary one-off of 1,000 元 or more goes to the centre

struct Refusal final {
  std::string code;     // "back_payment", "prepayment"
  std::string message;  // with its source
};
// Settling `count` months from `first` (the first month not yet settled) in month `current`: a
// back-payment may reach 6 months back; paying ahead (按季度交纳) reaches the end of the quarter.
std::optional<Refusal> check_settlement(int first, int count, int current);
bool goes_to_centre(Fen amount);

// ---- Standing ----

struct Standing final {
  int owed = 0;  // whole months before `current` not settled
  bool warn = false;
  bool lapse = false;  // six months or more: the branch must act
  std::string reason;
  std::string source;
};
Standing standing(int next_due, int current, int warn_months);

}  // namespace jiceng::dues
