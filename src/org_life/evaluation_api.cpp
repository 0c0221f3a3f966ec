// 民主评议党员, 谈心谈话, 组织生活会 and the county's dated settings over HTTP (/api/v1/org-life/…): parse, call the
// service (evaluation.cpp), render.
#include <algorithm>
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "org_life/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxAssessment = 2000, kMaxComment = 500, kMaxReason = 500;
constexpr std::int64_t kFirstYear = 2000, kLastYear = 2100;
constexpr std::size_t kMaxIds = 7;
constexpr std::size_t kMaxGrade = 20;  // a grade's code
constexpr std::size_t kMaxOwner = 30;  // a branch committee has at most seven

using cogov::actor;

http::Response get_settings(Ctx& ctx) { return json::respond(settings(ctx.app)); }

http::Response post_setting(Ctx& ctx) {
  const auto c = cogov::dated_change_of(json::parse_object(ctx.req.body));
  return json::respond(change_setting(ctx.app, actor(ctx), c.key, c.value, c.source, c.effective_from), 201);
}

http::Response post_campaign(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto org = json::opt_int(body, "org_id");
  if (!org || *org <= 0) bad_request("org_id", "请选择党组织", "required");
  const auto year = json::opt_int(body, "year");
  if (!year || *year < kFirstYear || *year > kLastYear) bad_request("year", "请填写评议年度", "required");
  return json::respond(open_campaign(ctx.app, actor(ctx), *org, static_cast<int>(*year)), 201);
}

http::Response get_campaigns(Ctx& ctx) {
  const auto org = http::int_param(ctx.req, "org_id", 1, INT64_MAX / 2);
  if (!org) bad_request("org_id", "请选择党组织", "required");
  return json::respond(org_campaigns(ctx.app, ctx.who(), *org));
}

http::Response get_campaign(Ctx& ctx) { return json::respond(campaign(ctx.app, ctx.who(), ctx.id())); }

http::Response post_close(Ctx& ctx) { return json::respond(close_campaign(ctx.app, actor(ctx), ctx.id())); }

http::Response put_self(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto text = cogov::text_field(body, "self_assessment", kMaxAssessment, "自评");
  return json::respond(self_assess(ctx.app, actor(ctx), id, text));
}

// A grade one member of the campaign is given (a peer's, the branch's), with an optional note.
template <class Give>
http::Response put_grade(Ctx& ctx, const char* grade_key, const char* note_key, std::size_t max_note, Give give) {
  const auto id = ctx.id();
  const auto member = ctx.id("member_id");
  const auto body = json::parse_object(ctx.req.body);
  const auto grade = json::req_string(body, grade_key, kMaxGrade);
  const auto note = json::opt_string(body, note_key, max_note).value_or("");
  return json::respond(give(ctx.app, actor(ctx), id, member, grade, note));
}

http::Response put_peer(Ctx& ctx) { return put_grade(ctx, "grade", "comment", kMaxComment, peer_assess); }
http::Response put_rating(Ctx& ctx) { return put_grade(ctx, "rating", "reason", kMaxReason, rate); }

http::Response get_member(Ctx& ctx) { return json::respond(member_evaluations(ctx.app, ctx.who(), ctx.id())); }

http::Response get_mine(Ctx& ctx) { return json::respond(my_evaluations(ctx.app, ctx.who())); }

http::Response put_committee(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto* v = body.if_contains("member_ids");
  if (!v || !v->is_array()) bad_request("member_ids", "请选择支委", "required");
  std::vector<std::int64_t> ids;
  for (const auto& x : v->as_array()) {
    if (!x.is_int64() || x.as_int64() <= 0) bad_request("member_ids", "党员编号无效");
    ids.push_back(x.as_int64());
  }
  if (ids.size() > kMaxIds) bad_request("member_ids", "支部委员会最多不超过7人");
  return json::respond(set_committee(ctx.app, actor(ctx), id, ids));
}

http::Response get_talks(Ctx& ctx) {
  const auto org = http::int_param(ctx.req, "org_id", 1, INT64_MAX / 2);
  if (!org) bad_request("org_id", "请选择党组织", "required");
  const auto year = http::int_param(ctx.req, "year", kFirstYear, kLastYear);
  const int y = static_cast<int>(year.value_or(std::stoi(core::day_of(ctx.app.now()).substr(0, 4))));
  return json::respond(talks(ctx.app, ctx.who(), *org, y));
}

http::Response post_talk(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto org = json::opt_int(body, "org_id");
  if (!org || *org <= 0) bad_request("org_id", "请选择党组织", "required");
  const auto a = json::opt_int(body, "a");
  if (!a || *a <= 0) bad_request("a", "请选择谈话人", "required");
  const auto b = json::opt_int(body, "b");
  if (!b || *b <= 0) bad_request("b", "请选择谈话对象", "required");
  const auto on = json::req_string(body, "done_on", 10);
  return json::respond(record_talk(ctx.app, actor(ctx), *org, *a, *b, on));
}

