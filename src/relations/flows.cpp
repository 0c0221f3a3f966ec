// 流动党员: an out-flow registered by the organisation that holds the relation (home), or an in-flow
// registered by the organisation where the member now lives or works (host). Both sides see it; the
// host lists its in-flow members, who may attend its organisation life as guests (org_life).
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"
#include "relations/internal.hpp"
#include "relations/queries.hpp"
#include "relations/rules.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;

struct Flow final {
  std::int64_t id = 0, member_id = 0;
  std::string state, home_org_path, home_area_path, host_org_path, host_area_path;
};

Flow flow_of(const store::Row& r) {
  return Flow{r.integer(0),
              r.integer(1),
              r.text(17),
              r.text(5),
              r.text(6),
              r.is_null(8) ? "" : r.text(8),
              r.is_null(9) ? "" : r.text(9)};
}

bj::object render(store::Conn& c, const core::Principal& who, const store::Row& r) {
  const auto f = flow_of(r);
  const auto home = orgs::org_info(c, r.integer(4));
  std::string host_name = r.is_null(10) ? "" : r.text(10);
  if (!r.is_null(7)) {
    if (const auto h = orgs::org_info(c, r.integer(7))) host_name = h->name;
  }
  return bj::object{{"id", f.id},
                    {"member_id", f.member_id},
                    {"member_name", r.text(2)},
                    {"registered_by", r.text(3)},
                    {"home_org_id", r.integer(4)},
                    {"home_name", home ? home->name : ""},
                    {"host_org_id", json::opt_int(r, 7)},
                    {"host_name", host_name},
                    {"destination", r.text(11)},
                    {"since", r.text(12)},
                    {"contact", r.text(13)},
                    {"fixed_place", r.integer(14) == 1},
                    {"last_contact_on", json::opt_text(r, 15)},
                    {"untraceable_since", json::opt_text(r, 16)},
                    {"state", f.state},
                    {"ended_on", json::opt_text(r, 18)},
                    {"created_by", r.text(19)},
                    {"created_at", r.integer(20)},
                    {"home_side", detail::reaches(who, core::Action::read, f.home_org_path, f.home_area_path)},
                    {"host_side", detail::reaches(who, core::Action::read, f.host_org_path, f.host_area_path)},
                    {"rule", std::string(kEducationRegs) + "（流动党员与流出地、流入地党组织保持联系）"}};
}

std::optional<store::Row> load(store::Conn& c, std::int64_t id) {
  return c.one(std::string(sql::kFlowColumns) + "WHERE f.id = ?", {id});
}

store::Row visible(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto r = load(c, id);
  if (r) {
    const auto f = flow_of(*r);
    if (detail::reaches(who, core::Action::read, f.home_org_path, f.home_area_path) ||
        detail::reaches(who, core::Action::read, f.host_org_path, f.host_area_path)) {
      return *r;
    }
  }
  not_found("流动党员记录不存在或不在您的管辖范围内");
}

// An active flow either side of which `who` writes.
Flow writable(store::Conn& c, const core::Principal& who, std::int64_t id, bool home_only) {
  const auto f = flow_of(visible(c, who, id));
  const bool home = detail::reaches(who, core::Action::write, f.home_org_path, f.home_area_path);
  const bool host = detail::reaches(who, core::Action::write, f.host_org_path, f.host_area_path);
  if (!home && (home_only || !host))
    forbidden(home_only ? "由流出地（组织关系所在）党组织登记" : "您不是流出地或流入地党组织");
  if (f.state != "active") conflict("该流动记录已结束");
  return f;
}

// A dated step on a flow (a contact, lost touch, its end): on a day not after today, audited.
struct DatedStep final {
  const std::string& day;
  const char* field;
  bool home_only;  // only the home side may record it
  const char* update;
  const char* action;
};

bj::object dated_step(App& app, const Actor& by, std::int64_t id, const DatedStep& s) {
  detail::past_day(s.day, s.field, core::local_day(app.now()));
  return app.db.write([&](store::Conn& c) {
    writable(c, by.who, id, s.home_only);
    c.execute(s.update, {s.day, id});
    cogov::audit(c, app, by, s.action, "relation_flow", id, s.day);
    return render(c, by.who, *load(c, id));
  });
}

}  // namespace

