// The closed loop: staff move an appeal along it (受理, 派单, 办结, 上报, 回访, 合并…) and the
// resident rates it once resolved.
#include <boost/json.hpp>

#include "appeals/assignment.hpp"
#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

constexpr std::array<std::string_view, 3> kSatisfactionWords = {"满意", "基本满意", "不满意"};

// The columns an action sets besides the status, and the level the appeal ends at.
struct Sets final {
  std::string sql = sql::kSetStatus;
  store::Params values;
  int level = 0;
};

// Whether `who` may take the move at all, and the status it leads to; throws the reason otherwise.
Status check_move(const core::Principal& who, const store::Row& r, const Move& m) {
  const auto from = status_of(r, Status::submitted);
  const int level = level_of(r);
  const int lvl = caller_level(who, text_of(r, "area_path"));
  if (!may(lvl, level, m.action)) {
    forbidden(level > lvl && lvl > 0 ? "此诉求已上报至上级，由上级办理" : "您的角色不能执行此操作");
  }
  auto to = next_status(from, m.action, m.satisfaction);
  if (m.action == Action::callback && !m.satisfaction) bad_request("satisfaction", "请选择回访结果", "required");
  if (!to)
    throw ApiError(409, "bad_state",
                   "诉求当前为“" + std::string(status_label(from)) + "”，不能" + std::string(action_label(m.action)));
  if ((m.action == Action::resolve || m.action == Action::reject) && m.note.empty()) {
    bad_request(m.action == Action::reject ? "reason" : "note",
                m.action == Action::reject ? "请填写不予受理的理由（群众可见）" : "请填写办理结果", "required");
  }
  return *to;
}

// The level's slice of the limit, started afresh now at `level`.
std::int64_t level_due(App& app, store::Conn& c, const store::Row& r, int level, std::int64_t now) {
  const auto urgency = parse_urgency(text_of(r, "urgency")).value_or(Urgency::general);
  const auto pol = state_of(app).policy.get(c, now);
  return level_deadline(pol->cal, pol->rule(urgency), level, now, int_of(r, "deadline_at"));
}

void escalate_sets(App& app, store::Conn& c, const store::Row& r, std::int64_t now, Sets& s) {
  s.level = level_of(r) + 1;
  const auto next = static_cast<std::int64_t>(s.level);
  s.sql += sql::kSetEscalated;
  s.values.insert(s.values.end(), {next, next, next, now});
  s.values.emplace_back(level_due(app, c, r, s.level, now));
}

// 分解交办: each level hands work to the one below it (a community to its grids).
void dispatch_sets(App& app, store::Conn& c, const core::Principal& who, const store::Row& r, Move& m, std::int64_t now,
                   Sets& s) {
  if (!m.target_area) bad_request("area_id", "请选择派往的网格或社区（村）", "required");
  auto target = orgs::area_in_scope(c, who, core::Register::appeals, core::Action::write, *m.target_area);
  if (!target) bad_request("area_id", "所选区域不存在或不在您的管辖范围内");
  const auto& kind = target->kind;
  if (kind != "grid" && kind != "community" && kind != "village") bad_request("area_id", "只能派往网格或社区（村）");
  s.level = kind == "grid" ? kGridLevel : kCommunityLevel;
  if (s.level >= caller_level(who, text_of(r, "area_path"))) {
    bad_request("area_id", "只能派往下一级：社区（村）派往所属网格，街道派往社区（村）或网格");
  }
  // Sent down, its slice of the limit starts afresh there; max_level stays, so an appeal that
  // went up to the street and came back down is not counted as settled at the first line.
  s.sql += sql::kSetDispatched;
  s.values.emplace_back(target->id);
  s.values.emplace_back(target->path);
  s.values.emplace_back(kind == "grid" ? store::Value(target->id) : store::null());
  s.values.emplace_back(static_cast<std::int64_t>(s.level));
  s.values.emplace_back(now);
  s.values.emplace_back(level_due(app, c, r, s.level, now));
  s.values.emplace_back(kind == "grid" ? store::opt(default_assignee(c, target->id)) : store::null());
  if (m.note.empty()) m.note = "派往" + target->name;
}

