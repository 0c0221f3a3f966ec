// A meeting's life: planned, announced, held or cancelled. Holding it decides quorum by rule
// (rules.hpp) and moves the tally the compliance matrix reads, in the same transaction.
#include "org_life/service.hpp"

#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "org_life/internal.hpp"
#include "org_life/queries.hpp"
#include "org_life/rules.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
using detail::Meeting;

constexpr std::int64_t kMaxListItems = 200;

// The plan as stored: a known kind, and a venue that exists, whose name is the place when none is
// written (entered once, in the venue register).
Plan checked_plan(store::Conn& c, Plan p) {
  if (!detail::kind_label(c, p.kind)) bad_request("kind", "会议类型不存在");
  if (p.venue_id) {
    const auto venue = orgs::venue_by_id(c, *p.venue_id);
    if (!venue) bad_request("venue_id", "阵地不存在");
    if (p.place.empty()) p.place = venue->name;
  }
  return p;
}

// Puts the organisation's own members on the roll as expected.
void enrol_members(store::Conn& c, std::int64_t meeting_id, std::int64_t org_id, std::int64_t now) {
  for (const auto& m : people::members_of_org(c, org_id)) {
    c.execute(sql::kEnrol,
              {meeting_id, m.id, m.name, std::int64_t{m.full ? 1 : 0}, std::int64_t{0}, std::string("expected"), now});
  }
}

// Sets each listed member's attendance, adding members not on the roll (a guest when they belong
// to another organisation); those still expected or asking for leave are then absent.
void take_attendance(store::Conn& c, const Meeting& m, const Holding& h, std::int64_t now) {
  for (const auto& [member_id, status] : h.attendance) {
    if (status != "present" && status != "absent" && status != "leave") {
      bad_request("attendance", "出席情况应为 present、absent 或 leave");
    }
    if (c.one(sql::kRollEntry, {m.id, member_id})) {
      c.execute(sql::kSetAttendance, {status, now, m.id, member_id});
      continue;
    }
    const auto who = people::member_brief(c, member_id);
    if (!who) bad_request("attendance", "党员不存在：" + std::to_string(member_id));
    const std::int64_t guest = who->org_id == m.org_id ? 0 : 1;
    c.execute(sql::kEnrol, {m.id, who->id, who->name, std::int64_t{who->full ? 1 : 0}, guest, status, now});
  }
  c.execute(
      "UPDATE meeting_attendance SET status = 'absent', updated_at = ? WHERE meeting_id = ? AND status IN "
      "('expected', 'leave_requested')",
      {now, m.id});
}

struct Count final {
  std::int64_t due = 0, present = 0;
};

// Who was due and who came, as the kind's quorum rule counts them.
Count count_for_quorum(store::Conn& c, const Meeting& m) {
  Count n;
  for (const auto& r : c.query(sql::kRoll, {m.id})) {
    const bool full = r.integer(2) == 1, guest = r.integer(3) == 1, present = r.text(4) == "present";
    if (m.kind == kGeneralMeeting) {
      // Voting members of the organisation: full members, not guests.
      if (!guest && full) ++n.due;
      if (!guest && full && present) ++n.present;
    } else if (m.kind == kCommitteeMeeting) {
      if (!guest && present) ++n.present;
    } else {
      if (!guest) ++n.due;
      if (present) ++n.present;
    }
  }
  if (m.kind == kCommitteeMeeting) {
    auto term = c.one(sql::kTerm, {m.org_id});
    n.due = term ? term->integer(2) : 0;
    if (n.due == 0) conflict("尚未登记支部委员会人数，无法判断支委会是否达到法定人数", "attendance");
  }
  return n;
}

void record_resolutions(store::Conn& c, const Meeting& m, const Holding& h, const Count& n, bool quorum,
                        std::int64_t now) {
  c.execute(sql::kDeleteResolutions, {m.id});
  for (const auto& r : h.resolutions) {
    store::Value passed = store::null();
    if (r.ayes) {
      const bool ok = m.kind == kGeneralMeeting ? vote_passes(n.due, *r.ayes) : *r.ayes * 2 > n.present;
      passed = std::int64_t{quorum && ok ? 1 : 0};
    }
    c.execute(sql::kInsertResolution,
              {m.id, r.body, store::opt(r.ayes), store::opt(r.noes), store::opt(r.abstentions), passed, now});
  }
}

}  // namespace

bj::object create_meeting(App& app, const Actor& by, std::int64_t org_id, const Plan& given) {
  return app.db.write([&](store::Conn& c) {
    const auto org = orgs::org_info(c, org_id);
    if (!org || !detail::writes_over(by.who, org->path, org->area_path)) not_found("党组织不存在或不在您的管辖范围内");
    const auto plan = checked_plan(c, given);
    const auto now = app.now();
    const auto id = c.one(sql::kInsertMeeting, {org_id, org->path, org->area_path, plan.kind, plan.topic, plan.agenda,
                                                plan.place, store::opt(plan.venue_id), plan.presider, plan.starts_at,
                                                core::month_of(plan.starts_at), by.name(), now, now})
                        ->integer(0);
    if (plan.kind != kCommitteeMeeting) enrol_members(c, id, org_id, now);
    detail::audit(c, app, by, "create", id, plan.kind + " " + plan.topic);
    return detail::render(c, by.who, id);
  });
}

