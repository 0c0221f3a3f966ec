// Claims, dispatches and the moves of an order keep three things in step in one transaction: the
// order and its timeline, the subject's status (a need taken, a project's places) and the
// resource's load and ratings that suggestions rank by.
#include "lists/service.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <span>

#include "appeals/exports.hpp"
#include "appeals/service.hpp"
#include "core/errors.hpp"
#include "lists/queries.hpp"
#include "lists/views.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/lookups.hpp"
#include "people/service.hpp"

namespace jiceng::lists {
namespace {

namespace bj = boost::json;
using core::Action;
using core::Register;

// A need made from an appeal is titled by the first characters of what the resident wrote.
constexpr std::size_t kAppealTitleChars = 20;

struct Claimer final {
  const char* kind;
  std::int64_t id;
  std::string name;
};

// Who claims: the unit a unit admin acts for, else the member. Staff do not claim; they dispatch.
Claimer claimer_of(store::Conn& c, const core::Principal& who) {
  if (auto u = cogov::acting_unit(who, Register::lists, Action::write)) {
    auto names = orgs::unit_names(c, std::span(&*u, 1));
    if (auto it = names.find(*u); it != names.end()) return {"unit", *u, it->second};
  }
  if (auto m = cogov::acting_member(who, Register::lists, Action::write)) {
    auto names = people::member_names(c, std::span(&*m, 1));
    if (auto it = names.find(*m); it != names.end()) return {"member", *m, it->second};
  }
  forbidden("只有单位或党员可以认领");
}

void order_event(store::Conn& c, const App& app, const cogov::Actor& by, std::int64_t order, const std::string& action,
                 const std::string& note) {
  c.execute(sql::kInsertOrderEvent,
            {order, app.now(), by.name(), action, note.empty() ? store::null() : store::Value(note)});
}

struct Subject final {
  bool project;  // else a need
  std::int64_t id;
  std::int64_t area_id;
  std::string area_path;
};

std::int64_t insert_order(store::Conn& c, const App& app, const cogov::Actor& by, const Subject& s,
                          std::optional<std::int64_t> resource, const Claimer& who, const char* via, const char* status,
                          const std::string& note) {
  const auto now = app.now();
  const bool unit = std::string_view(who.kind) == "unit";
  auto row = c.one(s.project ? sql::kInsertProjectOrder : sql::kInsertNeedOrder,
                   {s.id, store::opt(resource), std::string(who.kind), unit ? store::Value(who.id) : store::null(),
                    unit ? store::null() : store::Value(who.id), who.name, s.area_id, s.area_path, std::string(via),
                    std::string(status), now, now});
  const auto id = row->integer(0);
  order_event(c, app, by, id, via, note);
  if (resource) c.execute(sql::kResourceTaken, {*resource});
  cogov::audit(c, app, by, via, "service_order", id,
               std::string(s.project ? "project_id" : "need_id") + "=" + std::to_string(s.id));
  return id;
}

// A resource that may take one more order: published and with room (and the claimer's own, when
// a claimer offers it).
void check_room(store::Conn& c, std::int64_t resource, std::optional<Claimer> owner) {
  auto r = c.one(sql::kResourceRoom, {resource});
  if (!r) bad_request("resource_id", "所选资源不存在");
  if (owner) {
    const bool mine = r->text(3) == owner->kind &&
                      ((owner->kind == std::string_view("unit") && !r->is_null(4) && r->integer(4) == owner->id) ||
                       (owner->kind == std::string_view("member") && !r->is_null(5) && r->integer(5) == owner->id));
    if (!mine) bad_request("resource_id", "只能用自己的资源认领");
  }
  if (r->text(0) != "published") conflict("该资源尚未发布或已撤回", "resource_id");
  if (r->integer(1) >= r->integer(2)) conflict("该资源已满负荷，请选择其他资源", "resource_id");
}

// What an order's move does to the need, project and resource it holds.
void settle_subjects(store::Conn& c, std::int64_t now, const store::Row& order, const OrderMove& m) {
  const auto need = order.opt_integer(1);
  const auto project = order.opt_integer(2);
  const auto resource = order.opt_integer(4);
  if (m.action == OrderAction::confirm) {
    if (resource) c.execute(sql::kResourceRated, {*m.rating, *resource});
    if (need) c.execute(sql::kNeedDone, {now, *need});
  }
  if (m.action == OrderAction::cancel) {
    if (resource) c.execute(sql::kResourceReleased, {*resource});
    if (need) c.execute(sql::kNeedReopened, {now, *need});
    if (project) c.execute(sql::kProjectReleased, {now, *project});
  }
}

// The first `chars` characters of `s`, cut on a character boundary.
std::string first_chars(const std::string& s, std::size_t chars) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < chars) {
    const auto ch = static_cast<unsigned char>(s[i]);
    i += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    ++n;
  }
  return s.substr(0, std::min(i, s.size()));
}

}  // namespace

