// The sweep: what falls due with time. A level whose slice of the limit has run out hands the
// appeal up (四级: grid, community, street, county); 80% of the limit gone warns; a department
// that let its check-in time pass is named.
#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

constexpr int kSweepBatch = 500;
constexpr char kEscalateNote[] = "本级办理时限已到，自动上报";
constexpr char kWarnNote[] = "办理时限已过 80%";

// Everything the sweep writes is the system's, on an appeal whose status it leaves as it was.
Change by_system(std::int64_t id, std::int64_t now, const char* update, store::Params params, const char* action,
                 std::string status, int level) {
  Change ch;
  ch.id = id;
  ch.now = now;
  ch.update = update;
  ch.params = std::move(params);
  ch.actor = "system";
  ch.action = action;
  ch.from = ch.to = std::move(status);
  ch.level = level;
  return ch;
}

int escalate_due(store::Conn& c, const Policy& pol, std::int64_t now) {
  auto due = c.query(std::string(sql::kLevelDue) + open_statuses_sql() + sql::kLevelDueTail,
                     {now, static_cast<std::int64_t>(kCountyLevel), static_cast<std::int64_t>(kSweepBatch)});
  for (const auto& r : due) {
    const auto id = r.integer(0);
    const int next = static_cast<int>(r.integer(1)) + 1;
    const auto urgency = parse_urgency(r.text(2)).value_or(Urgency::general);
    const auto before = load_id(c, id);
    const auto deadline = level_deadline(pol.cal, pol.rule(urgency), next, now, r.integer(3));
    auto ch = by_system(id, now, sql::kSweepEscalate,
                        {static_cast<std::int64_t>(next), static_cast<std::int64_t>(next),
                         static_cast<std::int64_t>(next), now, deadline, now, id},
                        "escalate", r.text(4), next);
    ch.before = &*before;
    ch.note = kEscalateNote;
    ch.notice = "escalated";
    ch.notice_note = kEscalateNote;
    ch.from_level = next - 1;
    apply_change(c, ch);
  }
  return static_cast<int>(due.size());
}

int warn_due(store::Conn& c, std::int64_t now) {
  auto warn = c.query(std::string(sql::kWarnDue) + open_statuses_sql() + sql::kWarnDueTail,
                      {now, static_cast<std::int64_t>(kSweepBatch)});
  for (const auto& r : warn) {
    auto ch = by_system(r.integer(0), now, sql::kSetWarned, {r.integer(0)}, "warn", r.text(2),
                        static_cast<int>(r.integer(1)));
    ch.note = kWarnNote;
    ch.notice = "warning";
    ch.notice_note = kWarnNote;
    apply_change(c, ch);
  }
  return static_cast<int>(warn.size());
}

// Departments that let the check-in time pass are named on the timeline, once.
int name_late_checkins(store::Conn& c, std::int64_t now) {
  auto late = c.query(sql::kLateCheckins, {now, static_cast<std::int64_t>(kSweepBatch)});
  std::vector<std::int64_t> unit_ids;
  for (const auto& r : late) unit_ids.push_back(r.integer(2));
  const auto units = orgs::units_by_ids(c, distinct(std::move(unit_ids)));
  for (const auto& r : late) {
    auto ch = by_system(r.integer(1), now, sql::kSetLate, {r.integer(0)}, "checkin_overdue", r.text(3),
                        static_cast<int>(r.integer(4)));
    const auto unit = units.find(r.integer(2));
    ch.note = (unit == units.end() ? std::string() : unit->second.name) + "未按时报到";
    apply_change(c, ch);
  }
  return static_cast<int>(late.size());
}

}  // namespace

SweepResult sweep(App& app) {
  const auto now = app.now();
  SweepResult out;
  app.db.write([&](store::Conn& c) {
    const auto pol = state_of(app).policy.get(c, now);
    out.escalated = escalate_due(c, *pol, now);
    out.warned = warn_due(c, now);
    out.late_checkins = name_late_checkins(c, now);
  });
  return out;
}

}  // namespace jiceng::appeals
