// 四民工作法 over HTTP: stages moved by staff, comments and meeting records, household ballots
// (sealed until the vote closes), residents' ratings, and the public page of every matter's stage.
// Each handler parses, calls deliberation's service and renders the matter.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "deliberation/registers.hpp"
#include "deliberation/rules.hpp"
#include "deliberation/service.hpp"
#include "registry/spec.hpp"

namespace jiceng::deliberation {
namespace {

constexpr std::size_t kMaxNote = 1000;

using cogov::actor;

http::Response detail(Ctx& ctx) { return registry::detail_response(*registry::find_spec("deliberations"), ctx); }

http::Response post_advance(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto to = parse_stage(json::req_string(body, "to", 20));
  if (!to) bad_request("to", "目标阶段无效");
  Advance a;
  a.to = *to;
  a.note = json::opt_string(body, "note", kMaxNote).value_or("");
  if (a.to == Stage::voting) {
    a.closes_at = json::opt_int(body, "closes_at");
    a.opens_at = json::opt_int(body, "opens_at");
  }
  advance(ctx.app, actor(ctx), id, a);
  return detail(ctx);
}

http::Response post_note(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto kind = json::req_string(body, "kind", 10);
  if (kind != "comment" && kind != "meeting" && kind != "progress")
    bad_request("kind", "类型应为 comment、meeting 或 progress");
  const auto text = cogov::text_field(body, "body", kMaxNote, "内容");
  add_note(ctx.app, actor(ctx), id, kind, text);
  return detail(ctx);
}

http::Response post_ballot(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto choice = json::req_string(body, "choice", 10);
  if (choice != "yes" && choice != "no" && choice != "abstain") bad_request("choice", "请选择赞成、反对或弃权");
  const auto paper = json::opt_int(body, "household_id");
  cast_ballot(ctx.app, actor(ctx), id, choice, paper);
  return detail(ctx);
}

http::Response post_close_vote(Ctx& ctx) {
  close_vote(ctx.app, actor(ctx), ctx.id());
  return detail(ctx);
}

http::Response post_rating(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto score = json::opt_int(body, "score");
  if (!score || *score < 1 || *score > 5) bad_request("score", "请打 1 到 5 星");
  const auto comment = json::opt_string(body, "comment", kMaxNote).value_or("");
  rate(ctx.app, actor(ctx), id, *score, comment);
  return detail(ctx);
}

http::Response public_list(Ctx& ctx) {
  // Open: nobody need be signed in, and then the whole county is shown.
  const auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2);
  return json::respond(public_matters(ctx.app, area, ctx.principal ? &*ctx.principal : nullptr));
}

http::Response public_detail(Ctx& ctx) { return json::respond(public_matter(ctx.app, ctx.id())); }

}  // namespace

void register_proposal_routes(Router& r);

void register_routes(Router& r) {
  register_proposal_routes(r);
  registry::register_spec_routes(r, {"households", "deliberations"});
  const auto tag = "deliberations";
  r.add("POST", "/api/v1/deliberations/{id}/advance", Access::authenticated, tag, "推进议事阶段", post_advance);
  r.add("POST", "/api/v1/deliberations/{id}/notes", Access::authenticated, tag, "发表意见、会议记录或进展", post_note);
  r.add("POST", "/api/v1/deliberations/{id}/ballots", Access::authenticated, tag, "投票（每户一票）", post_ballot);
  r.add("POST", "/api/v1/deliberations/{id}/close-vote", Access::authenticated, tag, "全部住户投票后提前结束表决",
        post_close_vote);
  r.add("POST", "/api/v1/deliberations/{id}/rating", Access::authenticated, tag, "民评（每户一次）", post_rating);
  r.add("GET", "/api/v1/public/deliberations", Access::open, tag, "公开的议事事项及所处阶段", public_list);
  r.add("GET", "/api/v1/public/deliberations/{id}", Access::open, tag, "公开的议事事项详情", public_detail);
}

}  // namespace jiceng::deliberation