bj::object claim_need(App& app, const cogov::Actor& by, std::int64_t id, const std::string& note,
                      std::optional<std::int64_t> resource) {
  return app.db.write([&](store::Conn& c) {
    const auto who = claimer_of(c, by.who);
    auto need = c.one(sql::kNeedForClaim, {id});
    if (!need) not_found();
    if (need->text(0) != "published") conflict("该需求当前不可认领（已被认领、已完成或未发布）");
    if (resource) check_room(c, *resource, who);
    c.execute(sql::kNeedOrdered, {app.now(), id});
    const auto order = insert_order(c, app, by, Subject{false, id, need->integer(1), need->text(2)}, resource, who,
                                    "claim", "claimed", note);
    return order_detail(c, by.who, order);
  });
}

bj::object claim_project(App& app, const cogov::Actor& by, std::int64_t id, const std::string& note) {
  return app.db.write([&](store::Conn& c) {
    const auto who = claimer_of(c, by.who);
    auto project = c.one(sql::kProjectForClaim, {id});
    if (!project) not_found();
    if (project->text(0) != "published") conflict("该项目当前不可认领（名额已满、已完成或未发布）");
    const bool unit = std::string_view(who.kind) == "unit";
    if (c.one(unit ? sql::kUnitHoldsProject : sql::kMemberHoldsProject, {id, who.id})) conflict("您已认领该项目");
    const auto taken = project->integer(3) + 1;
    c.execute(sql::kProjectTaken,
              {taken, std::string(taken >= project->integer(4) ? "full" : "published"), app.now(), id});
    const auto order = insert_order(c, app, by, Subject{true, id, project->integer(1), project->text(2)}, std::nullopt,
                                    who, "claim", "claimed", note);
    return order_detail(c, by.who, order);
  });
}

bj::object dispatch(App& app, const cogov::Actor& by, std::int64_t id, std::int64_t resource, const std::string& note) {
  return app.db.write([&](store::Conn& c) {
    auto need = need_for_staff(c, by.who, id, Action::write);
    if (!need || !cogov::staff_over(by.who, Register::lists, Action::write, need->text(2))) {
      if (need_for_staff(c, by.who, id, Action::read)) forbidden("只有社区工作人员可以派单");
      not_found();
    }
    if (need->text(0) != "published") conflict("该需求当前不可派单（已被认领、已完成或未发布）");
    check_room(c, resource, std::nullopt);
    auto owner = c.one(sql::kResourceOwner, {resource});
    const Claimer who{owner->text(0) == "unit" ? "unit" : "member", owner->integer(1), owner->text(2)};
    c.execute(sql::kNeedOrdered, {app.now(), id});
    const auto order = insert_order(c, app, by, Subject{false, id, need->integer(1), need->text(2)}, resource, who,
                                    "dispatch", "dispatched", note);
    return order_detail(c, by.who, order);
  });
}