bj::object register_flow(App& app, const Actor& by, const FlowStart& f) {
  if (f.side != "out" && f.side != "in") bad_request("side", "side 应为 out（流出登记）或 in（流入登记）");
  if (f.side == "in" && !f.host_org_id) bad_request("host_org_id", "流入登记请选择本地党组织", "required");
  const auto now = app.now();
  const auto today = core::local_day(now);
  detail::past_day(f.since, "since", today);
  return app.db.write([&](store::Conn& c) {
    const auto m = people::member_standing(c, f.member_id);
    if (!m) not_found("党员不存在或不在您的管辖范围内");
    std::optional<orgs::OrgInfo> host;
    if (f.host_org_id) {
      host = orgs::org_info(c, *f.host_org_id);
      if (!host) bad_request("host_org_id", "流入地党组织不存在");
      if (host->id == m->org_id) bad_request("host_org_id", "流入地党组织与组织关系所在党组织相同");
    }
    if (f.side == "out") {
      if (!detail::reaches(by.who, core::Action::read, m->org_path, m->area_path)) {
        not_found("党员不存在或不在您的管辖范围内");
      }
      if (!detail::reaches(by.who, core::Action::write, m->org_path, m->area_path)) {
        forbidden("流出登记由组织关系所在党组织办理");
      }
    } else if (!detail::reaches(by.who, core::Action::write, host->path, host->area_path)) {
      forbidden("流入登记由党员现居住或工作地的党组织办理");
    }
    if (!may_move(m->status)) conflict("该党员当前状态（" + m->status + "）不能登记流动", "member_id");
    if (c.one(sql::kActiveFlowOf, {m->id})) conflict("该党员已有流动登记，请先结束原登记", "member_id");
    const auto id =
        c.one(sql::kInsertFlow,
              {m->id, m->name, std::string(f.side == "out" ? "home" : "host"), m->org_id, m->org_path, m->area_path,
               host ? store::Value(host->id) : store::null(), host ? store::Value(host->path) : store::null(),
               host ? store::Value(host->area_path) : store::null(),
               f.host_outside.empty() ? store::null() : store::Value(f.host_outside), f.destination, f.since, f.contact,
               std::int64_t{f.fixed_place ? 1 : 0}, by.name(), now})
            ->integer(0);
    cogov::audit(c, app, by, "register", "relation_flow", id, f.side + " member=" + std::to_string(m->id));
    return render(c, by.who, *load(c, id));
  });
}

bj::object record_contact(App& app, const Actor& by, std::int64_t id, const std::string& on) {
  return dated_step(app, by, id, {on, "on", false, sql::kFlowContact, "contact"});
}

bj::object mark_untraceable(App& app, const Actor& by, std::int64_t id, const std::string& since) {
  return dated_step(app, by, id, {since, "since", true, sql::kFlowUntraceable, "untraceable"});
}

bj::object end_flow(App& app, const Actor& by, std::int64_t id, const std::string& on) {
  return dated_step(app, by, id, {on, "on", false, sql::kFlowEnd, "end"});
}

bj::object flow(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) { return render(c, who, visible(c, who, id)); });
}

bj::object flows(App& app, const core::Principal& who, const FlowQuery& q) {
  return app.db.read([&](store::Conn& c) {
    auto scope = detail::either_side(who, "f.home_area_path", "f.home_org_path", "f.host_area_path", "f.host_org_path");
    std::string where = "WHERE " + scope.sql;
    store::Params params = scope.params;
    if (q.org_id) {
      const auto org = orgs::readable_org(c, who, core::Register::relations, *q.org_id);
      const auto end = core::path_end(org.path);
      const bool in = q.side && *q.side == "in", out = q.side && *q.side == "out";
      if (in) where += " AND f.host_org_path >= ? AND f.host_org_path < ?";
      if (out) where += " AND f.home_org_path >= ? AND f.home_org_path < ?";
      if (!in && !out) {
        where +=
            " AND ((f.home_org_path >= ? AND f.home_org_path < ?) OR (f.host_org_path >= ? AND f.host_org_path < ?))";
        params.insert(params.end(), {org.path, end});
      }
      params.insert(params.end(), {org.path, end});
    } else if (q.side) {
      where += *q.side == "in" ? " AND f.host_org_id IS NOT NULL" : " AND f.registered_by = 'home'";
    }
    store::and_if(where, params, "f.state = ?", q.state);
    return detail::page(c, sql::kFlowColumns, "f", where, std::move(params), q.limit, q.offset,
                        [&](const store::Row& r) { return render(c, who, r); });
  });
}

}  // namespace jiceng::relations
