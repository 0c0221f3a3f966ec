#include "dues/rules.hpp"

#include <array>
#include <cstdio>

#include "core/dates.hpp"
#include "core/names.hpp"

namespace jiceng::dues {
namespace {

constexpr int kMonthsPerYear = 12, kMonthsPerQuarter = 3;
constexpr Fen kYuan = 100;
constexpr Fen kWageBand1 = 3000 * kYuan, kWageBand2 = 5000 * kYuan, kWageBand3 = 10000 * kYuan;
constexpr Fen kPensionBand = 5000 * kYuan;
constexpr int kHalfPercent = 50, kOnePercent = 100, kOneAndHalf = 150, kTwoPercent = 200;
constexpr Fen kBasisPoints = 10000;
constexpr int kFirstYear = 1900, kLastYear = 2100;

constexpr std::array<core::Named<Kind>, 8> kKinds = {{
    {Kind::wage, "wage", "在职（按月工资）"},
    {Kind::annual_salary, "annual_salary", "年薪制"},
    {Kind::self_employed, "self_employed", "个体经营等不按月取得收入"},
    {Kind::retired, "retired", "离退休"},
    {Kind::farmer, "farmer", "农民"},
    {Kind::student, "student", "学生"},
    {Kind::unemployed, "unemployed", "下岗失业"},
    {Kind::low_income, "low_income", "领取最低生活保障金或依靠抚恤、救济生活"},
}};

std::string source(const char* what) { return std::string(kRegulation) + "（" + what + "）"; }

// The wage bands, which annual salaries and self-employed income are also read against.
Assessment wage_band(Fen base, const char* basis) {
  Assessment a;
  if (base <= kWageBand1) {
    a.rate_bp = kHalfPercent, a.band = "3000元以下（含3000元）：0.5%";
  } else if (base <= kWageBand2) {
    a.rate_bp = kOnePercent, a.band = "3000元以上至5000元（含5000元）：1%";
  } else if (base <= kWageBand3) {
    a.rate_bp = kOneAndHalf, a.band = "5000元以上至10000元（含10000元）：1.5%";
  } else {
    a.rate_bp = kTwoPercent, a.band = "10000元以上：2%";
  }
  a.band = std::string(basis) + a.band;
  a.monthly = percent_of(base, a.rate_bp);
  return a;
}

}  // namespace

std::optional<Kind> parse_kind(std::string_view s) {
  for (const auto& k : kKinds) {
    if (k.name == s || k.label == s) return k.value;
  }
  return std::nullopt;
}
std::string_view kind_name(Kind k) { return core::row_of(kKinds, k).name; }
std::string_view kind_label(Kind k) { return core::row_of(kKinds, k).label; }

bool needs_base(Kind k) {
  return k == Kind::wage || k == Kind::annual_salary || k == Kind::self_employed || k == Kind::retired;
}

std::optional<Kind> kind_for_category(std::string_view category) {
  if (category == "rural") return Kind::farmer;
  if (category == "student") return Kind::student;
  return std::nullopt;
}

Fen percent_of(Fen base, int rate_bp) { return (base * rate_bp + kBasisPoints / 2) / kBasisPoints; }

Assessment assess(Kind k, Fen base, Fen farmer_fen) {
  Assessment a;
  switch (k) {
    case Kind::wage:
      a = wage_band(base, "税后月工资收入");
      a.source = source("按月领取工资的党员，以每月工资收入（税后）为基数，按0.5%、1%、1.5%、2%分档交纳");
      break;
    case Kind::annual_salary:
      a = wage_band(base, "当月实际领取的薪酬收入");
      a.source = source("实行年薪制的党员，以当月实际领取的薪酬收入为基数，参照月工资收入的比例交纳");
      break;
    case Kind::self_employed:
      a = wage_band(base, "上季度月平均纯收入");
      a.source = source("不按月取得收入的个体经营者等党员，以上季度月平均纯收入为基数，参照月工资收入的比例交纳");
      break;
    case Kind::retired:
      a.rate_bp = base <= kPensionBand ? kHalfPercent : kOnePercent;
      a.band = base <= kPensionBand ? "离退休费5000元以下（含5000元）：0.5%" : "离退休费5000元以上：1%";
      a.monthly = percent_of(base, a.rate_bp);
      a.source = source("离退休党员以实际领取的离退休费为基数，5000元以下（含）交纳0.5%，以上交纳1%");
      break;
    case Kind::farmer:
      a.monthly = farmer_fen;
      a.band = "农民党员：每月" + yuan(farmer_fen) + "元（本省标准）";
      a.source = source("农民党员每月交纳党费0.2元至1元，具体标准由省（区、市）党委组织部确定");
      break;
    case Kind::student:
    case Kind::unemployed:
    case Kind::low_income:
      a.monthly = kFixedFen;
      a.band = std::string(kind_label(k)) + "党员：每月0.20元";
      a.source = source("学生党员、下岗失业党员、领取最低生活保障金或依靠抚恤救济生活的党员，每月交纳0.2元");
      break;
  }
  return a;
}

std::optional<Fen> parse_yuan(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  constexpr int kMaxDigits = 12;  // a trillion 元: beyond any payment, far below overflow
  Fen whole = 0;
  int digits = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] == ',') continue;
    if (s[i] < '0' || s[i] > '9' || ++digits > kMaxDigits) return std::nullopt;
    whole = whole * 10 + (s[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  Fen fraction = 0;
  int places = 0;
  bool round_up = false;
  if (i < s.size()) {
    if (i + 1 == s.size()) return std::nullopt;  // "12."
    for (std::size_t j = i + 1; j < s.size(); ++j) {
      if (s[j] < '0' || s[j] > '9') return std::nullopt;
      if (places < 2) {
        fraction = fraction * 10 + (s[j] - '0');
      } else if (places == 2) {
        round_up = s[j] >= '5';
      }
      ++places;
    }
  }
  for (; places < 2; ++places) fraction *= 10;
  return whole * kYuan + fraction + (round_up ? 1 : 0);
}

std::string yuan(Fen f) {
  const bool negative = f < 0;
  const auto abs = negative ? -f : f;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", negative ? "-" : "", static_cast<long long>(abs / kYuan),
                static_cast<long long>(abs % kYuan));
  return buf;
}