bj::object act(App& app, const cogov::Actor& by, std::int64_t id, const OrderMove& m) {
  return app.db.write([&](store::Conn& c) {
    auto row = order_row(c, by.who, id);
    if (!row) not_found();
    const auto actions = allowed_actions(by.who, *row);
    if (std::find(actions.begin(), actions.end(), m.name) == actions.end()) {
      const auto status = parse_order_status(row->text(kOrderStatus));
      if (status && next_order_status(*status, m.action)) forbidden("您不能对此订单执行该操作");
      conflict("订单当前状态下不能执行该操作");
    }
    const auto to = next_order_status(*parse_order_status(row->text(kOrderStatus)), m.action);
    const auto now = app.now();
    const std::string to_name(order_status_name(*to));
    if (m.action == OrderAction::confirm) {
      const auto points = kBasePoints + *m.rating * kPointsPerStar;
      c.execute(sql::kConfirmOrder, {to_name, *m.rating, m.comment.empty() ? store::null() : store::Value(m.comment),
                                     points, core::month_of(now), now, now, id});
    } else {
      c.execute(sql::kSetOrderStatus, {to_name, now, id});
    }
    settle_subjects(c, now, *row, m);
    order_event(c, app, by, id, m.name, m.action == OrderAction::confirm && !m.comment.empty() ? m.comment : m.note);
    cogov::audit(c, app, by, m.name, "service_order", id, to_name);
    return order_detail(c, by.who, id);
  });
}

void review(App& app, const cogov::Actor& by, List list, std::int64_t id, bool approve, const std::string& note) {
  const char* table = list == List::resources ? "resource" : list == List::needs ? "need" : "project";
  const char* select = list == List::resources ? sql::kResourceForReview
                       : list == List::needs   ? sql::kNeedForReview
                                               : sql::kProjectForReview;
  const char* update = list == List::resources ? sql::kReviewResource
                       : list == List::needs   ? sql::kReviewNeed
                                               : sql::kReviewProject;
  app.db.write([&](store::Conn& c) {
    auto row = c.one(select, {id});
    if (!row || !cogov::staff_over(by.who, Register::lists, Action::read, row->text(1))) not_found();
    if (!cogov::may_approve(by.who, Register::lists, row->text(1))) forbidden("只有社区（村）及以上工作人员可以审核");
    if (row->text(0) != "pending") conflict("只有待审核的条目可以审核");
    c.execute(update, {std::string(approve ? "published" : "rejected"),
                       note.empty() ? store::null() : store::Value(note), app.now(), id});
    cogov::audit(c, app, by, approve ? "approve" : "reject", table, id, note);
  });
}

void withdraw(App& app, const cogov::Actor& by, std::int64_t id) {
  app.db.write([&](store::Conn& c) {
    auto row = c.one(sql::kResourceForWithdraw, {id});
    if (!row) not_found();
    if (!cogov::filer_or_staff(by.who, Register::lists, row->opt_integer(2), row->opt_integer(3), row->text(1)))
      not_found();
    if (row->text(0) == "withdrawn") conflict("该资源已撤回");
    c.execute(sql::kWithdrawResource, {app.now(), id});
    cogov::audit(c, app, by, "withdraw", "resource", id, "");
  });
}

std::int64_t need_from_appeal(App& app, const cogov::Actor& by, std::int64_t id, const std::string& kind,
                              std::string title) {
  return app.db.write([&](store::Conn& c) {
    const auto a = appeals::appeal_for_need(c, by.who, id);
    if (!a) not_found();
    if (a->type != "help") conflict("只有求助类诉求可以转为需求");
    auto area = orgs::area_in_scope(c, by.who, Register::lists, Action::write, a->area_id);
    if (!area) forbidden("您无权在该区域发布需求");
    if (c.one(sql::kNeedOfAppeal, {id})) conflict("该诉求已转为需求");
    if (title.empty()) title = first_chars(a->description, kAppealTitleChars);
    const auto now = app.now();
    auto row =
        c.one(sql::kInsertNeedFromAppeal, {title, kind, a->description, store::opt(a->reporter_name), id, area->id,
                                           area->path, store::opt(a->lon), store::opt(a->lat), now, now});
    const auto need_id = row->integer(0);
    appeals::add_timeline_note(c, by.who, id, now,
                               "已转为需求清单（需求 #" + std::to_string(need_id) + "），由共建单位和党员认领");
    cogov::audit(c, app, by, "create", "need", need_id, "appeal=" + a->code);
    return need_id;
  });
}

}  // namespace jiceng::lists
