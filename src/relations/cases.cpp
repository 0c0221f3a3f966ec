// 不合格党员处置 and 失联 cases: opened by the branch or taken over from a 不合格 rating (org_life),
// with the deadline to correct (限期改正, a county setting); the branch decides the outcome and an
// outcome that changes membership waits for the higher committee's approval, which changes the
// member's status through people's service. Deaths are recorded here too: a status, never a deletion.
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"
#include "relations/internal.hpp"
#include "relations/queries.hpp"
#include "relations/rules.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;

struct Case final {
  std::int64_t id = 0, member_id = 0;
  std::string kind, org_path, area_path, state;
  std::optional<std::string> correct_by, outcome, decided_on;
};

Case case_from(const store::Row& r) {
  Case k;
  k.id = r.integer(0);
  k.kind = r.text(1);
  k.member_id = r.integer(2);
  k.org_path = r.text(5);
  k.area_path = r.text(6);
  k.state = r.text(11);
  if (!r.is_null(9)) k.correct_by = r.text(9);
  if (!r.is_null(12)) k.outcome = r.text(12);
  if (!r.is_null(13)) k.decided_on = r.text(13);
  return k;
}

std::optional<store::Row> load(store::Conn& c, std::int64_t id) {
  return c.one(std::string(sql::kCaseColumns) + "WHERE k.id = ?", {id});
}

bj::object render(store::Conn& c, const core::Principal& who, const store::Row& r) {
  const auto k = case_from(r);
  const auto org = orgs::org_info(c, r.integer(4));
  const auto outcome = k.outcome ? parse_outcome(*k.outcome) : std::nullopt;
  return bj::object{
      {"id", k.id},
      {"kind", k.kind},
      {"kind_label", k.kind == "unqualified" ? "不合格党员处置" : "失联党员处置"},
      {"member_id", k.member_id},
      {"member_name", r.text(3)},
      {"org_id", r.integer(4)},
      {"org_name", org ? org->name : ""},
      {"org_life_case_id", json::opt_int(r, 7)},
      {"reason", r.text(8)},
      {"correct_by", json::opt_text(r, 9)},
      {"correct_source", json::opt_text(r, 10)},
      {"state", k.state},
      {"outcome", json::opt_text(r, 12)},
      {"outcome_label", outcome ? bj::value(outcome_label(*outcome)) : bj::value(nullptr)},
      {"outcome_source", outcome ? bj::value(outcome_source(*outcome)) : bj::value(nullptr)},
      {"decided_on", json::opt_text(r, 13)},
      {"resolution", json::opt_text(r, 14)},
      {"decided_by", json::opt_text(r, 15)},
      {"approved_by", json::opt_text(r, 16)},
      {"approved_on", json::opt_text(r, 17)},
      {"approval_note", json::opt_text(r, 18)},
      {"opened_by", r.text(19)},
      {"opened_at", r.integer(20)},
      {"closed_at", json::opt_int(r, 21)},
      {"can_decide", k.state == "correcting" && detail::reaches(who, core::Action::write, k.org_path, k.area_path)},
      {"can_approve", k.state == "awaiting_approval" && detail::higher_over(who, k.org_path, k.area_path)}};
}

store::Row visible(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto r = load(c, id);
  if (!r || !detail::reaches(who, core::Action::read, r->text(5), r->text(6))) {
    not_found("处置案件不存在或不在您的管辖范围内");
  }
  return *r;
}

people::MemberStanding writable_member(store::Conn& c, const core::Principal& who, std::int64_t member_id) {
  const auto m = people::member_standing(c, member_id);
  if (!m || !detail::reaches(who, core::Action::read, m->org_path, m->area_path)) {
    not_found("党员不存在或不在您的管辖范围内");
  }
  if (!detail::reaches(who, core::Action::write, m->org_path, m->area_path)) forbidden("处置由党员所在党组织办理");
  return *m;
}

std::int64_t insert_case(store::Conn& c, App& app, const Actor& by, const people::MemberStanding& m,
                         const std::string& kind, const std::string& reason, std::optional<std::int64_t> from) {
  if (c.one(sql::kOpenCaseOf, {m.id, kind})) conflict("该党员已有一件未办结的处置案件", "member_id");
  const auto today = core::local_day(app.now());
  std::optional<std::string> correct_by, source;
  if (kind == "unqualified") {
    const auto s = detail::setting_in_force(c, "correct_months", today);
    correct_by = core::format_day(add_months(today, s.value));
    source = std::string(kDisposalRegs) + "（先教育、限期改正）；期限：" + s.source;
  }
  const auto id = c.one(sql::kInsertCase, {kind, m.id, m.name, m.org_id, m.org_path, m.area_path, store::opt(from),
                                           reason, store::opt(correct_by), store::opt(source), by.name(), app.now()})
                      ->integer(0);
  cogov::audit(c, app, by, "open", "relation_case", id, kind + " member=" + std::to_string(m.id));
  return id;
}

// Since when an untraceable member's flow says nobody can find them.
std::optional<std::int64_t> untraceable_since(store::Conn& c, std::int64_t member_id) {
  const auto r = c.one(sql::kUntraceableSince, {member_id});
  if (!r) return std::nullopt;
  return core::parse_day(r->text(0));
}

}  // namespace

