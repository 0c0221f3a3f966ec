#pragma once
// Weak and lax organisations (软弱涣散党组织) as pure rules: the situations that make one and the
// standards its rectification is evaluated against (as data, with sources), the signals from which
// the server proposes candidates for the county to confirm, and the rectification's life cycle —
// proposed → confirmed → rectifying (one plan per village 一村一策, three rounds of evaluation) →
// lifted → looked back on (回头看) — as a state machine whose refusals are worded in Chinese.
// No I/O: days are day numbers (core/dates.hpp) the caller reads from its clock.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::assessment {

// ---- Situations and standards ----

struct Item final {
  std::string_view code;
  std::string_view text;
  std::string_view source;
  bool signalled = false;  // a situation the server can see in the record (it proposes from it)
};
// Seed 004 counts 12 situations and 8 evaluation standards without listing them; these are the
// forms provincial organisation departments commonly publish, as county defaults.
const std::vector<Item>& situations();
const std::vector<Item>& standards();
const Item* situation(std::string_view code);
const Item* standard(std::string_view code);

// ---- Signals → proposed candidates ----

// What the record says of one organisation for the year (the service gathers it).
struct Record final {
  std::optional<std::int64_t> secretary_vacant_since;  // day the secretary post fell empty; none: filled
  std::optional<std::int64_t> last_candidate_on;       // day the last 发展对象 was chosen
  std::int64_t founded_on = 0;                         // an organisation younger than the window is not blamed
  std::int64_t life_met = 0, life_due = 0;             // organisation-life duties in the year
  std::int64_t appeals_overdue = 0, appeals_received = 0;
  std::int64_t appeals_satisfied = 0, appeals_rated = 0;
  std::int64_t rank = 0, ranked = 0;  // place in the county's yearly assessment (1: best); 0: not ranked
};

// [local] The county's lines, as dated settings (rules.hpp's setting_keys, "weak_…").
struct WeakLines final {
  std::int64_t secretary_vacant_months = 3;
  std::int64_t no_candidate_years = 2;
  std::int64_t life_min_pct = 50;
  std::int64_t appeals_overdue_min = 3;
  std::int64_t satisfaction_min_pct = 60;
  std::int64_t bottom_pct = 5;
  std::int64_t look_back_months = 6;
};
WeakLines weak_lines_from(const std::map<std::string, std::int64_t>& in_force);

struct Signal final {
  std::string situation;  // the situation's code
  std::string text;       // "党组织书记自2026-05-01空缺，已超过3个月"
  std::string source;     // where the figure comes from and the county's line it crossed
  std::string line;       // that line's setting key ("weak_secretary_vacant_months")
};
// The signals of one organisation on `today`; a non-empty list proposes it as a candidate.
std::vector<Signal> signals(const Record& r, const WeakLines& lines, std::int64_t today);
// How many of `ranked` organisations count as the bottom of the assessment: the county's share,
// at least one, none when the county sets the share to 0.
std::int64_t bottom_count(std::int64_t ranked, const WeakLines& lines);

// ---- Rectification (整顿) ----

enum class Stage { proposed, dismissed, confirmed, rectifying, lifted, closed };
std::string_view stage_name(Stage s);
std::string_view stage_label(Stage s);  // zh-CN
std::optional<Stage> parse_stage(std::string_view s);

constexpr int kRounds = 3;  // seed 004: 三轮评估验收

struct Round final {
  std::int64_t on = 0;
  std::vector<std::string> unmet;  // standards' codes not met; empty: the round passed
  bool passed() const { return unmet.empty(); }
};

// One organisation's case as the rules see it.
struct Case final {
  Stage stage = Stage::proposed;
  std::int64_t year = 0;
  bool has_leader = false;  // the plan names a leader (工委领导任组长)
  std::int64_t tasks = 0, open_tasks = 0;
  std::vector<Round> rounds;  // this rectification's evaluations, oldest first
  std::optional<std::int64_t> confirmed_on, started_on, lifted_on, looked_back_on;
};

enum class Action { confirm, dismiss, start, evaluate, lift, look_back };
std::string_view action_name(Action a);
std::string_view action_label(Action a);
std::optional<Action> parse_action(std::string_view s);

struct Step final {
  Action action = Action::confirm;
  std::int64_t on = 0;
  std::string reason;              // dismiss: why the county does not confirm
  std::vector<std::string> unmet;  // evaluate: the standards not met
  bool relapsed = false;           // look_back: the look-back found it weak again
};

// Why the step may not be taken on the case (409 in the API), or nullopt.
std::optional<std::string> refusal(const Case& c, const Step& s, const WeakLines& lines);
// The case after a step that refusal() allowed.
Case apply(Case c, const Step& s);
// The day the look-back falls due, once lifted.
std::optional<std::int64_t> look_back_due(const Case& c, const WeakLines& lines);

}  // namespace jiceng::assessment