bj::object update_meeting(App& app, const Actor& by, std::int64_t id, const Plan& given) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::writable(c, by.who, id);
    if (m.status != "planned" && m.status != "announced") conflict("会议已召开或已取消，不能修改计划");
    const auto plan = checked_plan(c, given);
    c.execute(sql::kUpdatePlan, {plan.kind, plan.topic, plan.agenda, plan.place, store::opt(plan.venue_id),
                                 plan.presider, plan.starts_at, core::month_of(plan.starts_at), app.now(), id});
    detail::audit(c, app, by, "update", id, plan.kind + " " + plan.topic);
    return detail::render(c, by.who, id);
  });
}

bj::object announce(App& app, const Actor& by, std::int64_t id) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::writable(c, by.who, id);
    if (m.status != "planned") conflict("只有计划中的会议可以发布通知");
    c.execute(sql::kAnnounce, {app.now(), app.now(), id});
    detail::audit(c, app, by, "announce", id, "");
    return detail::render(c, by.who, id);
  });
}

bj::object cancel(App& app, const Actor& by, std::int64_t id, const std::string& reason) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::writable(c, by.who, id);
    if (m.status != "planned" && m.status != "announced") conflict("已召开或已取消的会议不能取消");
    c.execute(sql::kCancel, {reason, app.now(), id});
    detail::audit(c, app, by, "cancel", id, reason);
    return detail::render(c, by.who, id);
  });
}

bj::object hold(App& app, const Actor& by, std::int64_t id, const Holding& h) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::writable(c, by.who, id);
    const auto now = app.now();
    if (m.status == "cancelled") conflict("会议已取消");
    if (m.starts_at > now) conflict("会议尚未开始，不能登记召开情况");
    take_attendance(c, m, h, now);
    const auto n = count_for_quorum(c, m);
    const bool quorum = quorum_met(m.kind, n.due, n.present);
    c.execute(sql::kHold,
              {h.minutes, n.due, n.present, std::int64_t{quorum ? 1 : 0}, std::int64_t{quorum ? 1 : 0}, now, now, id});
    if (quorum != m.counted) detail::tally(c, m, quorum ? 1 : -1);
    record_resolutions(c, m, h, n, quorum, now);
    detail::audit(
        c, app, by, "hold", id,
        "due=" + std::to_string(n.due) + " present=" + std::to_string(n.present) + (quorum ? "" : " invalid"));
    return detail::render(c, by.who, id);
  });
}

bj::object set_minutes(App& app, const Actor& by, std::int64_t id, const std::string& minutes) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::writable(c, by.who, id);
    if (m.status != "held") conflict("会议召开后才能填写会议记录");
    c.execute(sql::kSetMinutes, {minutes, app.now(), id});
    detail::audit(c, app, by, "minutes", id, "");
    return detail::render(c, by.who, id);
  });
}

bj::object meetings(App& app, const core::Principal& who, const MeetingQuery& q) {
  return app.db.read([&](store::Conn& c) {
    core::ScopeColumns cols;
    cols.area_path = "m.area_path";
    cols.org_path = "m.org_path";
    cols.member_id = sql::kMemberOnRoll;
    auto scope = core::scope_clause(who, core::Register::org_life, core::Action::read, cols);
    std::string where = "WHERE (" + scope.sql + " OR " + sql::kObserving + ")";
    store::Params params = scope.params;
    params.emplace_back(who.account_id);
    if (q.org_id) {
      const auto org = orgs::org_info(c, *q.org_id);
      if (!org) bad_request("org_id", "党组织不存在");
      where += " AND m.org_path >= ? AND m.org_path < ?";
      params.insert(params.end(), {org->path, core::path_end(org->path)});
    }
    store::and_if(where, params, "m.kind = ?", q.kind);
    store::and_if(where, params, "m.status = ?", q.status);
    store::and_if(where, params, "m.starts_at >= ?", q.from);
    store::and_if(where, params, "m.starts_at < ?", q.to);
    params.insert(params.end(), {std::min(q.limit, kMaxListItems), q.offset});
    bj::array items;
    for (const auto& r : c.query(std::string(sql::kMeetingColumns) + where + sql::kListTail, params)) {
      const auto org = orgs::org_info(c, r.integer(1));
      items.push_back(bj::object{{"id", r.integer(0)},
                                 {"org_id", r.integer(1)},
                                 {"org_name", org ? org->name : ""},
                                 {"kind", r.text(4)},
                                 {"kind_label", detail::kind_label(c, r.text(4)).value_or(r.text(4))},
                                 {"topic", r.text(5)},
                                 {"place", r.text(7)},
                                 {"starts_at", r.integer(10)},
                                 {"status", r.text(12)},
                                 {"valid", r.integer(17) == 1}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object meeting(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    detail::visible(c, who, id);
    return detail::render(c, who, id);
  });
}

}  // namespace jiceng::org_life
