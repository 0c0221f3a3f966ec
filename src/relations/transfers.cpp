// 组织关系转接: within the installation the sender starts and the receiver confirms (until then the
// sender stays responsible and the member shows "in transfer"); out of it a numbered letter goes
// with the member and the receipt (回执) closes it; in from outside the receiver records the letter.
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "notify/outbox.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"
#include "relations/internal.hpp"
#include "relations/queries.hpp"
#include "relations/rules.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kReceiverPage = 20;
constexpr char kLetterCounter[] = "letter";

struct Transfer final {
  std::int64_t id = 0, member_id = 0;
  std::string kind, state, member_name, from_org_path, from_area_path, to_org_path, to_area_path;
  std::optional<std::int64_t> to_org_id;
};

Transfer transfer_of(const store::Row& r) {
  Transfer t;
  t.id = r.integer(0);
  t.kind = r.text(1);
  t.state = r.text(2);
  t.member_id = r.integer(3);
  t.member_name = r.text(4);
  t.from_org_path = r.is_null(6) ? "" : r.text(6);
  t.from_area_path = r.is_null(7) ? "" : r.text(7);
  if (!r.is_null(9)) t.to_org_id = r.integer(9);
  t.to_org_path = r.is_null(10) ? "" : r.text(10);
  t.to_area_path = r.is_null(11) ? "" : r.text(11);
  return t;
}

std::string org_name(store::Conn& c, const store::Row& r, std::size_t id_col, std::size_t outside_col) {
  if (!r.is_null(id_col)) {
    const auto o = orgs::org_info(c, r.integer(id_col));
    return o ? o->name : "";
  }
  return r.is_null(outside_col) ? "" : r.text(outside_col);
}

std::string letter_code(const store::Row& r) {
  if (r.is_null(14)) return "";
  const auto no = std::to_string(r.integer(15));
  return "（" + std::to_string(r.integer(14)) + "）第" + std::string(4 - std::min<std::size_t>(4, no.size()), '0') +
         no + "号";
}

bj::object render(store::Conn& c, const core::Principal& who, const store::Row& r) {
  const auto t = transfer_of(r);
  const bool sender = detail::reaches(who, core::Action::write, t.from_org_path, t.from_area_path);
  const bool receiver = detail::reaches(who, core::Action::write, t.to_org_path, t.to_area_path);
  return bj::object{
      {"id", t.id},
      {"kind", t.kind},
      {"state", t.state},
      {"member_id", t.member_id},
      {"member_name", t.member_name},
      {"from_org_id", json::opt_int(r, 5)},
      {"from_name", org_name(c, r, 5, 8)},
      {"to_org_id", json::opt_int(r, 9)},
      {"to_name", org_name(c, r, 9, 12)},
      {"reason", r.text(13)},
      {"letter_no", letter_code(r)},
      {"outside_letter_no", json::opt_text(r, 16)},
      {"valid_days", json::opt_int(r, 17)},
      {"receipt_on", json::opt_text(r, 18)},
      {"receipt_note", json::opt_text(r, 19)},
      {"refused_reason", json::opt_text(r, 20)},
      {"started_by", r.text(21)},
      {"started_at", r.integer(22)},
      {"decided_by", json::opt_text(r, 23)},
      {"decided_at", json::opt_int(r, 24)},
      // Until the receiver confirms, the sending organisation manages the member.
      {"responsible", t.state == "pending"     ? "sender"
                      : t.state == "confirmed" ? "receiver"
                                               : "sender"},
      {"can_confirm", t.state == "pending" && t.kind == "within" && receiver},
      {"can_cancel", t.state == "pending" && sender},
      {"can_record_receipt", t.state == "pending" && t.kind == "out" && sender},
      {"rule", std::string(kEducationRegs) + "（接收方确认前，原党组织继续负责管理；无正当理由不得拒绝接收）"}};
}

std::optional<store::Row> load(store::Conn& c, std::int64_t id) {
  return c.one(std::string(sql::kTransferColumns) + "WHERE t.id = ?", {id});
}

// The transfer when `who` reads either side of it, else 404.
store::Row visible(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto r = load(c, id);
  if (r) {
    const auto t = transfer_of(*r);
    if (detail::reaches(who, core::Action::read, t.from_org_path, t.from_area_path) ||
        detail::reaches(who, core::Action::read, t.to_org_path, t.to_area_path)) {
      return *r;
    }
  }
  not_found("转接记录不存在或不在您的管辖范围内");
}

