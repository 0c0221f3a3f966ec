// Organisation life over HTTP (/api/v1/org-life/…): meetings and everything around them. Each
// handler parses, calls org_life's service and renders; settings and compliance are in
// settings_api.cpp.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "core/uploads.hpp"
#include "org_life/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxTopic = 100, kMaxAgenda = 2000, kMaxPlace = 100, kMaxName = 30, kMaxKind = 40;
constexpr std::size_t kMaxMinutes = 20000, kMaxResolution = 1000, kMaxReason = 200, kMaxAssessment = 2000;
constexpr std::size_t kMaxAttendance = 2000, kMaxResolutions = 50, kMaxFileName = 100;
constexpr std::int64_t kEarliest = 946684800;  // 2000-01-01: older records belong to the archive
constexpr std::int64_t kLatest = 4102444800;   // 2100-01-01
constexpr std::int64_t kMaxVotes = 100000;
constexpr std::int64_t kMaxPage = 200;

using cogov::actor;

std::int64_t time_field(const bj::object& body, const char* key) {
  const auto v = json::opt_int(body, key);
  if (!v) bad_request(key, "请填写会议时间", "required");
  if (*v < kEarliest || *v > kLatest) bad_request(key, "会议时间无效");
  return *v;
}

Plan plan_of(const bj::object& body) {
  Plan p;
  p.kind = json::req_string(body, "kind", kMaxKind);
  p.topic = cogov::text_field(body, "topic", kMaxTopic, "会议主题");
  p.agenda = json::opt_string(body, "agenda", kMaxAgenda).value_or("");
  p.place = json::opt_string(body, "place", kMaxPlace).value_or("");
  p.presider = json::opt_string(body, "presider", kMaxName).value_or("");
  p.venue_id = json::opt_int(body, "venue_id");
  if (p.venue_id && *p.venue_id <= 0) bad_request("venue_id", "阵地编号无效");
  p.starts_at = time_field(body, "starts_at");
  return p;
}

std::optional<std::int64_t> count_of(const bj::object& o, const char* key) {
  const auto v = json::opt_int(o, key);
  if (v && (*v < 0 || *v > kMaxVotes)) bad_request(key, "票数无效");
  return v;
}

const bj::array* array_field(const bj::object& body, const char* key, std::size_t max) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) bad_request(key, std::string(key) + " 应为列表");
  if (v->as_array().size() > max) bad_request(key, "条目过多");
  return &v->as_array();
}

Holding holding_of(const bj::object& body) {
  Holding h;
  h.minutes = json::opt_string(body, "minutes", kMaxMinutes).value_or("");
  if (const auto* list = array_field(body, "attendance", kMaxAttendance)) {
    for (const auto& e : *list) {
      if (!e.is_object()) bad_request("attendance", "出席情况应为 {member_id, status} 列表");
      const auto id = json::opt_int(e.as_object(), "member_id");
      if (!id || *id <= 0) bad_request("attendance", "出席情况缺少党员编号");
      h.attendance.emplace_back(*id, json::req_string(e.as_object(), "status", 10));
    }
  }
  if (const auto* list = array_field(body, "resolutions", kMaxResolutions)) {
    for (const auto& e : *list) {
      if (!e.is_object()) bad_request("resolutions", "决议应为 {body, ayes, noes, abstentions} 列表");
      const auto& o = e.as_object();
      h.resolutions.push_back({cogov::text_field(o, "body", kMaxResolution, "决议内容"), count_of(o, "ayes"),
                               count_of(o, "noes"), count_of(o, "abstentions")});
    }
  }
  return h;
}

http::Response post_meeting(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto org = json::opt_int(body, "org_id");
  if (!org || *org <= 0) bad_request("org_id", "请选择党组织", "required");
  return json::respond(create_meeting(ctx.app, actor(ctx), *org, plan_of(body)), 201);
}

http::Response put_meeting(Ctx& ctx) {
  const auto id = ctx.id();
  return json::respond(update_meeting(ctx.app, actor(ctx), id, plan_of(json::parse_object(ctx.req.body))));
}

http::Response get_meetings(Ctx& ctx) {
  MeetingQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, INT64_MAX / 2);
  q.from = http::int_param(ctx.req, "from", 0, kLatest);
  q.to = http::int_param(ctx.req, "to", 0, kLatest);
  q.limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(q.limit);
  q.offset = http::int_param(ctx.req, "offset", 0, 1000000).value_or(0);
  if (auto k = ctx.req.param("kind"); k && !k->empty()) {
    if (k->size() > kMaxKind) bad_request("kind", "会议类型无效");
    q.kind = *k;
  }
  if (auto s = ctx.req.param("status"); s && !s->empty()) {
    if (*s != "planned" && *s != "announced" && *s != "held" && *s != "cancelled") bad_request("status", "状态无效");
    q.status = *s;
  }
  return json::respond(meetings(ctx.app, ctx.who(), q));
}

