// Relations over HTTP (/api/v1/relations/…): transfers and their letters, mobile members, the checks,
// 处置 cases, a member's movement record and the county's settings. Each handler parses, calls the
// service and renders.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "relations/rules.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;
using cogov::actor;

constexpr std::size_t kMaxReason = 500, kMaxName = 100, kMaxPlace = 200, kMaxContact = 100, kMaxLetterNo = 50;
constexpr std::size_t kMaxResolution = 2000, kIdNumberMax = 30;
constexpr std::int64_t kMaxPage = 200, kMaxOffset = 1000000, kMaxId = INT64_MAX / 2;

std::int64_t id_field(const bj::object& body, const char* key) {
  const auto v = json::opt_int(body, key);
  if (!v) bad_request(key, std::string("请填写 ") + key, "required");
  if (*v <= 0) bad_request(key, std::string(key) + " 无效");
  return *v;
}

std::string optional_text(const bj::object& body, const char* key, std::size_t max) {
  return json::opt_string(body, key, max).value_or("");
}

void page_of(const Ctx& ctx, std::int64_t& limit, std::int64_t& offset) {
  limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(limit);
  offset = http::int_param(ctx.req, "offset", 0, kMaxOffset).value_or(0);
}

std::optional<std::string> choice(const Ctx& ctx, const char* key, std::initializer_list<const char*> allowed) {
  auto v = ctx.req.param(key);
  if (!v) return std::nullopt;
  for (const char* a : allowed) {
    if (*v == a) return v;
  }
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : "、") + std::string(a);
  bad_request(key, std::string(key) + " 应为 " + list);
}

// ---- Transfers ----

http::Response post_transfer(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  TransferStart t;
  t.member_id = id_field(body, "member_id");
  t.kind = json::req_string(body, "kind", 10);
  t.to_org_id = json::opt_int(body, "to_org_id");
  if (t.to_org_id && *t.to_org_id <= 0) bad_request("to_org_id", "to_org_id 无效");
  t.to_outside = optional_text(body, "to_outside", kMaxName);
  t.reason = cogov::text_field(body, "reason", kMaxReason, "转接原因");
  return json::respond(start_transfer(ctx.app, actor(ctx), t), 201);
}

http::Response post_incoming(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  TransferIn t;
  t.member_id = id_field(body, "member_id");
  t.from_outside = cogov::text_field(body, "from_outside", kMaxName, "转出党组织");
  t.outside_letter_no = cogov::text_field(body, "outside_letter_no", kMaxLetterNo, "介绍信编号");
  t.reason = optional_text(body, "reason", kMaxReason);
  return json::respond(record_incoming(ctx.app, actor(ctx), t), 201);
}

http::Response post_confirm(Ctx& ctx) { return json::respond(confirm_transfer(ctx.app, actor(ctx), ctx.id())); }

http::Response post_refuse(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto reason = json::opt_string(body, "reason", kMaxReason).value_or("");
  return json::respond(refuse_transfer(ctx.app, actor(ctx), ctx.id(), reason));
}

http::Response post_cancel(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(cancel_transfer(ctx.app, actor(ctx), ctx.id(), optional_text(body, "reason", kMaxReason)));
}

http::Response post_receipt(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto on = json::req_string(body, "returned_on", 10);
  return json::respond(record_receipt(ctx.app, actor(ctx), ctx.id(), on, optional_text(body, "note", kMaxReason)));
}

http::Response get_transfer(Ctx& ctx) { return json::respond(transfer(ctx.app, ctx.who(), ctx.id())); }

http::Response get_transfers(Ctx& ctx) {
  TransferQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, kMaxId);
  q.state = choice(ctx, "state", {"pending", "confirmed", "refused", "cancelled"});
  q.kind = choice(ctx, "kind", {"within", "out", "in"});
  page_of(ctx, q.limit, q.offset);
  return json::respond(transfers(ctx.app, ctx.who(), q));
}

http::Response get_receivers(Ctx& ctx) {
  const auto q = ctx.req.param("q").value_or("");
  if (json::utf8_length(q) > static_cast<long>(kMaxName)) bad_request("q", "搜索词最多 100 个字符");
  return json::respond(receivers(ctx.app, ctx.who(), q));
}

http::Response get_letter(Ctx& ctx) {
  http::Response resp;
  resp.status = 200;
  resp.body = letter_html(ctx.app, ctx.who(), ctx.id());
  resp.content_type = "text/html; charset=utf-8";
  return resp;
}