people::MemberStanding movable_member(store::Conn& c, const core::Principal& who, std::int64_t member_id) {
  const auto m = people::member_standing(c, member_id);
  if (!m || !detail::reaches(who, core::Action::read, m->org_path, m->area_path)) {
    not_found("党员不存在或不在您的管辖范围内");
  }
  if (!detail::reaches(who, core::Action::write, m->org_path, m->area_path)) {
    forbidden("组织关系转接由党员所在党组织（转出方）发起");
  }
  if (!may_move(m->status)) conflict("该党员当前状态（" + m->status + "）不能转接组织关系", "member_id");
  if (c.one(sql::kOpenTransferOf, {member_id})) conflict("该党员已有一项转接正在办理，请等待确认或先撤销", "member_id");
  return *m;
}

void notify_receiver(store::Conn& c, const std::string& event, const std::string& area_path, std::int64_t id,
                     const std::string& member, std::int64_t now) {
  notify::enqueue_event(c, event, area_path, bj::object{{"transfer_id", id}, {"member_name", member}}, now);
}

}  // namespace

bj::object start_transfer(App& app, const Actor& by, const TransferStart& t) {
  if (t.kind != "within" && t.kind != "out") bad_request("kind", "kind 应为 within（本县内）或 out（转出本县）");
  if (t.kind == "within" && !t.to_org_id) bad_request("to_org_id", "请选择接收党组织", "required");
  if (t.kind == "out" && t.to_outside.empty()) bad_request("to_outside", "请填写接收党组织名称", "required");
  const auto now = app.now();
  return app.db.write([&](store::Conn& c) {
    const auto m = movable_member(c, by.who, t.member_id);
    std::optional<orgs::OrgInfo> to;
    if (t.kind == "within") {
      to = orgs::org_info(c, *t.to_org_id);
      if (!to) bad_request("to_org_id", "接收党组织不存在");
      if (to->id == m.org_id) bad_request("to_org_id", "接收党组织与所在党组织相同");
      if (to->level == "committee" || to->level == "working_committee") {
        bad_request("to_org_id", "党员组织关系应转入党支部（党总支、党小组），不能直接转入党委");
      }
    }
    std::optional<std::int64_t> year, no, valid;
    if (t.kind == "out") {
      year = std::stoll(core::day_of(now).substr(0, 4));
      no = c.one(sql::kNextCounter, {std::string(kLetterCounter), *year})->integer(0);
      valid = detail::setting_in_force(c, "letter_valid_days", core::local_day(now)).value;
    }
    const auto id =
        c.one(sql::kInsertTransfer,
              {t.kind, std::string("pending"), m.id, m.name, m.org_id, m.org_path, m.area_path, store::null(),
               to ? store::Value(to->id) : store::null(), to ? store::Value(to->path) : store::null(),
               to ? store::Value(to->area_path) : store::null(),
               t.kind == "out" ? store::Value(t.to_outside) : store::null(), t.reason, store::opt(year), store::opt(no),
               store::null(), store::opt(valid), by.name(), now})
            ->integer(0);
    if (to) notify_receiver(c, "relations.transfer_started", to->area_path, id, m.name, now);
    cogov::audit(c, app, by, "start", "relation_transfer", id, t.kind + " member=" + std::to_string(m.id));
    return render(c, by.who, *load(c, id));
  });
}

bj::object record_incoming(App& app, const Actor& by, const TransferIn& t) {
  const auto now = app.now();
  return app.db.write([&](store::Conn& c) {
    const auto m = people::member_standing(c, t.member_id);
    if (!m || !detail::reaches(by.who, core::Action::write, m->org_path, m->area_path)) {
      not_found("党员不存在或不在您的管辖范围内（请先在党员库登记转入的党员）");
    }
    const auto id = c.one(sql::kInsertTransfer,
                          {std::string("in"), std::string("confirmed"), m->id, m->name, store::null(), store::null(),
                           store::null(), t.from_outside, m->org_id, m->org_path, m->area_path, store::null(), t.reason,
                           store::null(), store::null(), t.outside_letter_no, store::null(), by.name(), now})
                        ->integer(0);
    c.execute(sql::kDecideTransfer, {std::string("confirmed"), store::null(), by.name(), now, id});
    cogov::audit(c, app, by, "incoming", "relation_transfer", id, t.from_outside);
    return render(c, by.who, *load(c, id));
  });
}

bj::object confirm_transfer(App& app, const Actor& by, std::int64_t id) {
  const auto now = app.now();
  return app.db.write([&](store::Conn& c) {
    const auto t = transfer_of(visible(c, by.who, id));
    if (t.kind != "within") conflict("转出本县的转接以回执为准，请登记回执", "id");
    if (t.state != "pending") conflict("该转接已办结（" + t.state + "）");
    if (!detail::reaches(by.who, core::Action::write, t.to_org_path, t.to_area_path)) {
      forbidden("只有接收方党组织可以确认接收");
    }
    c.execute(sql::kDecideTransfer, {std::string("confirmed"), store::null(), by.name(), now, id});
    people::move_member(c, t.member_id, *t.to_org_id, by.who.username, now);
    cogov::audit(c, app, by, "confirm", "relation_transfer", id, "member=" + std::to_string(t.member_id));
    return render(c, by.who, *load(c, id));
  });
}