bj::object open_case(App& app, const Actor& by, const CaseOpen& k) {
  if (k.kind != "unqualified" && k.kind != "untraceable") {
    bad_request("kind", "kind 应为 unqualified（不合格党员）或 untraceable（失联党员）");
  }
  return app.db.write([&](store::Conn& c) {
    const auto m = writable_member(c, by.who, k.member_id);
    if (!may_move(m.status)) conflict("该党员当前状态（" + m.status + "）不能再作处置", "member_id");
    return render(c, by.who, *load(c, insert_case(c, app, by, m, k.kind, k.reason, std::nullopt)));
  });
}

bj::object adopt_case(App& app, const Actor& by, std::int64_t org_life_case_id) {
  return app.db.write([&](store::Conn& c) {
    const auto pending = org_life::take_case(c, org_life_case_id);
    if (!pending) not_found("民主评议的不合格案件不存在或已接手");
    const auto m = writable_member(c, by.who, pending->member_id);
    const auto reason = std::to_string(pending->year) + "年度民主评议评为不合格：" + pending->reason;
    return render(c, by.who, *load(c, insert_case(c, app, by, m, "unqualified", reason, pending->id)));
  });
}

bj::object evaluation_cases(App& app, const core::Principal& who) {
  return app.db.read([&](store::Conn& c) {
    bj::array items;
    for (const auto& k : org_life::open_cases(c, "/")) {
      const auto org = orgs::org_info(c, k.org_id);
      if (!org || !detail::reaches(who, core::Action::read, org->path, org->area_path)) continue;
      items.push_back(bj::object{{"org_life_case_id", k.id},
                                 {"member_id", k.member_id},
                                 {"member_name", k.member_name},
                                 {"org_id", k.org_id},
                                 {"org_name", org->name},
                                 {"year", k.year},
                                 {"reason", k.reason}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object decide_case(App& app, const Actor& by, std::int64_t id, const Decision& d) {
  const auto outcome = parse_outcome(d.outcome);
  if (!outcome) bad_request("outcome", "outcome 应为 corrected、advised_leave、removed 或 stopped");
  const auto now = app.now();
  const auto today = core::local_day(now);
  detail::past_day(d.decided_on, "decided_on", today);
  return app.db.write([&](store::Conn& c) {
    const auto k = case_from(visible(c, by.who, id));
    if (!detail::reaches(by.who, core::Action::write, k.org_path, k.area_path))
      forbidden("处置结论由党员所在党组织作出");
    if (k.state != "correcting") conflict("该案件已作出结论");
    CaseFacts f;
    f.kind = k.kind;
    if (k.correct_by) f.correct_by = core::parse_day(*k.correct_by);
    f.untraceable = untraceable_since(c, k.member_id);
    if (const auto s = c.one(sql::kStoppedOn, {k.member_id}); s && !s->is_null(0)) {
      f.stopped_on = core::parse_day(s->text(0));
    }
    if (const auto why = outcome_refusal(f, *outcome, today)) conflict(*why, "outcome");
    const bool wait = needs_approval(*outcome);
    c.execute(sql::kDecideCase,
              {d.outcome, d.decided_on, d.resolution, by.name(), std::string(wait ? "awaiting_approval" : "closed"),
               wait ? store::null() : store::Value(now), id});
    cogov::audit(c, app, by, "decide", "relation_case", id, d.outcome);
    return render(c, by.who, *load(c, id));
  });
}

bj::object approve_case(App& app, const Actor& by, std::int64_t id, const std::string& approved_on,
                        const std::string& note) {
  const auto now = app.now();
  detail::past_day(approved_on, "approved_on", core::local_day(now));
  return app.db.write([&](store::Conn& c) {
    const auto k = case_from(visible(c, by.who, id));
    if (k.state != "awaiting_approval") conflict("该案件不在待审批状态");
    if (!detail::higher_over(by.who, k.org_path, k.area_path)) {
      forbidden("须报上级党组织批准（依据：" + outcome_source(*parse_outcome(*k.outcome)) + "）");
    }
    if (k.decided_on && approved_on < *k.decided_on) bad_request("approved_on", "批准日期不能早于支部决定日期");
    c.execute(sql::kApproveCase, {by.name(), approved_on, note, now, id});
    const auto status = status_after(*parse_outcome(*k.outcome));
    if (status) people::set_member_status(c, k.member_id, std::string(*status), by.who.username, now);
    cogov::audit(c, app, by, "approve", "relation_case", id, *k.outcome);
    return render(c, by.who, *load(c, id));
  });
}

bj::object case_of(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) { return render(c, who, visible(c, who, id)); });
}

bj::object cases(App& app, const core::Principal& who, const CaseQuery& q) {
  return app.db.read([&](store::Conn& c) {
    auto [where, params] = orgs::rows_under_org(c, who, core::Register::relations, "k", q.org_id);
    store::and_if(where, params, "k.state = ?", q.state);
    return detail::page(c, sql::kCaseColumns, "k", where, std::move(params), q.limit, q.offset,
                        [&](const store::Row& r) { return render(c, who, r); });
  });
}

bj::object record_death(App& app, const Actor& by, std::int64_t member_id, const std::string& on) {
  const auto now = app.now();
  detail::past_day(on, "on", core::local_day(now));
  return app.db.write([&](store::Conn& c) {
    const auto m = writable_member(c, by.who, member_id);
    people::set_member_status(c, m.id, "deceased", by.who.username, now);
    cogov::audit(c, app, by, "deceased", "member", m.id, on);
    return bj::object{{"member_id", m.id}, {"status", "deceased"}, {"on", on}};
  });
}

}  // namespace jiceng::relations
