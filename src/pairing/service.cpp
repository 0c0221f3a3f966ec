// Parties, help records, volunteers and hours: each write checks the caller against the pairing's
// or team's area in the same transaction and moves the counters the registers list.
#include "pairing/service.hpp"

#include <boost/json.hpp>
#include <map>

#include "core/errors.hpp"
#include "deliberation/service.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "pairing/queries.hpp"
#include "pairing/rules.hpp"
#include "people/lookups.hpp"
#include "people/rules.hpp"
#include "people/service.hpp"

namespace jiceng::pairing {
namespace {

namespace bj = boost::json;
using core::Action;
using core::Register;

// The row's area path when the caller may write it; 404 when they cannot see it, 403 when read-only.
std::string writable_area(store::Conn& c, const core::Principal& who, const char* area_of, std::int64_t id) {
  auto row = c.one(area_of, {id});
  if (!row || !cogov::staff_over(who, Register::pairings, Action::read, row->text(0))) not_found();
  if (!cogov::staff_over(who, Register::pairings, Action::write, row->text(0))) forbidden();
  return row->text(0);
}

// The name `names` gives `id`, if any.
std::optional<std::string> name_of(const std::map<std::int64_t, std::string>& names, std::int64_t id) {
  const auto it = names.find(id);
  return it != names.end() ? std::optional(it->second) : std::nullopt;
}

// The name a party goes by, after checking it exists and, for places, that it is the right level.
std::string party_name(store::Conn& c, const core::Principal& who, const std::string& kind, std::int64_t ref) {
  if (kind == "member") {
    if (auto name = name_of(people::member_names(c, {&ref, 1}), ref)) return *name;
  } else if (kind == "unit") {
    if (auto name = name_of(orgs::unit_names(c, {&ref, 1}), ref)) return *name;
  } else if (kind == "household") {
    auto h = deliberation::household_by_id(c, ref);
    if (h && cogov::staff_over(who, Register::pairings, Action::write, h->area_path))
      return h->head_name + "户（" + h->address + "）";
  } else if (kind == "area") {
    auto a = orgs::area_by_id(c, ref);
    if (a && cogov::is_community(a->kind)) return a->name;
    if (a) bad_request("ref_id", "结对的地方应为社区或村");
  } else {
    bad_request("party_kind", "结对方类型应为 member、unit、household、area 之一");
  }
  bad_request("ref_id", "所选结对方不存在或不在您的管辖范围内");
}

// Whether the caller is a member or unit on the helping side of the pairing.
bool helps_in(store::Conn& c, const core::Principal& who, std::int64_t pairing) {
  const auto m = cogov::acting_member(who, Register::pairings, Action::read);
  const auto u = cogov::acting_unit(who, Register::pairings, Action::read);
  return (m && c.one(sql::kMemberHelps, {pairing, *m})) || (u && c.one(sql::kUnitHelps, {pairing, *u}));
}

}  // namespace

void check_hours(double hours) {
  if (!(hours >= kMinHours && hours <= kMaxHours)) bad_request("hours", "时长应为 0.5 到 24 小时");
}

void check_date(const std::string& on_date, const std::string& today) {
  if (!core::is_valid_date(on_date)) bad_request("on_date", "日期应为有效日期，如 2026-11-23");
  if (on_date > today) bad_request("on_date", "日期不能晚于今天");
}

void add_party(App& app, const cogov::Actor& by, std::int64_t id, const Party& p) {
  app.db.write([&](store::Conn& c) {
    writable_area(c, by.who, sql::kPairingArea, id);
    const auto pairing_kind = c.one(sql::kPairingKind, {id})->text(0);
    const auto on_side = c.scalar(sql::kPartiesOnSide, {id, p.side});
    if (auto problem = party_problem(pairing_kind, p.side, p.kind, static_cast<std::size_t>(on_side)))
      bad_request("side", *problem);
    const auto name = party_name(c, by.who, p.kind, p.ref_id);
    if (c.one(sql::kPartyThere, {id, p.kind, p.ref_id})) conflict("该结对方已在此结对中");
    c.execute(sql::kInsertParty, {id, p.side, p.kind, p.ref_id, name});
    c.execute(sql::kPartyAdded, {app.now(), id});
    cogov::audit(c, app, by, "add_party", "pairing", id, p.side + ":" + p.kind + ":" + std::to_string(p.ref_id));
  });
}

void remove_party(App& app, const cogov::Actor& by, std::int64_t id, std::int64_t party) {
  app.db.write([&](store::Conn& c) {
    writable_area(c, by.who, sql::kPairingArea, id);
    if (c.execute(sql::kDeleteParty, {party, id}) == 0) not_found("结对方不存在");
    c.execute(sql::kPartyRemoved, {app.now(), id});
    cogov::audit(c, app, by, "remove_party", "pairing", id, std::to_string(party));
  });
}

bj::object add_help(App& app, const cogov::Actor& by, std::int64_t id, const Help& h) {
  if (h.hours) check_hours(*h.hours);
  check_date(h.on_date, core::day_of(app.now()));
  return app.db.write([&](store::Conn& c) {
    auto row = c.one(sql::kPairingArea, {id});
    if (!row) not_found();
    if (!helps_in(c, by.who, id) && !cogov::staff_over(by.who, Register::pairings, Action::write, row->text(0))) {
      if (cogov::staff_over(by.who, Register::pairings, Action::read, row->text(0))) forbidden();
      not_found();
    }
    const auto recorder = by.name();
    const auto now = app.now();
    auto ins = c.one(sql::kInsertHelp, {id, h.on_date, h.content, store::opt(h.hours), recorder, now});
    c.execute(sql::kHelpCounted, {h.hours.value_or(0.0), now, id});
    cogov::audit(c, app, by, "help", "pairing", id, h.content);
    return bj::object{{"id", ins->integer(0)},   {"on_date", h.on_date},
                      {"content", h.content},    {"hours", h.hours ? bj::value(*h.hours) : bj::value(nullptr)},
                      {"recorded_by", recorder}, {"at", now}};
  });
}

void add_volunteer(App& app, const cogov::Actor& by, std::int64_t id, Volunteer v) {
  if (!v.person_id && !v.member_id && v.name.empty()) bad_request("name", "请选择队员或填写姓名", "required");
  app.db.write([&](store::Conn& c) {
    writable_area(c, by.who, sql::kTeamArea, id);
    if (v.person_id) {
      auto name = name_of(people::person_names(c, {&*v.person_id, 1}), *v.person_id);
      if (!name) bad_request("person_id", "所选人员不存在");
      v.name = *name;
      if (c.one(sql::kPersonInTeam, {id, *v.person_id})) conflict("该队员已在队中");
    } else if (v.member_id) {
      auto name = name_of(people::member_names(c, {&*v.member_id, 1}), *v.member_id);
      if (!name) bad_request("member_id", "所选党员不存在");
      v.name = *name;
      if (c.one(sql::kMemberInTeam, {id, *v.member_id})) conflict("该队员已在队中");
    }
    c.execute(sql::kInsertVolunteer, {id, v.name, store::opt(v.person_id), store::opt(v.member_id), app.now()});
    c.execute(sql::kVolunteerAdded, {app.now(), id});
    cogov::audit(c, app, by, "add_volunteer", "volunteer_team", id, v.name);
  });
}

void add_hours(App& app, const cogov::Actor& by, std::int64_t id, const Hours& h) {
  check_hours(h.hours);
  check_date(h.on_date, core::day_of(app.now()));
  app.db.write([&](store::Conn& c) {
    writable_area(c, by.who, sql::kTeamArea, id);
    if (!c.one(sql::kVolunteerOfTeam, {h.volunteer_id, id})) bad_request("volunteer_id", "该队员不在此服务队中");
    c.execute(sql::kInsertHours, {h.volunteer_id, h.on_date, h.hours, h.content, by.name(), app.now()});
    c.execute(sql::kVolunteerHours, {h.hours, h.volunteer_id});
    c.execute(sql::kTeamHours, {h.hours, app.now(), id});
    cogov::audit(c, app, by, "hours", "volunteer_team", id, std::to_string(h.volunteer_id));
  });
}

}  // namespace jiceng::pairing
