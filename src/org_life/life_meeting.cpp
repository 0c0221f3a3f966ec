// 组织生活会: the criticism and self-criticism each participant gave and received, and the
// rectification list (整改清单) tracked to done, with the items past their due date flagged.
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "org_life/internal.hpp"
#include "org_life/queries.hpp"
#include "org_life/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kMaxItems = 100;  // rectification items a meeting lists
constexpr char kLifeMeeting[] = "life_meeting";

detail::Meeting life_meeting(store::Conn& c, const core::Principal& who, std::int64_t id) {
  const auto m = detail::writable(c, who, id);
  if (m.kind != kLifeMeeting) conflict("批评和自我批评、整改清单只在组织生活会中登记", "meeting_id");
  if (m.status == "cancelled") conflict("会议已取消");
  return m;
}

std::string checked_day(const std::string& ymd, const char* field) {
  if (core::parse_day(ymd) == core::kBadDay || !core::is_valid_date(ymd)) bad_request(field, "日期无效");
  return ymd;
}

bj::object render(store::Conn& c, std::int64_t id, std::int64_t today) {
  bj::array criticisms;
  for (const auto& r : c.query(sql::kCriticisms, {id})) {
    criticisms.push_back(
        json::row_object(r, {"id", "member_id", "name", "kind", "by_member_id", "body", "created_by", "created_at"}));
  }
  bj::array items;
  std::int64_t overdue = 0;
  for (const auto& r : c.query(sql::kRectifications, {id})) {
    const bool late = r.is_null(4) && core::parse_day(r.text(3)) < today;
    overdue += late ? 1 : 0;
    items.push_back(bj::object{{"id", r.integer(0)},
                               {"item", r.text(1)},
                               {"owner", r.text(2)},
                               {"due_on", r.text(3)},
                               {"done_on", json::opt_text(r, 4)},
                               {"overdue", late},
                               {"created_by", r.text(5)}});
  }
  return bj::object{{"meeting_id", id},
                    {"criticisms", std::move(criticisms)},
                    {"rectifications", std::move(items)},
                    {"overdue", overdue}};
}

}  // namespace

bj::object life_record(App& app, const core::Principal& who, std::int64_t meeting_id) {
  return app.db.read([&](store::Conn& c) {
    detail::visible(c, who, meeting_id);
    return render(c, meeting_id, core::local_day(app.now()));
  });
}

bj::object add_criticism(App& app, const Actor& by, std::int64_t meeting_id, const Criticism& item) {
  if (item.kind != "self" && item.kind != "given") bad_request("kind", "kind 应为 self（自我批评）或 given（批评）");
  if (item.kind == "given" && !item.by_member_id) bad_request("by_member_id", "请选择提出批评的党员", "required");
  if (item.kind == "self" && item.by_member_id) bad_request("by_member_id", "自我批评不填提出人");
  return app.db.write([&](store::Conn& c) {
    life_meeting(c, by.who, meeting_id);
    const auto on_roll = [&](std::int64_t member, const char* field) {
      const auto r = c.one(sql::kRollName, {meeting_id, member});
      if (!r) bad_request(field, "该党员不在本次会议名单中");
      return r->text(0);
    };
    const auto name = on_roll(item.member_id, "member_id");
    if (item.by_member_id) {
      if (*item.by_member_id == item.member_id)
        bad_request("by_member_id", "批评他人请选择另一名党员，本人请登记为自我批评");
      on_roll(*item.by_member_id, "by_member_id");
    }
    c.execute(sql::kInsertCriticism, {meeting_id, item.member_id, name, item.kind, store::opt(item.by_member_id),
                                      item.body, by.name(), app.now()});
    detail::audit(c, app, by, "criticism", meeting_id, std::to_string(item.member_id));
    return render(c, meeting_id, core::local_day(app.now()));
  });
}

bj::object add_rectification(App& app, const Actor& by, std::int64_t meeting_id, const Rectification& r) {
  checked_day(r.due_on, "due_on");
  return app.db.write([&](store::Conn& c) {
    life_meeting(c, by.who, meeting_id);
    if (c.scalar(sql::kCountRectifications, {meeting_id}) >= kMaxItems) conflict("整改清单最多 100 项");
    c.execute(sql::kInsertRectification, {meeting_id, r.item, r.owner, r.due_on, by.name(), app.now(), app.now()});
    detail::audit(c, app, by, "rectification", meeting_id, r.item);
    return render(c, meeting_id, core::local_day(app.now()));
  });
}

bj::object rectification_done(App& app, const Actor& by, std::int64_t id, const std::string& done_on) {
  checked_day(done_on, "done_on");
  const auto today = core::local_day(app.now());
  if (core::parse_day(done_on) > today) bad_request("done_on", "完成日期不能晚于今天");
  return app.db.write([&](store::Conn& c) {
    const auto row = c.one(sql::kRectificationMeeting, {id});
    if (!row) not_found("整改事项不存在");
    const auto meeting_id = row->integer(0);
    detail::writable(c, by.who, meeting_id);
    c.execute(sql::kRectificationDone, {done_on, app.now(), id});
    detail::audit(c, app, by, "rectified", meeting_id, std::to_string(id));
    return render(c, meeting_id, today);
  });
}

}  // namespace jiceng::org_life
