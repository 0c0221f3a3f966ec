#pragma once
// The closed loop of an appeal as pure rules: its states and who may move it, its time limits on
// the working-day calendar, and the four-level escalation within the limit ("四级七天").
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appeals/calendar.hpp"
#include "auth/roles.hpp"

namespace jiceng::appeals {

enum class Status { submitted, accepted, in_progress, resolved, called_back, closed, rejected, merged, reopened };
enum class Action { accept, start, resolve, reject, escalate, callback, close, reopen, merge, dispatch };
enum class Satisfaction { satisfied, basic, dissatisfied };
// `dispute` is not a grade of urgency but the rule of disputes (矛盾纠纷): 四级七天, whatever the grade.
enum class Urgency { emergency, utilities, general, complex, dispute };
constexpr std::size_t kUrgencies = 5;

constexpr int kGridLevel = 1;
constexpr int kCommunityLevel = 2;
constexpr int kStreetLevel = 3;
constexpr int kCountyLevel = 4;
constexpr double kWarnShare = 0.8;  // warn when 80% of a limit has gone

std::optional<Status> parse_status(std::string_view s);
std::string_view status_name(Status s);
std::string_view status_label(Status s);
std::optional<Action> parse_action(std::string_view s);
std::string_view action_name(Action a);
std::string_view action_label(Action a);
std::optional<Satisfaction> parse_satisfaction(std::string_view s);
std::string_view satisfaction_name(Satisfaction s);
std::optional<Urgency> parse_urgency(std::string_view s);
std::string_view urgency_name(Urgency u);

bool is_open(Status s);  // still somebody's work
// The open statuses as SQL, "('submitted', 'accepted', 'in_progress', 'reopened')", derived from
// is_open() in the state machine's order (the order migration 014's partial index spells them in).
const std::string& open_statuses_sql();

// What a limit counts in: minutes for the hour-based urgencies, working days for ordinary
// appeals, calendar days for disputes (四级七天: seven days in all, weekends included).
enum class LimitUnit { minutes, working_days, calendar_days };
std::optional<LimitUnit> parse_limit_unit(std::string_view s);
std::string_view limit_unit_name(LimitUnit u);

// A limit and its four slices.
struct LimitRule final {
  Urgency urgency;
  LimitUnit unit;
  int total;
  std::array<int, 4> slices;  // grid, community, street, county; they add up to total
};
// The urgency an appeal of a category is held to: a dispute's is 四级七天, unless it is an emergency.
Urgency urgency_for(Urgency category_urgency, bool is_dispute);
const LimitRule& limit_rule(Urgency u);  // the defaults a county starts with
// Why a limit rule cannot be used (slices must be positive and add up to the total); nullopt if fine.
std::optional<std::string> limit_problem(const LimitRule& r);

// When the whole appeal is due, counted from intake.
std::int64_t overall_deadline(const Calendar& cal, Urgency u, std::int64_t from);
std::int64_t overall_deadline(const Calendar& cal, const LimitRule& r, std::int64_t from);
// When the slice of `level` (1–4) runs out, counted from when the appeal reached that level,
// never later than the overall deadline.
std::int64_t level_deadline(const Calendar& cal, Urgency u, int level, std::int64_t from, std::int64_t overall);
std::int64_t level_deadline(const Calendar& cal, const LimitRule& r, int level, std::int64_t from,
                            std::int64_t overall);
std::int64_t warn_at(std::int64_t start, std::int64_t deadline);

// The highest handling level a role acts at (0: none).
int role_level(core::Role r);
// The status an action leads to from `from`, or nullopt when the move is not allowed.
// Escalation keeps the status (the level changes); a callback with dissatisfaction reopens.
std::optional<Status> next_status(Status from, Action a, std::optional<Satisfaction> s = std::nullopt);
// Whether a role acting at `role_lvl` may take `a` on an appeal held at `level`.
bool may(int role_lvl, int level, Action a);
std::vector<Action> available_actions(Status s, int level, int role_lvl);

// Disputes (矛盾纠纷) are mediated step by step: emotion, reason, law, then referral to litigation.
enum class MediationStep { emotion = 1, reason = 2, law = 3, litigation = 4 };
std::optional<MediationStep> parse_mediation_step(std::string_view s);
std::string_view mediation_step_name(MediationStep s);
std::string_view mediation_step_label(MediationStep s);  // 情 理 法 诉
// Why a mediation cannot move from `from` to `to` with `outcome`; nullopt when it may.
std::optional<std::string> mediation_problem(std::optional<MediationStep> from, MediationStep to,
                                             std::string_view outcome, bool has_agreement);

}  // namespace jiceng::appeals