http::Response get_life(Ctx& ctx) { return json::respond(life_record(ctx.app, ctx.who(), ctx.id())); }

http::Response post_criticism(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Criticism item;
  const auto member = json::opt_int(body, "member_id");
  if (!member || *member <= 0) bad_request("member_id", "请选择党员", "required");
  item.member_id = *member;
  item.kind = json::req_string(body, "kind", 10);
  item.by_member_id = json::opt_int(body, "by_member_id");
  if (item.by_member_id && *item.by_member_id <= 0) bad_request("by_member_id", "党员编号无效");
  item.body = cogov::text_field(body, "body", kMaxAssessment, "内容");
  return json::respond(add_criticism(ctx.app, actor(ctx), id, item), 201);
}

http::Response post_rectification(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Rectification r;
  r.item = cogov::text_field(body, "item", kMaxComment, "整改事项");
  r.owner = cogov::text_field(body, "owner", kMaxOwner, "责任人");
  r.due_on = json::req_string(body, "due_on", 10);
  return json::respond(add_rectification(ctx.app, actor(ctx), id, r), 201);
}

http::Response put_rectification(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(rectification_done(ctx.app, actor(ctx), id, json::req_string(body, "done_on", 10)));
}

}  // namespace

void register_evaluation_routes(Router& r) {
  RouteGroup g(r, "/api/v1/org-life", "org_life");
  g.add("GET", "/settings", "县级设置（如民主评议优秀比例上限，含历史版本）", get_settings);
  g.add("POST", "/settings", "设定县级设置的新版本（县委组织部，注明生效日期）", post_setting);
  g.add("POST", "/evaluations", "开展年度民主评议党员", post_campaign);
  g.add("GET", "/evaluations", "一个党组织的历年民主评议", get_campaigns);
  g.add("GET", "/evaluations/{id}", "民主评议详情：自评、互评、评定等次", get_campaign);
  g.add("POST", "/evaluations/{id}/close", "结束民主评议（全部评定后）", post_close);
  g.add("PUT", "/evaluations/{id}/self", "党员自评（手机端）", put_self);
  g.add("PUT", "/evaluations/{id}/peers/{member_id}", "党员互评", put_peer);
  g.add("PUT", "/evaluations/{id}/ratings/{member_id}", "支部评定等次（基本合格、不合格须写明理由）", put_rating);
  g.add("GET", "/members/{id}/evaluations", "党员历年民主评议结果", get_member);
  g.add("PUT", "/orgs/{id}/committee", "登记支部委员（谈心谈话对象由此确定）", put_committee);
  g.add("GET", "/talks", "年度谈心谈话对象及完成情况", get_talks);
  g.add("POST", "/talks", "登记一次谈心谈话及日期", post_talk);
  g.add("GET", "/meetings/{id}/life", "组织生活会：批评与自我批评、整改清单", get_life);
  g.add("POST", "/meetings/{id}/criticisms", "登记批评或自我批评", post_criticism);
  g.add("POST", "/meetings/{id}/rectifications", "添加整改事项（责任人、完成时限）", post_rectification);
  g.add("PUT", "/rectifications/{id}", "登记整改完成日期", put_rectification);
  g.add("GET", "/my/evaluations", "我的民主评议（党员）", get_mine);
}

namespace {

constexpr std::size_t kMaxLookupChars = 20;

// ?q= a name's beginning or a member's number: the guest picker of a meeting.
http::Response get_member_lookup(Ctx& ctx) {
  const auto id = ctx.id();
  const auto q = ctx.req.param("q").value_or("");
  const long n = json::utf8_length(q);
  if (q.empty() || n <= 0) bad_request("q", "请输入姓名或党员编号", "required");
  if (static_cast<std::size_t>(n) > kMaxLookupChars) bad_request("q", "搜索词最多 20 个字符");
  if (std::any_of(q.begin(), q.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }))
    bad_request("q", "搜索词不能包含控制字符");
  return json::respond(member_lookup(ctx.app, ctx.who(), id, q));
}

http::Response get_committee(Ctx& ctx) { return json::respond(committee_and_term(ctx.app, ctx.who(), ctx.id())); }

}  // namespace

void register_lookup_routes(Router& r) {
  RouteGroup g(r, "/api/v1/org-life", "org_life");
  g.add("GET", "/meetings/{id}/member-lookup", "按姓名或党员编号查找列席党员（本人管辖区域内）", get_member_lookup);
  g.add("GET", "/orgs/{id}/committee", "支部委员、委员会人数和换届情况，及可选的本组织党员", get_committee);
}

}  // namespace jiceng::org_life
