#include "org_life/rules.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/dates.hpp"
#include "core/names.hpp"

namespace jiceng::org_life {
namespace {

constexpr char kBranchRules[] = "《中国共产党支部工作条例（试行）》";
constexpr char kRuralRules[] = "《中国共产党农村基层组织工作条例》";
constexpr int kMonthsPerQuarter = 3;
constexpr int kMonthsPerYear = 12;
constexpr int kQuarters = 4;
constexpr std::size_t kMinKindCode = 2;
constexpr std::size_t kMaxKindCode = 40;

using core::day_from;
using core::ymd_of;

int months_in(Period p) {
  switch (p) {
    case Period::month: return 1;
    case Period::quarter: return kMonthsPerQuarter;
    case Period::year: return kMonthsPerYear;
  }
  return 1;
}
int first_month(const PeriodKey& k) { return (k.index - 1) * months_in(k.period) + 1; }

std::string source(const char* article) { return std::string(kBranchRules) + article; }

}  // namespace

const std::vector<KindInfo>& builtin_kinds() {
  static const std::vector<KindInfo> kinds = {
      {"general_meeting", "党员大会"}, {"committee_meeting", "支委会"}, {"group_meeting", "党小组会"},
      {"party_lecture", "党课"},       {"theme_day", "主题党日"},       {"life_meeting", "组织生活会"},
      {"evaluation", "民主评议党员"},
  };
  return kinds;
}

bool is_builtin_kind(std::string_view code) {
  const auto& k = builtin_kinds();
  return std::any_of(k.begin(), k.end(), [&](const KindInfo& i) { return i.code == code; });
}

bool valid_kind_code(std::string_view code) {
  if (code.size() < kMinKindCode || code.size() > kMaxKindCode) return false;
  if (code[0] < 'a' || code[0] > 'z') return false;
  return std::all_of(code.begin(), code.end(),
                     [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; });
}

constexpr std::array<core::Named<Period>, 3> kPeriods = {
    {{Period::month, "month"}, {Period::quarter, "quarter"}, {Period::year, "year"}}};

std::optional<Period> parse_period(std::string_view s) { return core::parse_named(kPeriods, s); }
std::string_view period_name(Period p) { return core::row_of(kPeriods, p).name; }

PeriodKey period_of(Period p, std::int64_t day) {
  const auto d = ymd_of(day);
  return PeriodKey{p, d.y, (d.m - 1) / months_in(p) + 1};
}

PeriodKey next(const PeriodKey& k) {
  const int per_year = kMonthsPerYear / months_in(k.period);
  if (k.index < per_year) return PeriodKey{k.period, k.year, k.index + 1};
  return PeriodKey{k.period, k.year + 1, 1};
}

PeriodKey previous(const PeriodKey& k) {
  const int per_year = kMonthsPerYear / months_in(k.period);
  if (k.index > 1) return PeriodKey{k.period, k.year, k.index - 1};
  return PeriodKey{k.period, k.year - 1, per_year};
}

std::int64_t first_day(const PeriodKey& k) { return day_from(k.year, first_month(k), 1); }
std::int64_t end_day(const PeriodKey& k) { return first_day(next(k)); }

std::string period_code(const PeriodKey& k) {
  char buf[48];
  switch (k.period) {
    case Period::month: std::snprintf(buf, sizeof buf, "%04d-%02d", k.year, k.index); break;
    case Period::quarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", k.year, k.index); break;
    case Period::year: std::snprintf(buf, sizeof buf, "%04d", k.year); break;
  }
  return buf;
}

std::optional<PeriodKey> parse_period_code(std::string_view s) {
  const auto digits = [&](std::size_t from, std::size_t n) {
    if (s.size() < from + n) return -1;
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int year = digits(0, 4);
  if (year < 1900 || year > 2100) return std::nullopt;
  if (s.size() == 4) return PeriodKey{Period::year, year, 1};
  if (s.size() == 7 && s[4] == '-' && s[5] == 'Q') {
    const int q = digits(6, 1);
    if (q >= 1 && q <= kQuarters) return PeriodKey{Period::quarter, year, q};
  } else if (s.size() == 7 && s[4] == '-') {
    const int m = digits(5, 2);
    if (m >= 1 && m <= kMonthsPerYear) return PeriodKey{Period::month, year, m};
  }
  return std::nullopt;
}

std::string period_words(const PeriodKey& k, std::int64_t today) {
  static constexpr std::array<const char*, 4> kQuarterNames = {"一", "二", "三", "四"};
  if (period_of(k.period, today) == k) {
    switch (k.period) {
      case Period::month: return "本月";
      case Period::quarter: return "本季度";
      case Period::year: return "本年度";
    }
  }
  const auto y = std::to_string(k.year) + "年";
  switch (k.period) {
    case Period::month: return y + std::to_string(k.index) + "月";
    case Period::quarter: return y + "第" + kQuarterNames[static_cast<std::size_t>(k.index - 1)] + "季度";
    case Period::year: return y;
  }
  return y;
}

std::vector<std::string> months_of(const PeriodKey& k) {
  std::vector<std::string> out;
  const int from = first_month(k);
  for (int m = from; m < from + months_in(k.period); ++m) out.push_back(period_code({Period::month, k.year, m}));
  return out;
}

// data table
std::vector<Duty> default_duties(std::int64_t from) {
  const std::vector<std::string> branch = {"branch", "general_branch"};
  return {
      {"general_meeting.quarterly", "general_meeting", Period::quarter, 1, branch, source("第十一条"), true, from, {}},
      {"committee_meeting.monthly", "committee_meeting", Period::month, 1, branch, source("第十二条"), true, from, {}},
      {"group_meeting.monthly", "group_meeting", Period::month, 1, {"group"}, source("第十三条"), true, from, {}},
      {"party_lecture.yearly",
       "party_lecture",
       Period::year,
       1,
       branch,
       source("（党组织书记每年至少讲1次党课）"),
       true,
       from,
       {}},
      {"party_lecture.quarterly",
       "party_lecture",
       Period::quarter,
       1,
       branch,
       "县委组织部规定（每季度至少1次党课）",
       false,
       from,
       {}},
      {"theme_day.monthly",
       "theme_day",
       Period::month,
       1,
       branch,
       source("（每月相对固定1天开展主题党日）"),
       true,
       from,
       {}},
      {"life_meeting.yearly",
       "life_meeting",
       Period::year,
       1,
       branch,
       source("（组织生活会一般每年召开1次）"),
       true,
       from,
       {}},
      {"evaluation.yearly",
       "evaluation",
       Period::year,
       1,
       branch,
       source("（民主评议党员一般每年开展1次）"),
       true,
       from,
       {}},
  };
}

bool applies_to_level(const Duty& d, std::string_view level) {
  return std::find(d.applies_to.begin(), d.applies_to.end(), level) != d.applies_to.end();
}

std::optional<Duty> in_force(const std::vector<Duty>& versions, std::string_view key, const PeriodKey& k) {
  const auto day = first_day(k);
  for (const auto& d : versions) {
    if (d.key == key && d.effective_from <= day && (!d.effective_to || day < *d.effective_to)) return d;
  }
  return std::nullopt;
}

std::vector<std::string> duty_keys(const std::vector<Duty>& versions) {
  std::vector<std::string> out;
  for (const auto& d : versions) {
    if (std::find(out.begin(), out.end(), d.key) == out.end()) out.push_back(d.key);
  }
  return out;
}

bool quorum_met(std::string_view kind, std::int64_t due, std::int64_t present) {
  if (kind == kGeneralMeeting || kind == kCommitteeMeeting) return due > 0 && present * 2 >= due;
  return present > 0;
}

bool vote_passes(std::int64_t due, std::int64_t ayes) { return due > 0 && ayes * 2 > due; }

std::string_view state_name(CellState s) {
  switch (s) {
    case CellState::done: return "done";
    case CellState::due: return "due";
    case CellState::late: return "late";
    case CellState::missing: return "missing";
  }
  return "due";
}

Cell cell(const Duty& d, std::string_view kind_label, const PeriodKey& k, std::int64_t held, std::int64_t today) {
  Cell c;
  c.held = held;
  c.required = d.count;
  const auto when = period_words(k, today);
  const auto basis = "；依据：" + d.source;
  const std::string label(kind_label);
  if (held >= d.count) {
    c.state = CellState::done;
    c.reason = label + "：" + when + "已召开" + std::to_string(held) + "次" + basis;
    return c;
  }
  const auto end = end_day(k);
  const auto short_of =
      held == 0 ? "尚未召开" : "已召开" + std::to_string(held) + "次，应召开" + std::to_string(d.count) + "次";
  if (today < end) {
    c.state = CellState::due;
    c.warn = end - today <= kWarnDays;
    c.reason = label + "：" + when + short_of + (c.warn ? "，" + std::to_string(end - today) + "天后到期" : "") + basis;
  } else if (today < end + kRecordGraceDays) {
    c.state = CellState::late;
    c.reason = label + "：" + when + short_of + "，已到期，" + core::format_day(end + kRecordGraceDays - 1) +
               "前可补录" + basis;
  } else {
    c.state = CellState::missing;
    c.reason = label + "：" + when + (held == 0 ? "未召开" : short_of) + basis;
  }
  return c;
}

std::int64_t term_years_for(std::string_view org_kind) {
  constexpr std::int64_t kVillageTerm = 5, kOtherTerm = 3;
  return org_kind == "rural" || org_kind == "community" ? kVillageTerm : kOtherTerm;
}

std::vector<Finding> structure_findings(const Structure& s, std::int64_t today) {
  std::vector<Finding> out;
  const bool branch = s.level == "branch";
  if (branch && s.members > kMaxBranchMembers) {
    out.push_back({"over_50", "党员" + std::to_string(s.members) + "名，超过50名，应考虑调整或成立党总支；依据：" +
                                  kBranchRules + "（党支部党员人数一般不超过50名）"});
  }
  if (branch && s.full_members >= kCommitteeFrom && s.committee_size == 0) {
    out.push_back({"needs_committee", "正式党员" + std::to_string(s.full_members) + "名，尚未设立支部委员会；依据：" +
                                          kBranchRules + "（正式党员7人以上的党支部应当设立支部委员会）"});
  }
  if (s.elected_on) {
    const auto years = s.term_years.value_or(term_years_for(s.kind));
    const auto e = ymd_of(*s.elected_on);
    auto due = day_from(e.y + static_cast<int>(years), e.m, e.d);
    if (due == core::kBadDay) due = day_from(e.y + static_cast<int>(years), e.m, e.d - 1);  // 29 February
    const bool village = s.kind == "rural" || s.kind == "community";
    const std::string basis = std::string("；依据：") + (village ? kRuralRules : kBranchRules) + "（每届任期" +
                              std::to_string(years) + "年）";
    const auto w = ymd_of(due);
    const int warn_month = w.m - kTermWarnMonths;
    auto warn_from = warn_month >= 1 ? day_from(w.y, warn_month, 1) : day_from(w.y - 1, warn_month + kMonthsPerYear, 1);
    warn_from += w.d - 1;
    if (today >= due) {
      out.push_back({"term_overdue", "任期已于" + core::format_day(due) + "届满，应及时换届" + basis});
    } else if (today >= warn_from) {
      out.push_back({"term_due", "任期将于" + core::format_day(due) + "届满，应做好换届准备" + basis});
    }
  }
  return out;
}

std::optional<std::string> rating_label(std::string_view code) {
  if (code == "excellent") return "优秀";
  if (code == "qualified") return "合格";
  if (code == "basic") return "基本合格";
  if (code == "unqualified") return "不合格";
  return std::nullopt;
}

bool rating_needs_reason(std::string_view code) { return code == "basic" || code == "unqualified"; }

std::int64_t excellent_allowed(std::int64_t participants, std::int64_t cap_pct) {
  constexpr std::int64_t kPercent = 100;
  if (participants <= 0 || cap_pct <= 0) return 0;
  return participants * std::min(cap_pct, kPercent) / kPercent;
}

}  // namespace jiceng::org_life