std::optional<int> month_number(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    (i < 4 ? y : m) = (i < 4 ? y : m) * 10 + (s[i] - '0');
  }
  if (y < kFirstYear || y > kLastYear || m < 1 || m > kMonthsPerYear) return std::nullopt;
  return y * kMonthsPerYear + m - 1;
}

std::string month_code(int n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d", n / kMonthsPerYear, n % kMonthsPerYear + 1);
  return buf;
}

int month_of_day(std::int64_t day) { return *month_number(core::format_day(day).substr(0, 7)); }

int quarter_end(int month) { return month - month % kMonthsPerQuarter + kMonthsPerQuarter - 1; }

std::optional<Refusal> check_settlement(int first, int count, int current) {
  if (current - first > kMaxBackMonths) {
    return Refusal{"back_payment", "补交党费最早只能补交" + std::to_string(kMaxBackMonths) + "个月，" +
                                       month_code(first) + "已超过补交期限，请党支部按规定处理；依据：" +
                                       source("党员补交党费的期限一般不超过6个月")};
  }
  const int last = first + count - 1;
  if (last > quarter_end(current)) {
    return Refusal{"prepayment", "预交党费最多交至本季度末（" + month_code(quarter_end(current)) + "），" +
                                     month_code(last) + "尚不能预交；依据：" +
                                     source("党员因特殊情况经党支部同意，可以按季度交纳党费")};
  }
  return std::nullopt;
}

bool goes_to_centre(Fen amount) { return amount >= kCentreFen; }

Standing standing(int next_due, int current, int warn_months) {
  Standing s;
  s.owed = current > next_due ? current - next_due : 0;
  s.lapse = s.owed >= kLapseMonths;
  s.warn = !s.lapse && warn_months > 0 && s.owed >= warn_months;
  if (s.lapse) {
    s.reason = "自" + month_code(next_due) + "起已连续" + std::to_string(s.owed) +
               "个月未交纳党费，党支部应核实有无正当理由并按规定处理（无正当理由的按自行脱党处理）";
    s.source = source("党员无正当理由连续6个月不交纳党费的，按自行脱党处理");
  } else if (s.warn) {
    s.reason = "自" + month_code(next_due) + "起已" + std::to_string(s.owed) + "个月未交纳党费，请及时提醒补交";
    s.source = "县委组织部规定（党员连续" + std::to_string(warn_months) + "个月未交纳党费的，党支部应及时提醒）";
  } else if (s.owed > 0) {
    s.reason = "欠交" + std::to_string(s.owed) + "个月（自" + month_code(next_due) + "起）";
  }
  return s;
}

}  // namespace jiceng::dues