// ---- Flows ----

http::Response post_flow(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  FlowStart f;
  f.member_id = id_field(body, "member_id");
  f.side = json::req_string(body, "side", 10);
  f.host_org_id = json::opt_int(body, "host_org_id");
  if (f.host_org_id && *f.host_org_id <= 0) bad_request("host_org_id", "host_org_id 无效");
  f.host_outside = optional_text(body, "host_outside", kMaxName);
  f.destination = cogov::text_field(body, "destination", kMaxPlace, "流向（现居住或工作地）");
  f.since = json::req_string(body, "since", 10);
  f.contact = cogov::text_field(body, "contact", kMaxContact, "联系方式");
  f.fixed_place = json::opt_bool(body, "fixed_place").value_or(false);
  return json::respond(register_flow(ctx.app, actor(ctx), f), 201);
}

http::Response post_contact(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(record_contact(ctx.app, actor(ctx), ctx.id(), json::req_string(body, "on", 10)));
}

http::Response post_untraceable(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(mark_untraceable(ctx.app, actor(ctx), ctx.id(), json::req_string(body, "since", 10)));
}

http::Response post_end_flow(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(end_flow(ctx.app, actor(ctx), ctx.id(), json::req_string(body, "on", 10)));
}

// The ID number in the body, not the address: it stays out of logs and browser history.
http::Response post_member_lookup(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(member_by_id_number(ctx.app, actor(ctx), json::req_string(body, "id_number", kIdNumberMax)));
}

http::Response get_flow(Ctx& ctx) { return json::respond(flow(ctx.app, ctx.who(), ctx.id())); }

http::Response get_flows(Ctx& ctx) {
  FlowQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, kMaxId);
  q.side = choice(ctx, "side", {"out", "in"});
  q.state = choice(ctx, "state", {"active", "ended"});
  page_of(ctx, q.limit, q.offset);
  return json::respond(flows(ctx.app, ctx.who(), q));
}

// ---- Checks ----

http::Response get_checks(Ctx& ctx) {
  CheckQuery q;
  if (auto k = ctx.req.param("kind")) {
    if (!parse_check(*k)) {
      bad_request("kind",
                  "kind 应为 lost_flow、hanging、untraceable、removal_due、transfer_due 或 transfer_unconfirmed");
    }
    q.kind = *k;
  }
  q.area_id = http::int_param(ctx.req, "area_id", 1, kMaxId);
  q.org_id = http::int_param(ctx.req, "org_id", 1, kMaxId);
  q.state = choice(ctx, "state", {"open", "resolved"}).value_or("open");
  page_of(ctx, q.limit, q.offset);
  return json::respond(checks(ctx.app, ctx.who(), q));
}

http::Response get_check_summary(Ctx& ctx) {
  return json::respond(check_summary(ctx.app, ctx.who(), http::int_param(ctx.req, "area_id", 1, kMaxId)));
}

// ---- Cases ----

http::Response post_case(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  if (const auto from = json::opt_int(body, "org_life_case_id")) {
    if (*from <= 0) bad_request("org_life_case_id", "org_life_case_id 无效");
    return json::respond(adopt_case(ctx.app, actor(ctx), *from), 201);
  }
  CaseOpen k;
  k.member_id = id_field(body, "member_id");
  k.kind = json::req_string(body, "kind", 20);
  k.reason = cogov::text_field(body, "reason", kMaxReason, "处置事由");
  return json::respond(open_case(ctx.app, actor(ctx), k), 201);
}

http::Response post_decision(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  Decision d;
  d.outcome = json::req_string(body, "outcome", 20);
  d.decided_on = json::req_string(body, "decided_on", 10);
  d.resolution = cogov::text_field(body, "resolution", kMaxResolution, "支部决定（会议决议）");
  return json::respond(decide_case(ctx.app, actor(ctx), ctx.id(), d));
}

http::Response post_approval(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto on = json::req_string(body, "approved_on", 10);
  return json::respond(approve_case(ctx.app, actor(ctx), ctx.id(), on, optional_text(body, "note", kMaxReason)));
}

http::Response get_case(Ctx& ctx) { return json::respond(case_of(ctx.app, ctx.who(), ctx.id())); }

http::Response get_cases(Ctx& ctx) {
  CaseQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, kMaxId);
  q.state = choice(ctx, "state", {"correcting", "awaiting_approval", "closed"});
  page_of(ctx, q.limit, q.offset);
  return json::respond(cases(ctx.app, ctx.who(), q));
}

