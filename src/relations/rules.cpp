#include "relations/rules.hpp"

#include <algorithm>
#include <array>

#include "core/dates.hpp"
#include "core/names.hpp"

namespace jiceng::relations {
namespace {

struct CheckInfo final {
  Check check;
  std::string_view code, label, rule;
};
constexpr std::array<CheckInfo, 6> kChecks = {{
    {Check::lost_flow, "lost_flow", "流而失管", "外出6个月以上，未与党组织联系或未参加组织生活"},
    {Check::hanging, "hanging", "组织关系空挂",
     "组织关系所在地既非居住地也非工作地，或连续6个月未参加组织生活且未交纳党费"},
    {Check::untraceable, "untraceable", "失去联系", "失去联系超过6个月、查找不到的，应停止党籍"},
    {Check::removal_due, "removal_due", "停止党籍满2年", "停止党籍2年后仍未取得联系的，予以除名"},
    {Check::transfer_due, "transfer_due", "应转接组织关系", "外出6个月以上且地点相对固定的，应转移组织关系"},
    {Check::transfer_unconfirmed, "transfer_unconfirmed", "转接未确认",
     "接收方确认前由原党组织负责管理，转接久未确认须跟进"},
}};

const CheckInfo& info(Check k) { return kChecks[static_cast<std::size_t>(k)]; }

std::string day(std::int64_t d) { return core::format_day(d); }

// Whether a day lies within the last `months` months before today.
bool within(const std::optional<std::int64_t>& d, std::int64_t months, std::int64_t today) {
  return d && *d > add_months(today, -months);
}

}  // namespace

std::int64_t add_months(std::int64_t d, std::int64_t months) {
  const auto ymd = core::format_day(d);
  const std::int64_t total = std::stoll(ymd.substr(0, 4)) * 12 + (std::stoll(ymd.substr(5, 2)) - 1) + months;
  const auto first_of = [](std::int64_t t) {
    const auto m = t % 12 + 1;
    return core::parse_day(std::to_string(t / 12) + (m < 10 ? "-0" : "-") + std::to_string(m) + "-01");
  };
  const auto first = first_of(total);
  const auto length = first_of(total + 1) - first;
  return first + std::min<std::int64_t>(std::stoll(ymd.substr(8, 2)), length) - 1;
}

std::int64_t months_between(std::int64_t from, std::int64_t to) {
  if (to < from) return -months_between(to, from);
  const auto a = core::format_day(from), b = core::format_day(to);
  std::int64_t n = (std::stoi(b.substr(0, 4)) - std::stoi(a.substr(0, 4))) * 12 + std::stoi(b.substr(5, 2)) -
                   std::stoi(a.substr(5, 2));
  if (add_months(from, n) > to) --n;
  return n;
}

std::string_view check_code(Check k) { return info(k).code; }
std::string_view check_label(Check k) { return info(k).label; }
std::optional<Check> parse_check(std::string_view code) {
  for (const auto& c : kChecks) {
    if (c.code == code) return c.check;
  }
  return std::nullopt;
}

std::string check_source(Check k) {
  if (k == Check::lost_flow || k == Check::hanging) {
    // Seed 002 names the two checks; the rules under them are the regulation's and the dues rules'.
    return std::string(kEducationRegs) + "；县委组织部“流而失管”“空挂”问题排查：" + std::string(info(k).rule) +
           (k == Check::hanging ? "（党费：" + std::string(kDuesRegs) + "）" : "");
  }
  return std::string(kEducationRegs) + "：" + std::string(info(k).rule);
}

std::optional<Finding> lost_flow(const FlowFacts& f, std::int64_t today) {
  if (months_between(f.since, today) < kOutMonths) return std::nullopt;
  const bool contact = within(f.last_contact, kOutMonths, today);
  const bool life = within(f.last_life, kOutMonths, today);
  if (contact && life) return std::nullopt;
  std::string why = contact ? "近6个月未参加组织生活"
                    : life  ? "近6个月未与党组织联系"
                            : "近6个月既未联系也未参加组织生活";
  return Finding{Check::lost_flow, "自" + day(f.since) + "外出已满6个月，" + why};
}

std::optional<Finding> untraceable(const FlowFacts& f, std::int64_t today) {
  if (!f.untraceable) return std::nullopt;
  // "超过6个月": strictly more than six whole months.
  if (add_months(*f.untraceable, kUntraceableMonths) >= today) return std::nullopt;
  return Finding{Check::untraceable, "自" + day(*f.untraceable) + "失去联系已超过6个月，建议停止党籍"};
}

std::optional<Finding> transfer_due(const FlowFacts& f, std::int64_t today) {
  if (!f.fixed_place || f.transfer_started || months_between(f.since, today) < kOutMonths) return std::nullopt;
  return Finding{Check::transfer_due, "自" + day(f.since) + "在外地固定居住或工作已满6个月，应转接组织关系"};
}

std::optional<Finding> hanging(const HangingFacts& f, std::int64_t today) {
  if (f.lives_elsewhere) return Finding{Check::hanging, "组织关系在本支部，本人在外地固定居住或工作已满6个月"};
  if (!f.dues_months || *f.dues_months < kDuesMonths) return std::nullopt;
  if (months_between(f.member_since, today) < kHangingMonths) return std::nullopt;
  if (within(f.last_life, kHangingMonths, today)) return std::nullopt;
  return Finding{Check::hanging, "连续" + std::to_string(*f.dues_months) + "个月未交纳党费，近6个月未参加组织生活" +
                                     (f.last_life ? "（最近一次：" + day(*f.last_life) + "）" : "")};
}

std::optional<Finding> removal_due(std::int64_t stopped_on, std::int64_t today) {
  if (add_months(stopped_on, kStoppedYears * 12) > today) return std::nullopt;
  return Finding{Check::removal_due, "自" + day(stopped_on) + "停止党籍已满2年，仍未取得联系，建议除名"};
}

std::optional<Finding> transfer_unconfirmed(std::int64_t started_day, std::int64_t today, std::int64_t confirm_days) {
  if (today - started_day < confirm_days) return std::nullopt;
  return Finding{Check::transfer_unconfirmed, day(started_day) + "发起的组织关系转接已" +
                                                  std::to_string(today - started_day) + "天未确认（县里规定" +
                                                  std::to_string(confirm_days) + "天）"};
}

std::string refusal_rule() {
  return "拒绝接收须写明理由，无正当理由不得拒绝接收（依据：" + std::string(kEducationRegs) + "）";
}

bool may_move(std::string_view status) { return status == "full" || status == "probationary"; }

// ---- 处置 ----

namespace {
constexpr std::array<core::Named<Outcome>, 4> kOutcomes = {{{Outcome::corrected, "corrected", "已改正"},
                                                            {Outcome::advised_leave, "advised_leave", "劝退"},
                                                            {Outcome::removed, "removed", "除名"},
                                                            {Outcome::stopped, "stopped", "停止党籍"}}};
}  // namespace

std::optional<Outcome> parse_outcome(std::string_view code) { return core::parse_named(kOutcomes, code); }
std::string_view outcome_code(Outcome o) { return core::row_of(kOutcomes, o).name; }
std::string_view outcome_label(Outcome o) { return core::row_of(kOutcomes, o).label; }

std::optional<std::string_view> status_after(Outcome o) {
  switch (o) {
    case Outcome::corrected: return std::nullopt;
    case Outcome::advised_leave: return "left";
    case Outcome::removed: return "removed";
    case Outcome::stopped: return "stopped";
  }
  return std::nullopt;
}

bool needs_approval(Outcome o) { return o != Outcome::corrected; }

std::string outcome_source(Outcome o) {
  switch (o) {
    case Outcome::corrected: return std::string(kDisposalRegs) + "（限期改正，经教育确已改正的，支部作出结论）";
    case Outcome::advised_leave:
      return std::string(kDisposalRegs) +
             "（限期改正期满仍无转变的，予以劝退；经支部党员大会讨论决定，报上级党组织批准）";
    case Outcome::removed:
      return std::string(kDisposalRegs) +
             "（劝而不退或限期改正期满仍无转变的，予以除名；经支部党员大会讨论决定，报上级党组织批准）";
    case Outcome::stopped:
      return std::string(kEducationRegs) + "（失去联系超过6个月、查找不到的，停止党籍；报上级党组织批准）";
  }
  return {};
}

std::optional<std::string> outcome_refusal(const CaseFacts& f, Outcome o, std::int64_t today) {
  if (f.kind == "unqualified") {
    if (o == Outcome::stopped) return "停止党籍适用于失去联系的党员，不适用于不合格党员处置";
    if (o != Outcome::corrected && f.correct_by && today <= *f.correct_by) {
      return "限期改正期限（" + day(*f.correct_by) + "）未满，不能劝退或除名（依据：" + std::string(kDisposalRegs) +
             "，先教育、限期改正）";
    }
    return std::nullopt;
  }
  // 失联: stop after more than 6 months untraceable; remove 2 years after stopping.
  if (o == Outcome::corrected || o == Outcome::advised_leave) {
    return "失联党员的处置为停止党籍或除名（依据：" + std::string(kEducationRegs) + "）";
  }
  if (o == Outcome::stopped) {
    if (f.stopped_on) return "已停止党籍";
    if (!f.untraceable || add_months(*f.untraceable, kUntraceableMonths) >= today) {
      return "失去联系须超过6个月、查找不到，才能停止党籍（依据：" + std::string(kEducationRegs) + "）";
    }
    return std::nullopt;
  }
  if (!f.stopped_on || add_months(*f.stopped_on, kStoppedYears * 12) > today) {
    return "停止党籍满2年仍未取得联系的，才能除名（依据：" + std::string(kEducationRegs) + "）";
  }
  return std::nullopt;
}

}  // namespace jiceng::relations
