// Pairing parties and help records, volunteers and their hours, over HTTP: each handler parses,
// calls pairing's service and renders the record.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "pairing/registers.hpp"
#include "pairing/service.hpp"
#include "registry/spec.hpp"

namespace jiceng::pairing {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxContent = 500;

using cogov::actor;

std::string date_field(const bj::object& body, const Ctx& ctx) {
  auto d = json::opt_string(body, "on_date", 10).value_or("");
  const auto today = core::day_of(ctx.app.now());
  if (d.empty()) return today;
  check_date(d, today);
  return d;
}

std::optional<double> hours_field(const bj::object& body, bool required) {
  const auto* v = body.if_contains("hours");
  if (!v || v->is_null()) {
    if (required) bad_request("hours", "请填写服务时长", "required");
    return std::nullopt;
  }
  if (!v->is_number()) bad_request("hours", "时长应为数字");
  const double h = v->to_number<double>();
  check_hours(h);
  return h;
}

http::Response post_party(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Party p;
  p.side = json::req_string(body, "side", 10);
  p.kind = json::req_string(body, "party_kind", 10);
  const auto ref = json::opt_int(body, "ref_id");
  if (!ref || *ref <= 0) bad_request("ref_id", "请选择结对方", "required");
  p.ref_id = *ref;
  add_party(ctx.app, actor(ctx), id, p);
  return registry::detail_response(*registry::find_spec("pairings"), ctx);
}

http::Response delete_party(Ctx& ctx) {
  const auto id = ctx.id();
  const auto party = ctx.id("party_id");
  remove_party(ctx.app, actor(ctx), id, party);
  return registry::detail_response(*registry::find_spec("pairings"), ctx);
}

http::Response post_help(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Help h;
  h.content = cogov::text_field(body, "content", kMaxContent, "帮扶内容");
  h.on_date = date_field(body, ctx);
  h.hours = hours_field(body, false);
  return json::respond(add_help(ctx.app, actor(ctx), id, h), 201);
}

http::Response post_volunteer(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Volunteer v;
  v.person_id = json::opt_int(body, "person_id");
  v.member_id = json::opt_int(body, "member_id");
  v.name = json::opt_string(body, "name", 30).value_or("");
  add_volunteer(ctx.app, actor(ctx), id, std::move(v));
  return registry::detail_response(*registry::find_spec("volunteer-teams"), ctx);
}

http::Response post_hours(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Hours h;
  const auto volunteer = json::opt_int(body, "volunteer_id");
  if (!volunteer) bad_request("volunteer_id", "请选择队员", "required");
  h.volunteer_id = *volunteer;
  h.hours = *hours_field(body, true);
  h.on_date = date_field(body, ctx);
  h.content = cogov::text_field(body, "content", kMaxContent, "服务内容");
  add_hours(ctx.app, actor(ctx), id, h);
  return registry::detail_response(*registry::find_spec("volunteer-teams"), ctx);
}

}  // namespace

void register_routes(Router& r) {
  registry::register_spec_routes(r, {"pairings", "volunteer-teams"});
  const auto tag = "pairings";
  r.add("POST", "/api/v1/pairings/{id}/parties", Access::authenticated, tag, "添加结对方", post_party);
  r.add("DELETE", "/api/v1/pairings/{id}/parties/{party_id}", Access::authenticated, tag, "移除结对方", delete_party);
  r.add("POST", "/api/v1/pairings/{id}/help", Access::authenticated, tag, "记录帮扶", post_help);
  r.add("POST", "/api/v1/volunteer-teams/{id}/volunteers", Access::authenticated, tag, "添加队员", post_volunteer);
  r.add("POST", "/api/v1/volunteer-teams/{id}/hours", Access::authenticated, tag, "登记服务时长", post_hours);
}

}  // namespace jiceng::pairing