http::Response get_evaluation_cases(Ctx& ctx) { return json::respond(evaluation_cases(ctx.app, ctx.who())); }

// ---- Members, settings ----

http::Response get_member(Ctx& ctx) { return json::respond(member_record(ctx.app, ctx.who(), ctx.id())); }

http::Response post_death(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(record_death(ctx.app, actor(ctx), ctx.id(), json::req_string(body, "on", 10)));
}

http::Response get_settings(Ctx& ctx) { return json::respond(settings(ctx.app)); }

http::Response post_setting(Ctx& ctx) {
  const auto c = cogov::dated_change_of(json::parse_object(ctx.req.body));
  return json::respond(change_setting(ctx.app, actor(ctx), c.key, c.value, c.source, c.effective_from), 201);
}

}  // namespace

void register_routes(Router& r) {
  const auto tag = "relations";
  const std::string b = "/api/v1/relations";
  const auto auth = Access::authenticated;
  r.add("GET", b + "/transfers", auth, tag, "组织关系转接（转出方和接收方均可见）", get_transfers);
  r.add("POST", b + "/transfers", auth, tag, "发起组织关系转接（本县内或转出本县）", post_transfer);
  r.add("GET", b + "/receivers", auth, tag, "可选的接收党组织（全县，按名称搜索）", get_receivers);
  r.add("POST", b + "/transfers/incoming", auth, tag, "登记从外地转入的组织关系（凭介绍信）", post_incoming);
  r.add("GET", b + "/transfers/{id}", auth, tag, "一项转接", get_transfer);
  r.add("GET", b + "/transfers/{id}/letter", auth, tag, "打印组织关系介绍信及回执", get_letter);
  r.add("POST", b + "/transfers/{id}/confirm", auth, tag, "接收方确认接收", post_confirm);
  r.add("POST", b + "/transfers/{id}/refuse", auth, tag, "接收方拒绝接收（须写明理由）", post_refuse);
  r.add("POST", b + "/transfers/{id}/cancel", auth, tag, "转出方撤销转接", post_cancel);
  r.add("POST", b + "/transfers/{id}/receipt", auth, tag, "登记介绍信回执", post_receipt);
  r.add("GET", b + "/flows", auth, tag, "流动党员（流出地和流入地均可见）", get_flows);
  r.add("POST", b + "/flows", auth, tag, "流出登记或流入登记", post_flow);
  r.add("POST", b + "/member-lookup", auth, tag, "流入登记：按身份证号查找本县党员（精确匹配，留痕）",
        post_member_lookup);
  r.add("GET", b + "/flows/{id}", auth, tag, "一条流动党员记录", get_flow);
  r.add("POST", b + "/flows/{id}/contact", auth, tag, "登记与流动党员的联系", post_contact);
  r.add("POST", b + "/flows/{id}/untraceable", auth, tag, "登记失去联系", post_untraceable);
  r.add("POST", b + "/flows/{id}/end", auth, tag, "结束流动登记", post_end_flow);
  r.add("GET", b + "/checks", auth, tag, "排查结果：流而失管、空挂、失联、应转未转、转接未确认", get_checks);
  r.add("GET", b + "/checks/summary", auth, tag, "排查结果按下级区域统计", get_check_summary);
  r.add("GET", b + "/cases", auth, tag, "不合格党员和失联党员处置案件", get_cases);
  r.add("POST", b + "/cases", auth, tag, "立案处置（或接手民主评议的不合格案件）", post_case);
  r.add("GET", b + "/cases/from-evaluations", auth, tag, "民主评议评为不合格、尚待接手的案件", get_evaluation_cases);
  r.add("GET", b + "/cases/{id}", auth, tag, "一件处置案件", get_case);
  r.add("POST", b + "/cases/{id}/decision", auth, tag, "支部作出处置结论", post_decision);
  r.add("POST", b + "/cases/{id}/approval", auth, tag, "上级党组织批准处置结论", post_approval);
  r.add("GET", b + "/members/{id}", auth, tag, "党员的组织关系、流动和处置记录", get_member);
  r.add("POST", b + "/members/{id}/deceased", auth, tag, "登记党员去世", post_death);
  r.add("GET", b + "/settings", auth, tag, "组织关系管理的县级设置（含历史版本）", get_settings);
  r.add("POST", b + "/settings", auth, tag, "设定县级设置的新版本（县委组织部）", post_setting);
}

}  // namespace jiceng::relations
