#pragma once
// Developing members (发展党员) as pure rules: the five stages, the steps that move a person along
// them, what each step must satisfy (with the regulation behind it, and whether it is central — a
// refusal — or the county's practice, which may be overridden with a reason), the deadlines a
// person's file runs against, and when they are warned about. No I/O: days are day numbers
// (core/dates.hpp) the caller reads from its clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::pipeline {

// ---- Stages and steps ----

// applicant 入党申请人 → activist 入党积极分子 → candidate 发展对象 → probationary 预备党员 → full
// 正式党员; cancelled: the probation was cancelled (取消预备党员资格), kept on record.
enum class Stage { applicant, activist, candidate, probationary, full, cancelled };
std::string_view stage_name(Stage s);
std::string_view stage_label(Stage s);  // zh-CN
std::optional<Stage> parse_stage(std::string_view s);

// The steps a file records, in the order a person usually meets them.
enum class Step {
  apply,             // 递交入党申请书 (creates the file)
  talk,              // 党组织派人谈话
  activist,          // 支委会确定为入党积极分子，指定培养联系人
  review,            // 党支部每半年考察一次
  candidate,         // 支委会确定为发展对象
  filing,            // 报上级党委备案
  political_review,  // 政治审查
  training,          // 集中培训
  introducers,       // 确定入党介绍人
  publicity,         // [local] 公示
  vote,              // 支部党员大会讨论表决
  approval,          // 上级党委派人谈话并审批
  full,              // 预备期满转为正式党员
  extend,            // 延长预备期
  cancel             // 取消预备党员资格
};
std::string_view step_name(Step s);
std::string_view step_label(Step s);  // zh-CN
std::optional<Step> parse_step(std::string_view s);

// ---- Rules ----

struct Rule final {
  std::string_view code;    // "candidate_after_year"
  std::string_view text;    // what it says, in the secretary's words
  std::string_view source;  // the regulation (no article number where PARTY-RULES.md gives none)
  bool central = true;      // false: county practice, editable and overridable with a reason
};
// Every rule the module applies, central ones first.
const std::vector<Rule>& rules();
// The rule with `code`; an unknown code is a programming error (aborts in tests, throws).
const Rule& rule(std::string_view code);

// The rules a step satisfies, recorded with it ("the rule it satisfies").
std::vector<std::string_view> rules_for(Step s);

// A step that would break a rule: which one, and the particulars ("确定为积极分子仅11个月").
struct Breach final {
  std::string code;
  std::string message;  // particulars + "；" + the rule's text + "（依据：" + source + "）"
  std::string source;
  bool central = true;
};

// ---- Calendar ----

// The same day `months` later (or earlier); the 31st becomes the month's last day.
std::int64_t add_months(std::int64_t day, int months);
// Whole months from one day to a later one (the same day of the month reached).
std::int64_t months_between(std::int64_t from, std::int64_t to);
// Full years between a birth date and a day.
int age_on(std::int64_t birth_day, std::int64_t day);
// Monday to Friday between two days, both counted (the county's 公示 counts working days; public
// holidays are the county's to add to the period, which the period's own dates then show).
int working_days(std::int64_t from, std::int64_t to);

// ---- A person's file as the rules see it ----

struct File final {
  Stage stage = Stage::applicant;
  std::int64_t birth_day = 0;
  std::int64_t applied_on = 0;
  std::optional<std::int64_t> talked_on, activist_on, last_review_on, candidate_on, filed_on, political_review_on,
      training_on, publicity_from, publicity_to, voted_on, approved_on, extended_to, full_on;
  std::int64_t contacts = 0, introducers = 0;
  bool joint_review_passed = false;
};

// The county's settings in force ([local], dated; see the service's settings).
struct Local final {
  std::int64_t publicity_working_days = 5;          // 公示不少于5个工作日
  std::int64_t political_review_valid_months = 12;  // 政审结论有效期1年
  std::int64_t joint_review_required = 1;           // 发展对象经县级联审
  std::int64_t warn_first_days = 30, warn_second_days = 7;
};

// What a step proposes, as the rules check it.
struct Proposal final {
  Step step = Step::talk;
  std::int64_t on = 0;  // the day the step happened
  std::int64_t contacts = 0, full_contacts = 0;
  std::int64_t introducers = 0, full_introducers = 0;
  std::int64_t training_days = 0, training_hours = 0;
  std::int64_t publicity_to = 0;
  std::int64_t due = 0, ayes = 0;  // a vote: full members due to attend, ayes
  bool special = false;            // an approval past 3 months states its special case
  std::int64_t months = 0;         // an extension
  bool over_quota = false;         // the county's quota for the year is used up
};

// The stage a step needs the file to be at; nullopt when it may come at any open stage.
std::vector<Stage> stages_for(Step s);
// Why the step cannot be taken on the file as it stands (its stage, a talk already had, a vote
// waiting for approval), or nullopt: the refusal (409) and the file's next steps both ask this.
std::optional<std::string> step_refusal(const File& f, Step step);
// The breaches of a step on a file, central first; empty when it may be recorded. `today` bounds
// the dates (nothing recorded in the future).
std::vector<Breach> check(const File& f, const Proposal& p, const Local& local, std::int64_t today);
// The file after a step (dates set, stage moved on).
File apply_step(File f, const Proposal& p);

// The branch general meeting's vote passes only if the ayes exceed half of the full members due
// to attend (支部工作条例第十一条; 发展党员工作细则).
bool vote_passes(std::int64_t due, std::int64_t ayes);
bool training_enough(std::int64_t days, std::int64_t hours);
// The day probation ends: a year from the branch meeting, or the extension's end.
std::optional<std::int64_t> probation_end(const File& f);

// ---- Deadlines and warnings ----

struct Deadline final {
  std::string code;   // the rule's code
  std::string label;  // "入党申请人谈话"
  std::int64_t due_on = 0;
  std::string source;
  bool central = true;
};
// What the file runs against now, soonest first.
std::vector<Deadline> deadlines(const File& f, const Local& local);

enum class Alert { none, ahead, close, missed };  // ahead: within the first warning, close: the second
std::string_view alert_name(Alert a);
Alert alert_of(std::int64_t due_on, std::int64_t today, const Local& local);
// "【即将到期】张三：入党申请人谈话应于2026-12-01前完成，还有7天；依据：…" — dated, so it stays true.
std::string alert_message(const std::string& name, const Deadline& d, Alert a, std::int64_t today);

}  // namespace jiceng::pipeline