bj::object refuse_transfer(App& app, const Actor& by, std::int64_t id, const std::string& reason) {
  if (reason.empty()) bad_request("reason", refusal_rule(), "required");
  const auto now = app.now();
  return app.db.write([&](store::Conn& c) {
    const auto t = transfer_of(visible(c, by.who, id));
    if (t.kind != "within") conflict("只有本县内的转接由接收方确认或拒绝", "id");
    if (t.state != "pending") conflict("该转接已办结（" + t.state + "）");
    if (!detail::reaches(by.who, core::Action::write, t.to_org_path, t.to_area_path)) {
      forbidden("只有接收方党组织可以拒绝接收");
    }
    c.execute(sql::kDecideTransfer, {std::string("refused"), reason, by.name(), now, id});
    notify_receiver(c, "relations.transfer_refused", t.from_area_path, id, t.member_name, now);
    cogov::audit(c, app, by, "refuse", "relation_transfer", id, reason);
    return render(c, by.who, *load(c, id));
  });
}

bj::object cancel_transfer(App& app, const Actor& by, std::int64_t id, const std::string& reason) {
  const auto now = app.now();
  return app.db.write([&](store::Conn& c) {
    const auto t = transfer_of(visible(c, by.who, id));
    if (t.state != "pending") conflict("该转接已办结（" + t.state + "）");
    if (!detail::reaches(by.who, core::Action::write, t.from_org_path, t.from_area_path)) {
      forbidden("只有转出方党组织可以撤销转接");
    }
    c.execute(sql::kDecideTransfer, {std::string("cancelled"), reason, by.name(), now, id});
    cogov::audit(c, app, by, "cancel", "relation_transfer", id, reason);
    return render(c, by.who, *load(c, id));
  });
}

bj::object record_receipt(App& app, const Actor& by, std::int64_t id, const std::string& returned_on,
                          const std::string& note) {
  const auto now = app.now();
  const auto day = detail::past_day(returned_on, "returned_on", core::local_day(now));
  return app.db.write([&](store::Conn& c) {
    const auto row = visible(c, by.who, id);
    const auto t = transfer_of(row);
    if (t.kind != "out") conflict("只有转出本县的介绍信有回执", "id");
    if (t.state != "pending") conflict("该转接已办结（" + t.state + "）");
    if (!detail::reaches(by.who, core::Action::write, t.from_org_path, t.from_area_path)) {
      forbidden("回执由转出方党组织登记");
    }
    if (day < core::local_day(row.integer(22))) bad_request("returned_on", "回执日期不能早于开具介绍信的日期");
    c.execute(sql::kReceipt, {returned_on, note, by.name(), now, id});
    // The relation has left the installation: the member stays on record, transferred out.
    people::set_member_status(c, t.member_id, "transferred_out", by.who.username, now);
    cogov::audit(c, app, by, "receipt", "relation_transfer", id, returned_on);
    return render(c, by.who, *load(c, id));
  });
}

bj::object transfer(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) { return render(c, who, visible(c, who, id)); });
}

bj::object receivers(App& app, const core::Principal& who, const std::string& name_part) {
  if (!who.can(core::Register::relations, core::Action::write)) forbidden("只有党组织可以发起转接");
  return app.db.read([&](store::Conn& c) {
    bj::array items;
    for (const auto& o : orgs::member_orgs_named(c, name_part, kReceiverPage)) {
      const auto area = orgs::area_by_path(c, o.area_path);
      items.push_back(
          bj::object{{"id", o.id}, {"name", o.name}, {"level", o.level}, {"area_name", area ? area->name : ""}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object transfers(App& app, const core::Principal& who, const TransferQuery& q) {
  return app.db.read([&](store::Conn& c) {
    auto scope = detail::either_side(who, "t.from_area_path", "t.from_org_path", "t.to_area_path", "t.to_org_path");
    std::string where = "WHERE " + scope.sql;
    store::Params params = scope.params;
    if (q.org_id) {
      const auto org = orgs::readable_org(c, who, core::Register::relations, *q.org_id);
      where += " AND ((t.from_org_path >= ? AND t.from_org_path < ?) OR (t.to_org_path >= ? AND t.to_org_path < ?))";
      const auto end = core::path_end(org.path);
      params.insert(params.end(), {org.path, end, org.path, end});
    }
    store::and_if(where, params, "t.state = ?", q.state);
    store::and_if(where, params, "t.kind = ?", q.kind);
    return detail::page(c, sql::kTransferColumns, "t", where, std::move(params), q.limit, q.offset,
                        [&](const store::Row& r) { return render(c, who, r); });
  });
}

}  // namespace jiceng::relations
