#include "pipeline/rules.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/dates.hpp"
#include "core/names.hpp"

namespace jiceng::pipeline {
namespace {

constexpr int kMonthsPerYear = 12;
constexpr int kDaysPerWeek = 7;
constexpr std::int64_t kAdultAge = 18;
constexpr std::int64_t kMinTrainingDays = 3, kMinTrainingHours = 24;
constexpr int kTalkMonths = 1, kReviewMonths = 6, kActivistMonths = 12, kProbationMonths = 12;
constexpr int kApprovalMonths = 3, kApprovalMaxMonths = 6;
constexpr std::int64_t kMinExtension = 6, kMaxExtension = 12;

using core::day_from;
using core::ymd_of;

struct Named final {
  std::string_view name, label;
};
constexpr std::array<Named, 6> kStages = {{{"applicant", "入党申请人"},
                                           {"activist", "入党积极分子"},
                                           {"candidate", "发展对象"},
                                           {"probationary", "预备党员"},
                                           {"full", "正式党员"},
                                           {"cancelled", "已取消预备党员资格"}}};
constexpr std::array<Named, 15> kSteps = {{{"apply", "递交入党申请书"},
                                           {"talk", "党组织派人谈话"},
                                           {"activist", "确定为入党积极分子"},
                                           {"review", "半年考察"},
                                           {"candidate", "确定为发展对象"},
                                           {"filing", "报上级党委备案"},
                                           {"political_review", "政治审查"},
                                           {"training", "集中培训"},
                                           {"introducers", "确定入党介绍人"},
                                           {"publicity", "公示"},
                                           {"vote", "支部党员大会表决"},
                                           {"approval", "上级党委谈话并审批"},
                                           {"full", "转为正式党员"},
                                           {"extend", "延长预备期"},
                                           {"cancel", "取消预备党员资格"}}};

constexpr char kDetail[] = "《中国共产党发展党员工作细则》";
constexpr char kBranch[] = "《中国共产党支部工作条例（试行）》第十一条；《中国共产党发展党员工作细则》";
constexpr char kCounty[] = "县委组织部设定（县级常见做法，可在县级设置中修改）";

Breach breach(std::string_view code, const std::string& particulars) {
  const auto& r = rule(code);
  return Breach{std::string(r.code), particulars + "。" + std::string(r.text) + "；依据：" + std::string(r.source),
                std::string(r.source), r.central};
}

std::string n(std::int64_t v) { return std::to_string(v); }
std::string day(std::int64_t d) { return core::format_day(d); }

void check_candidate_stage(const File& f, const Proposal& p, const Local& local, std::vector<Breach>& out) {
  switch (p.step) {
    case Step::training:
      if (!training_enough(p.training_days, p.training_hours)) {
        out.push_back(breach("training", "培训" + n(p.training_days) + "天、" + n(p.training_hours) + "学时"));
      }
      break;
    case Step::introducers:
      if (p.introducers != 2 || p.full_introducers != 2) {
        out.push_back(breach("introducers_two_full",
                             "介绍人" + n(p.introducers) + "名，其中正式党员" + n(p.full_introducers) + "名"));
      }
      break;
    case Step::publicity:
      if (working_days(p.on, p.publicity_to) < local.publicity_working_days) {
        out.push_back(breach("publicity", "公示" + n(working_days(p.on, p.publicity_to)) + "个工作日，县里要求不少于" +
                                              n(local.publicity_working_days) + "个工作日"));
      }
      break;
    default: break;
  }
}

void check_vote(const File& f, const Proposal& p, const Local& local, std::vector<Breach>& out) {
  if (!f.filed_on) out.push_back(breach("filing", "尚未报上级党委备案"));
  if (!f.political_review_on) out.push_back(breach("political_review", "尚未进行政治审查"));
  if (!f.training_on) out.push_back(breach("training", "尚未参加集中培训"));
  if (f.introducers != 2) out.push_back(breach("introducers_two_full", "尚未确定两名入党介绍人"));
  if (!vote_passes(p.due, p.ayes)) {
    out.push_back(
        breach("vote_majority", "应到会有表决权的正式党员" + n(p.due) + "名，赞成" + n(p.ayes) + "票，未超过半数"));
  }
  // The county's practice, which the branch may override with a reason.
  if (f.political_review_on &&
      add_months(*f.political_review_on, static_cast<int>(local.political_review_valid_months)) <= p.on) {
    out.push_back(breach("political_review_valid", "政审于" + day(*f.political_review_on) + "完成，已超过" +
                                                       n(local.political_review_valid_months) + "个月"));
  }
  if (local.publicity_working_days > 0 && (!f.publicity_to || *f.publicity_to >= p.on)) {
    out.push_back(breach("publicity", f.publicity_to ? "公示期至" + day(*f.publicity_to) + "，尚未结束" : "尚未公示"));
  }
  if (local.joint_review_required != 0 && !f.joint_review_passed) {
    out.push_back(breach("joint_review", "尚未经县级联审通过"));
  }
  if (p.over_quota) out.push_back(breach("quota", "本年度发展党员指标已用完"));
}

}  // namespace

// data table
const std::vector<Rule>& rules() {
  static const std::vector<Rule> all = {
      {"age_18", "入党申请人应年满十八岁", kDetail, true},
      {"talk_one_month", "党组织应当在收到入党申请书后一个月内派人同入党申请人谈话", kDetail, true},
      {"talk_first", "入党积极分子从经过谈话的入党申请人中确定", kDetail, true},
      {"activist_by_committee", "入党积极分子由支部委员会（不设支部委员会的由支部大会）研究确定", kDetail, true},
      {"contacts_one_or_two", "党组织应当指定一至两名正式党员作入党积极分子的培养联系人", kDetail, true},
      {"review_six_months", "党支部每半年对入党积极分子进行一次考察", kDetail, true},
      {"candidate_after_year", "经过一年以上培养教育和考察的入党积极分子，方可确定为发展对象", kDetail, true},
      {"candidate_by_committee", "发展对象由支部委员会（不设支部委员会的由支部大会）讨论同意", kDetail, true},
      {"filing", "确定发展对象后报上级党委备案", kDetail, true},
      {"political_review", "对发展对象进行政治审查，未经政治审查或政治审查不合格的不能发展入党", kDetail, true},
      {"training", "发展对象应参加集中培训，时间一般不少于3天（或不少于24个学时）", kDetail, true},
      {"introducers_two_full", "发展对象应有两名正式党员作入党介绍人", kDetail, true},
      {"vote_majority", "支部党员大会表决，赞成人数超过应到会有表决权的正式党员的半数，才能通过接收预备党员的决议",
       kBranch, true},
      {"approval_three_months", "上级党委应当在三个月内审批，并派人同发展对象谈话；超过三个月须说明特殊情况", kDetail,
       true},
      {"approval_six_months", "上级党委审批特殊情况下可适当延长，但不得超过六个月", kDetail, true},
      {"probation_year", "预备期为一年，从支部大会通过其为预备党员之日算起；预备期满方可讨论转正", kDetail, true},
      {"extension_once", "预备期可以延长一次，时间不能少于半年，最长不超过一年", kDetail, true},
      {"publicity", "发展对象确定后、接收预备党员前应当公示，公示期不少于县里规定的工作日数", kCounty, false},
      {"political_review_valid", "政治审查结论在县里规定的有效期内方可使用", kCounty, false},
      {"joint_review", "发展对象经县级联审通过后方可提交支部党员大会表决", kCounty, false},
      {"quota", "发展党员数量在县委组织部下达的年度指标内（指标单列）", kCounty, false},
  };
  return all;
}

const Rule& rule(std::string_view code) {
  for (const auto& r : rules()) {
    if (r.code == code) return r;
  }
  throw std::logic_error("unknown pipeline rule");
}

std::vector<std::string_view> rules_for(Step s) {
  switch (s) {
    case Step::apply: return {"age_18"};
    case Step::talk: return {"talk_one_month"};
    case Step::activist: return {"activist_by_committee", "contacts_one_or_two"};
    case Step::review: return {"review_six_months"};
    case Step::candidate: return {"candidate_after_year", "candidate_by_committee"};
    case Step::filing: return {"filing"};
    case Step::political_review: return {"political_review"};
    case Step::training: return {"training"};
    case Step::introducers: return {"introducers_two_full"};
    case Step::publicity: return {"publicity"};
    case Step::vote: return {"vote_majority"};
    case Step::approval: return {"approval_three_months", "approval_six_months"};
    case Step::full:
    case Step::cancel: return {"probation_year"};
    case Step::extend: return {"extension_once"};
  }
  return {};
}

std::string_view stage_name(Stage s) { return kStages[static_cast<std::size_t>(s)].name; }
std::string_view stage_label(Stage s) { return kStages[static_cast<std::size_t>(s)].label; }
std::optional<Stage> parse_stage(std::string_view s) { return core::parse_indexed<Stage>(kStages, s); }
std::string_view step_name(Step s) { return kSteps[static_cast<std::size_t>(s)].name; }
std::string_view step_label(Step s) { return kSteps[static_cast<std::size_t>(s)].label; }
std::optional<Step> parse_step(std::string_view s) { return core::parse_indexed<Step>(kSteps, s); }

std::int64_t add_months(std::int64_t d, int months) {
  const auto x = ymd_of(d);
  const int total = x.y * kMonthsPerYear + (x.m - 1) + months;
  const int y = total / kMonthsPerYear, m = total % kMonthsPerYear + 1;
  for (int dd = x.d; dd >= 28; --dd) {
    if (const auto out = day_from(y, m, dd); out != core::kBadDay) return out;
  }
  return day_from(y, m, x.d);
}

std::int64_t months_between(std::int64_t from, std::int64_t to) {
  std::int64_t m = 0;
  while (add_months(from, static_cast<int>(m + 1)) <= to) ++m;
  return m;
}

int age_on(std::int64_t birth_day, std::int64_t d) {
  const auto b = ymd_of(birth_day), t = ymd_of(d);
  int age = t.y - b.y;
  if (t.m < b.m || (t.m == b.m && t.d < b.d)) --age;
  return age;
}

int working_days(std::int64_t from, std::int64_t to) {
  int count = 0;
  for (auto d = from; d <= to; ++d) {
    // Day 0 (1970-01-01) was a Thursday: (d + 3) % 7 is 0 on Mondays.
    const auto weekday = ((d + 3) % kDaysPerWeek + kDaysPerWeek) % kDaysPerWeek;
    if (weekday < 5) ++count;
  }
  return count;
}

bool vote_passes(std::int64_t due, std::int64_t ayes) { return due > 0 && ayes * 2 > due; }

bool training_enough(std::int64_t days, std::int64_t hours) {
  return days >= kMinTrainingDays || hours >= kMinTrainingHours;
}

std::optional<std::int64_t> probation_end(const File& f) {
  if (f.extended_to) return f.extended_to;
  if (!f.voted_on) return std::nullopt;
  return add_months(*f.voted_on, kProbationMonths);
}

std::vector<Stage> stages_for(Step s) {
  switch (s) {
    case Step::apply: return {};
    case Step::talk: return {Stage::applicant};
    case Step::activist: return {Stage::applicant};
    case Step::review: return {Stage::activist};
    case Step::candidate: return {Stage::activist};
    case Step::filing:
    case Step::political_review:
    case Step::training:
    case Step::introducers:
    case Step::publicity:
    case Step::vote:
    case Step::approval: return {Stage::candidate};
    case Step::full:
    case Step::extend:
    case Step::cancel: return {Stage::probationary};
  }
  return {};
}

std::vector<Breach> check(const File& f, const Proposal& p, const Local& local, std::int64_t today) {
  std::vector<Breach> out;
  switch (p.step) {
    case Step::apply:
      if (age_on(f.birth_day, p.on) < kAdultAge) {
        out.push_back(breach("age_18", "申请时未满十八周岁（" + n(age_on(f.birth_day, p.on)) + "岁）"));
      }
      break;
    case Step::activist:
      if (!f.talked_on) out.push_back(breach("talk_first", "尚未登记谈话"));
      if (p.contacts < 1 || p.contacts > 2 || p.full_contacts != p.contacts) {
        out.push_back(breach("contacts_one_or_two",
                             "培养联系人" + n(p.contacts) + "名，其中正式党员" + n(p.full_contacts) + "名"));
      }
      break;
    case Step::candidate:
      if (f.activist_on && p.on < add_months(*f.activist_on, kActivistMonths)) {
        out.push_back(breach("candidate_after_year", "确定为入党积极分子仅" + n(months_between(*f.activist_on, p.on)) +
                                                         "个月（" + day(add_months(*f.activist_on, kActivistMonths)) +
                                                         "起满一年）"));
      }
      break;
    case Step::vote: check_vote(f, p, local, out); break;
    case Step::approval:
      if (f.voted_on && p.on > add_months(*f.voted_on, kApprovalMaxMonths)) {
        out.push_back(breach("approval_six_months", "支部大会于" + day(*f.voted_on) + "通过，已超过六个月"));
      } else if (f.voted_on && p.on > add_months(*f.voted_on, kApprovalMonths) && !p.special) {
        out.push_back(breach("approval_three_months", "支部大会于" + day(*f.voted_on) + "通过，已超过三个月"));
      }
      break;
    case Step::full:
      if (const auto end = probation_end(f); end && p.on < *end) {
        out.push_back(breach("probation_year", "预备期至" + day(*end) + "届满"));
      }
      break;
    case Step::extend:
      if (f.extended_to) out.push_back(breach("extension_once", "预备期已延长过一次"));
      if (p.months < kMinExtension || p.months > kMaxExtension) {
        out.push_back(breach("extension_once", "延长" + n(p.months) + "个月"));
      }
      break;
    default: check_candidate_stage(f, p, local, out); break;
  }
  std::stable_sort(out.begin(), out.end(), [](const Breach& a, const Breach& b) { return a.central > b.central; });
  return out;
}

File apply_step(File f, const Proposal& p) {
  switch (p.step) {
    case Step::apply: f.applied_on = p.on; break;
    case Step::talk: f.talked_on = p.on; break;
    case Step::activist:
      f.activist_on = p.on;
      f.contacts = p.contacts;
      f.stage = Stage::activist;
      break;
    case Step::review: f.last_review_on = p.on; break;
    case Step::candidate:
      f.candidate_on = p.on;
      f.stage = Stage::candidate;
      break;
    case Step::filing: f.filed_on = p.on; break;
    case Step::political_review: f.political_review_on = p.on; break;
    case Step::training: f.training_on = p.on; break;
    case Step::introducers: f.introducers = p.introducers; break;
    case Step::publicity:
      f.publicity_from = p.on;
      f.publicity_to = p.publicity_to;
      break;
    case Step::vote: f.voted_on = p.on; break;
    case Step::approval:
      f.approved_on = p.on;
      f.stage = Stage::probationary;
      break;
    case Step::full:
      f.full_on = p.on;
      f.stage = Stage::full;
      break;
    case Step::extend: f.extended_to = add_months(*probation_end(f), static_cast<int>(p.months)); break;
    case Step::cancel: f.stage = Stage::cancelled; break;
  }
  return f;
}

std::vector<Deadline> deadlines(const File& f, const Local& local) {
  std::vector<Deadline> out;
  const auto add = [&](std::string_view code, const char* label, std::int64_t due) {
    const auto& r = rule(code);
    out.push_back(Deadline{std::string(code), label, due, std::string(r.source), r.central});
  };
  switch (f.stage) {
    case Stage::applicant:
      if (!f.talked_on) add("talk_one_month", "同入党申请人谈话", add_months(f.applied_on, kTalkMonths));
      break;
    case Stage::activist:
      if (f.activist_on) {
        add("review_six_months", "入党积极分子半年考察",
            add_months(f.last_review_on.value_or(*f.activist_on), kReviewMonths));
      }
      break;
    case Stage::candidate:
      if (f.voted_on && !f.approved_on) {
        add("approval_three_months", "上级党委审批（三个月内）", add_months(*f.voted_on, kApprovalMonths));
        add("approval_six_months", "上级党委审批（最长六个月）", add_months(*f.voted_on, kApprovalMaxMonths));
      } else if (!f.voted_on && f.political_review_on) {
        add("political_review_valid", "政审结论有效期",
            add_months(*f.political_review_on, static_cast<int>(local.political_review_valid_months)));
      }
      break;
    case Stage::probationary:
      if (const auto end = probation_end(f)) add("probation_year", "预备期满，讨论转正", *end);
      break;
    default: break;
  }
  std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) { return a.due_on < b.due_on; });
  return out;
}