// The appeal it is merged into hears of it first, on its own timeline.
void merge_sets(store::Conn& c, const core::Principal& who, const store::Row& r, const Move& m, std::int64_t now,
                Sets& s) {
  const auto id = int_of(r, "id");
  if (!m.merge_into || *m.merge_into == id) bad_request("merge_into", "请选择要合并到的另一条诉求", "required");
  auto scope = core::scope_clause(who, core::Register::appeals, core::Action::read, scope_columns());
  store::Params p{*m.merge_into};
  p.insert(p.end(), scope.params.begin(), scope.params.end());
  auto target = load(c, "t.id = ? AND " + scope.sql, p);
  if (!target || !is_open(status_of(*target, Status::closed))) {
    bad_request("merge_into", "要合并到的诉求不存在、不在您的管辖范围内或已办结");
  }
  s.sql += sql::kSetMerged;
  s.values.emplace_back(*m.merge_into);
  add_event(c, *m.merge_into, now, who.username, who.account_id, "merge", "", "", level_of(r),
            "合并了诉求 " + text_of(r, "code"));
}

// Everything the move sets on the appeal row, in the order of its UPDATE.
Sets sets_of(App& app, store::Conn& c, const core::Principal& who, const store::Row& r, Move& m, Status to,
             std::int64_t now) {
  Sets s;
  s.values = {std::string(status_name(to)), now};
  s.level = level_of(r);
  if (m.action == Action::escalate) escalate_sets(app, c, r, now, s);
  if (m.action == Action::dispatch) dispatch_sets(app, c, who, r, m, now, s);
  if (m.action == Action::merge) merge_sets(c, who, r, m, now, s);
  if (m.action == Action::accept) {
    s.sql += sql::kSetAccepted;
    s.values.emplace_back(now);
  }
  if (m.action == Action::resolve) {
    // The first resolution is the one the figures count; a reopened appeal keeps it.
    s.sql += sql::kSetResolved;
    s.values.emplace_back(now);
  }
  if (m.satisfaction) {
    s.sql += sql::kSetSatisfaction;
    s.values.emplace_back(std::string(satisfaction_name(*m.satisfaction)));
  }
  if (to == Status::closed || to == Status::rejected || to == Status::merged) {
    s.sql += sql::kSetClosed;
    s.values.emplace_back(now);
  }
  return s;
}

const char* notice_of(Action a, Status to) {
  return a == Action::dispatch    ? "assigned"
         : a == Action::escalate  ? "escalated"
         : a == Action::resolve   ? "resolved"
         : to == Status::reopened ? "reopened"
         : to == Status::closed   ? "closed"
                                  : nullptr;
}

}  // namespace

void act(App& app, const core::Principal& who, std::int64_t id, Move m, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    const auto from = std::string(status_name(status_of(r, Status::submitted)));
    const auto to = check_move(who, r, m);
    auto s = sets_of(app, c, who, r, m, to, now);
    s.values.emplace_back(id);
    auto ch = change_by(who, id, now);
    ch.update = std::string(sql::kUpdateAppeal) + s.sql + sql::kWhereId;
    ch.params = std::move(s.values);
    ch.before = &r;
    ch.action = std::string(action_name(m.action));
    ch.from = from;
    ch.to = std::string(status_name(to));
    ch.level = s.level;
    ch.note = m.note;
    ch.photos = m.photos;
    ch.notice = notice_of(m.action, to);
    ch.notice_note = m.note;
    ch.from_level = m.action == Action::escalate ? level_of(r) : 0;
    ch.audit = audit_by(who, now, ip, ch.action, id, ch.from, ch.to);
    apply_change(c, ch);
  });
}

void rate(App& app, const std::string& code, Satisfaction s, const std::string& comment, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    auto r = load(c, "t.code = ?", {code});
    if (!r) not_found("找不到此查询码对应的诉求");
    const auto from = status_of(*r, Status::submitted);
    if (from != Status::resolved) throw ApiError(409, "bad_state", "诉求办结后才能评价");
    const auto id = int_of(*r, "id");
    // Satisfied or basically satisfied closes the loop; dissatisfied sends it back to work.
    const auto to = s == Satisfaction::dissatisfied ? Status::reopened : Status::closed;
    std::string note = std::string(kSatisfactionWords[static_cast<std::size_t>(s)]);
    if (!comment.empty()) note += "：" + comment;
    Change ch;
    ch.id = id;
    ch.now = now;
    ch.update = sql::kRate;
    ch.params = {std::string(status_name(to)), std::string(satisfaction_name(s)), now,
                 to == Status::closed ? store::Value(now) : store::null(), id};
    ch.before = &*r;
    ch.actor = "居民";
    ch.action = "rate";
    ch.from = std::string(status_name(from));
    ch.to = std::string(status_name(to));
    ch.level = level_of(*r);
    ch.note = note;
    ch.notice = to == Status::closed ? "closed" : "reopened";
    ch.notice_note = note;
    ch.audit = audit::Entry{
        now, "public", std::nullopt, ip, "rate", "appeal", std::to_string(id), "", std::string(satisfaction_name(s))};
    apply_change(c, ch);
  });
}

}  // namespace jiceng::appeals
