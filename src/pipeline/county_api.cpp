// The county's side of the member pipeline over HTTP: settings, quotas and their moves, joint
// reviews and sampling re-checks. Parse, call the service, render.
#include <boost/json.hpp>
#include <charconv>

#include "cogov/common.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxReason = 200, kMaxTitle = 100, kMaxNote = 500;
constexpr std::size_t kMaxBatch = 200;
constexpr std::int64_t kFirstYear = 2000, kLastYear = 2100;
constexpr std::size_t kMaxSeedDigits = 20;

using cogov::actor;

int year_field(const bj::object& body) {
  const auto y = json::opt_int(body, "year");
  if (!y) bad_request("year", "请填写年度", "required");
  if (*y < kFirstYear || *y > kLastYear) bad_request("year", "年度无效");
  return static_cast<int>(*y);
}

std::int64_t positive(const bj::object& body, const char* key, const char* label) {
  const auto v = json::opt_int(body, key);
  if (!v) bad_request(key, std::string("请填写") + label, "required");
  if (*v <= 0) bad_request(key, std::string(label) + "无效");
  return *v;
}

http::Response get_settings(Ctx& ctx) { return json::respond(settings(ctx.app)); }

http::Response post_setting(Ctx& ctx) {
  const auto c = cogov::dated_change_of(json::parse_object(ctx.req.body));
  return json::respond(change_setting(ctx.app, actor(ctx), c.key, c.value, c.source, c.effective_from), 201);
}

int year_param(Ctx& ctx) {
  const auto y = http::int_param(ctx.req, "year", kFirstYear, kLastYear);
  return static_cast<int>(y.value_or(std::stoi(core::day_of(ctx.app.now()).substr(0, 4))));
}

http::Response get_quotas(Ctx& ctx) { return json::respond(quotas(ctx.app, ctx.who(), year_param(ctx))); }

http::Response put_quota(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto year = year_field(body);
  const auto org = positive(body, "org_id", "党组织");
  const auto quota = json::opt_int(body, "quota");
  if (!quota) bad_request("quota", "请填写指标数", "required");
  return json::respond(set_quota(ctx.app, actor(ctx), year, org, *quota));
}

http::Response post_move(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto year = year_field(body);
  const auto from = positive(body, "from_org_id", "调出的党组织");
  const auto to = positive(body, "to_org_id", "调入的党组织");
  const auto amount = positive(body, "amount", "调剂数量");
  const auto reason = cogov::text_field(body, "reason", kMaxReason, "调剂理由");
  return json::respond(move_quota(ctx.app, actor(ctx), year, from, to, amount, reason), 201);
}

http::Response post_review(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto title = cogov::text_field(body, "title", kMaxTitle, "批次名称");
  const auto* list = body.if_contains("person_ids");
  if (!list || !list->is_array()) bad_request("person_ids", "请选择发展对象", "required");
  if (list->as_array().size() > kMaxBatch) bad_request("person_ids", "每批最多 200 人");
  std::vector<std::int64_t> ids;
  for (const auto& v : list->as_array()) {
    if (!v.is_int64() || v.as_int64() <= 0) bad_request("person_ids", "应为档案编号列表");
    ids.push_back(v.as_int64());
  }
  return json::respond(open_review(ctx.app, actor(ctx), title, ids), 201);
}

http::Response post_decisions(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto* list = body.if_contains("decisions");
  if (!list || !list->is_array()) bad_request("decisions", "请填写审查意见", "required");
  if (list->as_array().size() > kMaxBatch) bad_request("decisions", "条目过多");
  std::vector<Decision> decisions;
  for (const auto& v : list->as_array()) {
    if (!v.is_object()) bad_request("decisions", "审查意见应为 {person_id, approved, note} 列表");
    const auto& o = v.as_object();
    Decision d;
    const auto pid = json::opt_int(o, "person_id");
    if (!pid || *pid <= 0) bad_request("decisions", "审查意见缺少档案编号");
    d.person_id = *pid;
    const auto approved = json::opt_bool(o, "approved");
    if (!approved) bad_request("decisions", "请选择通过或退回");
    d.approved = *approved;
    d.note = json::opt_string(o, "note", kMaxNote).value_or("");
    decisions.push_back(std::move(d));
  }
  return json::respond(decide_review(ctx.app, actor(ctx), id, decisions));
}

http::Response post_recheck(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto year = year_field(body);
  const auto size = positive(body, "size", "抽查人数");
  std::optional<std::uint64_t> seed;
  if (auto text = json::opt_string(body, "seed", kMaxSeedDigits)) {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size()) {
      bad_request("seed", "随机种子应为不超过20位的非负整数");
    }
    seed = v;
  }
  return json::respond(draw_recheck(ctx.app, actor(ctx), year, size, seed), 201);
}

http::Response post_recheck_item(Ctx& ctx) {
  const auto id = ctx.id();
  const auto person = ctx.id("person_id");
  const auto body = json::parse_object(ctx.req.body);
  const auto result = json::req_string(body, "result", 10);
  const auto note = json::opt_string(body, "note", kMaxNote).value_or("");
  return json::respond(record_recheck(ctx.app, actor(ctx), id, person, result, note));
}

}  // namespace

void register_county_routes(Router& r) {
  const auto tag = "pipeline";
  const std::string base = "/api/v1/pipeline";
  const auto auth = Access::authenticated;
  r.add("GET", base + "/settings", auth, tag, "县级设置（公示天数、政审有效期、联审、提醒天数，含历史版本）",
        get_settings);
  r.add("POST", base + "/settings", auth, tag, "设定县级设置的新版本（县委组织部，注明生效日期）", post_setting);
  r.add("GET", base + "/quotas", auth, tag, "年度发展党员指标及使用情况（指标单列）", get_quotas);
  r.add("PUT", base + "/quotas", auth, tag, "下达一个党组织的年度指标（县委组织部）", put_quota);
  r.add("POST", base + "/quotas/moves", auth, tag, "指标动态调剂（县委组织部）", post_move);
  r.add("GET", base + "/reviews", auth, tag, "县级联审批次",
        [](Ctx& ctx) { return json::respond(reviews(ctx.app, ctx.who())); });
  r.add("POST", base + "/reviews", auth, tag, "提交一批发展对象县级联审（县委组织部）", post_review);
  r.add("GET", base + "/reviews/{id}", auth, tag, "联审批次详情",
        [](Ctx& ctx) { return json::respond(review(ctx.app, ctx.who(), ctx.id())); });
  r.add("POST", base + "/reviews/{id}/decisions", auth, tag, "联审意见：通过或退回（县委组织部）", post_decisions);
  r.add("POST", base + "/rechecks", auth, tag, "提级抽查复核：按记录的随机种子抽取样本（县委组织部）", post_recheck);
  r.add("GET", base + "/rechecks", auth, tag, "一年的提级抽查批次及复核进度",
        [](Ctx& ctx) { return json::respond(rechecks(ctx.app, ctx.who(), year_param(ctx))); });
  r.add("GET", base + "/rechecks/{id}", auth, tag, "抽查批次及复核结论",
        [](Ctx& ctx) { return json::respond(recheck(ctx.app, ctx.who(), ctx.id())); });
  r.add("POST", base + "/rechecks/{id}/items/{person_id}", auth, tag, "登记一人的复核结论（县委组织部）",
        post_recheck_item);
}

}  // namespace jiceng::pipeline