std::string_view alert_name(Alert a) {
  switch (a) {
    case Alert::none: return "none";
    case Alert::ahead: return "ahead";
    case Alert::close: return "close";
    case Alert::missed: return "missed";
  }
  return "none";
}

Alert alert_of(std::int64_t due_on, std::int64_t today, const Local& local) {
  const auto left = due_on - today;
  if (left < 0) return Alert::missed;
  if (left <= local.warn_second_days) return Alert::close;
  if (left <= local.warn_first_days) return Alert::ahead;
  return Alert::none;
}

std::string alert_message(const std::string& name, const Deadline& d, Alert a, std::int64_t today) {
  const auto basis = "；依据：" + d.source;
  if (a == Alert::missed) {
    return "【已逾期】" + name + "：" + d.label + "应于" + day(d.due_on) + "前完成，截至" + day(today) + "已逾期" +
           n(today - d.due_on) + "天" + basis;
  }
  return "【即将到期】" + name + "：" + d.label + "应于" + day(d.due_on) + "前完成，截至" + day(today) + "还有" +
         n(d.due_on - today) + "天" + basis;
}

std::optional<std::string> step_refusal(const File& f, Step step) {
  const auto stages = stages_for(step);
  if (std::find(stages.begin(), stages.end(), f.stage) == stages.end()) {
    return "当前为" + std::string(stage_label(f.stage)) + "阶段，不能办理“" + std::string(step_label(step)) + "”";
  }
  if (step == Step::talk && f.talked_on) return "已登记谈话";
  if (f.stage == Stage::candidate && f.voted_on && step != Step::approval) return "支部大会已表决，等待上级党委审批";
  if (step == Step::approval && !f.voted_on) return "支部党员大会尚未表决";
  return std::nullopt;
}

}  // namespace jiceng::pipeline