http::Response get_meeting(Ctx& ctx) { return json::respond(meeting(ctx.app, ctx.who(), ctx.id())); }

http::Response post_announce(Ctx& ctx) { return json::respond(announce(ctx.app, actor(ctx), ctx.id())); }

http::Response post_cancel(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(cancel(ctx.app, actor(ctx), id, cogov::text_field(body, "reason", kMaxReason, "取消原因")));
}

http::Response post_hold(Ctx& ctx) {
  const auto id = ctx.id();
  return json::respond(hold(ctx.app, actor(ctx), id, holding_of(json::parse_object(ctx.req.body))));
}

http::Response put_minutes(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(set_minutes(ctx.app, actor(ctx), id, json::req_string(body, "minutes", kMaxMinutes)));
}

http::Response post_guest(Ctx& ctx) {
  const auto id = ctx.id();
  const auto member = json::opt_int(json::parse_object(ctx.req.body), "member_id");
  if (!member || *member <= 0) bad_request("member_id", "请选择党员", "required");
  return json::respond(add_guest(ctx.app, actor(ctx), id, *member));
}

http::Response post_leave(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(
      request_leave(ctx.app, actor(ctx), id, cogov::text_field(body, "reason", kMaxReason, "请假事由")));
}

http::Response post_leave_decision(Ctx& ctx) {
  const auto id = ctx.id();
  const auto member = ctx.id("member_id");
  const auto grant = json::opt_bool(json::parse_object(ctx.req.body), "grant");
  if (!grant) bad_request("grant", "请选择批准或不批准", "required");
  return json::respond(decide_leave(ctx.app, actor(ctx), id, member, *grant));
}

http::Response post_file(Ctx& ctx) {
  if (!ctx.who().can(core::Register::org_life, core::Action::write)) forbidden();
  const auto mime = http::document_upload(ctx.req, "附件");
  const auto hash = save_file(ctx.app, ctx.req.body, mime);
  return json::respond(bj::object{{"hash", hash}, {"mime", mime}, {"url", "/api/v1/org-life/files/" + hash}}, 201);
}

http::Response get_file(Ctx& ctx) {
  auto file = file_for(ctx.app, ctx.who(), ctx.params.at("hash"));
  if (!file) not_found("附件不存在");
  return http::blob_response(std::move(*file));
}

http::Response post_attachment(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto hash = json::req_string(body, "hash", 64);
  const auto name = cogov::text_field(body, "name", kMaxFileName, "附件名称");
  return json::respond(attach(ctx.app, actor(ctx), id, hash, name));
}

http::Response post_observer(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(assign_observer(ctx.app, actor(ctx), id, json::req_string(body, "username", 64)));
}

http::Response put_assessment(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(assess(ctx.app, actor(ctx), id, cogov::text_field(body, "assessment", kMaxAssessment, "评价")));
}

http::Response get_mine(Ctx& ctx) { return json::respond(my_meetings(ctx.app, ctx.who())); }

}  // namespace

void register_settings_routes(Router& r);
void register_evaluation_routes(Router& r);
void register_lookup_routes(Router& r);

void register_routes(Router& r) {
  register_settings_routes(r);
  register_evaluation_routes(r);
  register_lookup_routes(r);
  RouteGroup g(r, "/api/v1/org-life", "org_life");
  g.add("POST", "/meetings", "计划一次会议（三会一课、主题党日等）", post_meeting);
  g.add("GET", "/meetings", "会议列表（本人管辖范围）", get_meetings);
  g.add("GET", "/meetings/{id}", "会议详情：出席、记录、决议、附件、旁听评价", get_meeting);
  g.add("PUT", "/meetings/{id}", "修改会议计划", put_meeting);
  g.add("POST", "/meetings/{id}/announce", "发布会议通知", post_announce);
  g.add("POST", "/meetings/{id}/cancel", "取消会议", post_cancel);
  g.add("POST", "/meetings/{id}/hold", "登记召开情况：出席、记录、决议（按规则判断法定人数）", post_hold);
  g.add("PUT", "/meetings/{id}/minutes", "填写会议记录", put_minutes);
  g.add("POST", "/meetings/{id}/attendees", "外单位党员列席（流动党员、双报到党员）", post_guest);
  g.add("POST", "/meetings/{id}/leave", "党员请假", post_leave);
  g.add("POST", "/meetings/{id}/leave/{member_id}", "书记审批请假", post_leave_decision);
  g.add("POST", "/meetings/{id}/attachments", "添加附件（先上传文件）", post_attachment);
  g.add("POST", "/meetings/{id}/observers", "指派巡学旁听人员", post_observer);
  g.add("PUT", "/meetings/{id}/assessment", "旁听人员填写评价", put_assessment);
  g.add("POST", "/files", "上传附件（PDF、Word、图片，≤8 MB），返回编号", post_file);
  g.add("GET", "/files/{hash}", "按编号取附件", get_file);
  g.add("GET", "/my/meetings", "我的会议（党员）", get_mine);
}

}  // namespace jiceng::org_life
