#include "appeals/rules.hpp"

#include <algorithm>

#include "core/names.hpp"

namespace jiceng::appeals {
namespace {

constexpr std::array<core::Named<Status>, 9> kStatuses = {{
    {Status::submitted, "submitted", "待受理"},
    {Status::accepted, "accepted", "已受理"},
    {Status::in_progress, "in_progress", "办理中"},
    {Status::resolved, "resolved", "已办结"},
    {Status::called_back, "called_back", "已回访"},
    {Status::closed, "closed", "已关闭"},
    {Status::rejected, "rejected", "不予受理"},
    {Status::merged, "merged", "已合并"},
    {Status::reopened, "reopened", "重新办理"},
}};

struct ActionInfo {
  Action value;
  std::string_view name;
  std::string_view label;
  int min_level;  // the lowest handling level allowed to take it
};
constexpr std::array<ActionInfo, 10> kActions = {{
    {Action::accept, "accept", "受理", kGridLevel},
    {Action::start, "start", "开始办理", kGridLevel},
    {Action::resolve, "resolve", "办结", kGridLevel},
    {Action::reject, "reject", "不予受理", kCommunityLevel},
    {Action::escalate, "escalate", "上报", kGridLevel},
    {Action::callback, "callback", "回访", kCommunityLevel},
    {Action::close, "close", "关闭", kCommunityLevel},
    {Action::reopen, "reopen", "重新办理", kCommunityLevel},
    {Action::merge, "merge", "合并", kCommunityLevel},
    // 分解交办 (seed 002): the community breaks the work down and assigns it to its grids.
    {Action::dispatch, "dispatch", "派单", kCommunityLevel},
}};

constexpr std::array<core::Named<Satisfaction>, 3> kSatisfactions = {{{Satisfaction::satisfied, "satisfied"},
                                                                      {Satisfaction::basic, "basic"},
                                                                      {Satisfaction::dissatisfied, "dissatisfied"}}};
constexpr std::array<core::Named<Urgency>, kUrgencies> kUrgencyNames = {{{Urgency::emergency, "emergency"},
                                                                         {Urgency::utilities, "utilities"},
                                                                         {Urgency::general, "general"},
                                                                         {Urgency::complex, "complex"},
                                                                         {Urgency::dispute, "dispute"}}};
constexpr std::array<core::Named<LimitUnit>, 3> kLimitUnits = {{{LimitUnit::minutes, "minutes"},
                                                                {LimitUnit::working_days, "working_days"},
                                                                {LimitUnit::calendar_days, "calendar_days"}}};

constexpr std::array<LimitRule, kUrgencies> kLimits = {{
    {Urgency::emergency, LimitUnit::minutes, 120, {30, 30, 30, 30}},
    {Urgency::utilities, LimitUnit::minutes, 1440, {360, 360, 360, 360}},
    {Urgency::general, LimitUnit::working_days, 7, {1, 2, 2, 2}},
    {Urgency::complex, LimitUnit::working_days, 15, {3, 4, 4, 4}},
    // 四级七天 (seed 002): grid, community, street or town, county, settled within seven days in all.
    {Urgency::dispute, LimitUnit::calendar_days, 7, {1, 2, 2, 2}},
}};
constexpr std::int64_t kDay = 24 * 3600;
constexpr int kMaxLimitDays = 60;

constexpr std::int64_t kMinute = 60;

}  // namespace

std::optional<Status> parse_status(std::string_view s) { return core::parse_named(kStatuses, s); }
std::string_view status_name(Status s) { return core::row_of(kStatuses, s).name; }
std::string_view status_label(Status s) { return core::row_of(kStatuses, s).label; }

std::optional<Action> parse_action(std::string_view s) { return core::parse_named(kActions, s); }
std::string_view action_name(Action a) { return core::row_of(kActions, a).name; }
std::string_view action_label(Action a) { return core::row_of(kActions, a).label; }

std::optional<Satisfaction> parse_satisfaction(std::string_view s) { return core::parse_named(kSatisfactions, s); }
std::string_view satisfaction_name(Satisfaction s) { return core::row_of(kSatisfactions, s).name; }

std::optional<Urgency> parse_urgency(std::string_view s) { return core::parse_named(kUrgencyNames, s); }
std::string_view urgency_name(Urgency u) { return core::row_of(kUrgencyNames, u).name; }

std::optional<LimitUnit> parse_limit_unit(std::string_view s) { return core::parse_named(kLimitUnits, s); }
std::string_view limit_unit_name(LimitUnit u) { return core::row_of(kLimitUnits, u).name; }

Urgency urgency_for(Urgency category_urgency, bool is_dispute) {
  return is_dispute && category_urgency != Urgency::emergency ? Urgency::dispute : category_urgency;
}

bool is_open(Status s) {
  return s == Status::submitted || s == Status::accepted || s == Status::in_progress || s == Status::reopened;
}

const std::string& open_statuses_sql() {
  static const std::string sql = [] {
    std::string out;
    for (const auto& i : kStatuses) {
      if (is_open(i.value)) out += std::string(out.empty() ? "(" : ", ") + "'" + std::string(i.name) + "'";
    }
    return out + ")";
  }();
  return sql;
}

const LimitRule& limit_rule(Urgency u) { return kLimits[static_cast<std::size_t>(u)]; }

namespace {
std::int64_t after(const Calendar& cal, LimitUnit unit, std::int64_t from, int n) {
  switch (unit) {
    case LimitUnit::working_days: return cal.add_working_days(from, n);
    case LimitUnit::calendar_days: return from + n * kDay;
    case LimitUnit::minutes: break;
  }
  return from + n * kMinute;
}
}  // namespace

std::optional<std::string> limit_problem(const LimitRule& r) {
  if (r.total <= 0) return "总时限应大于 0";
  int sum = 0;
  for (int s : r.slices) {
    if (s <= 0) return "每一级的时限都应大于 0";
    sum += s;
  }
  if (sum != r.total) return "四级时限之和应等于总时限";
  if (r.unit == LimitUnit::minutes ? r.total > kMaxLimitDays * 24 * 60 : r.total > kMaxLimitDays) return "总时限过长";
  return std::nullopt;
}

std::int64_t overall_deadline(const Calendar& cal, Urgency u, std::int64_t from) {
  return overall_deadline(cal, limit_rule(u), from);
}

std::int64_t overall_deadline(const Calendar& cal, const LimitRule& r, std::int64_t from) {
  return after(cal, r.unit, from, r.total);
}

std::int64_t level_deadline(const Calendar& cal, Urgency u, int level, std::int64_t from, std::int64_t overall) {
  return level_deadline(cal, limit_rule(u), level, from, overall);
}

std::int64_t level_deadline(const Calendar& cal, const LimitRule& r, int level, std::int64_t from,
                            std::int64_t overall) {
  const int slice = r.slices[static_cast<std::size_t>(std::clamp(level, kGridLevel, kCountyLevel) - 1)];
  const std::int64_t end = after(cal, r.unit, from, slice);
  // The county holds what is left of the limit whatever the slices say.
  if (level >= kCountyLevel) return std::max(end, overall);
  return std::min(end, overall);
}

std::int64_t warn_at(std::int64_t start, std::int64_t deadline) {
  return start + static_cast<std::int64_t>(static_cast<double>(deadline - start) * kWarnShare);
}

int role_level(core::Role r) {
  switch (r) {
    case core::Role::grid_staff: return kGridLevel;
    case core::Role::community_secretary: return kCommunityLevel;
    case core::Role::street_officer: return kStreetLevel;
    case core::Role::org_dept:
    case core::Role::department: return kCountyLevel;
    default: return 0;
  }
}

std::optional<Status> next_status(Status from, Action a, std::optional<Satisfaction> s) {
  switch (a) {
    case Action::accept:
      if (from == Status::submitted) return Status::accepted;
      break;
    case Action::start:
      if (from == Status::accepted || from == Status::reopened) return Status::in_progress;
      break;
    case Action::resolve:
      if (from == Status::accepted || from == Status::in_progress) return Status::resolved;
      break;
    case Action::reject:
    case Action::merge:
      if (from == Status::submitted || from == Status::accepted)
        return a == Action::reject ? Status::rejected : Status::merged;
      break;
    case Action::escalate:
      if (is_open(from)) return from;
      break;
    case Action::dispatch:
      // Sending an appeal down to a grid or community: it waits there to be accepted afresh.
      if (from == Status::submitted || from == Status::accepted || from == Status::reopened) return Status::submitted;
      break;
    case Action::callback:
      if (from == Status::resolved && s)
        return *s == Satisfaction::dissatisfied ? Status::reopened : Status::called_back;
      break;
    case Action::close:
      if (from == Status::called_back) return Status::closed;
      break;
    case Action::reopen:
      if (from == Status::called_back || from == Status::closed || from == Status::resolved) return Status::reopened;
      break;
  }
  return std::nullopt;
}

bool may(int role_lvl, int level, Action a) {
  if (role_lvl <= 0) return false;
  const auto& info = kActions[static_cast<std::size_t>(a)];
  if (role_lvl < info.min_level) return false;
  // Work is done where the appeal is held or above it; nobody below may touch what went up.
  if (role_lvl < level) return false;
  if (a == Action::escalate) return level < kCountyLevel;
  return true;
}

std::vector<Action> available_actions(Status s, int level, int role_lvl) {
  std::vector<Action> out;
  for (const auto& i : kActions) {
    if (!may(role_lvl, level, i.value)) continue;
    // A callback needs an answer to know where it leads; offer it whenever one is possible.
    const auto probe = i.value == Action::callback ? std::optional(Satisfaction::satisfied) : std::nullopt;
    if (next_status(s, i.value, probe)) out.push_back(i.value);
  }
  return out;
}

std::optional<MediationStep> parse_mediation_step(std::string_view s) {
  if (s == "emotion") return MediationStep::emotion;
  if (s == "reason") return MediationStep::reason;
  if (s == "law") return MediationStep::law;
  if (s == "litigation") return MediationStep::litigation;
  return std::nullopt;
}

std::string_view mediation_step_name(MediationStep s) {
  switch (s) {
    case MediationStep::emotion: return "emotion";
    case MediationStep::reason: return "reason";
    case MediationStep::law: return "law";
    case MediationStep::litigation: return "litigation";
  }
  return "emotion";
}

std::string_view mediation_step_label(MediationStep s) {
  switch (s) {
    case MediationStep::emotion: return "以情调解";
    case MediationStep::reason: return "以理调解";
    case MediationStep::law: return "以法调解";
    case MediationStep::litigation: return "引导诉讼";
  }
  return "";
}

std::optional<std::string> mediation_problem(std::optional<MediationStep> from, MediationStep to,
                                             std::string_view outcome, bool has_agreement) {
  if (from && static_cast<int>(to) < static_cast<int>(*from)) return "调解只能按 情、理、法、诉 向前推进";
  if (outcome != "pending" && outcome != "agreed" && outcome != "referred" && outcome != "withdrawn") {
    return "调解结果应为 进行中、达成协议、引导诉讼、撤回 之一";
  }
  if (outcome == "agreed" && !has_agreement) return "达成协议时请填写协议内容";
  if (outcome == "agreed" && to == MediationStep::litigation) return "已引导诉讼的纠纷不能记为调解达成协议";
  if (outcome == "referred" && to != MediationStep::litigation) return "引导诉讼须在“诉”这一步";
  return std::nullopt;
}

}  // namespace jiceng::appeals
