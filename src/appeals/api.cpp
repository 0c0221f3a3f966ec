// Appeal routes: the resident's public intake and tracking by code, and the staff work queue.
#include <algorithm>
#include <boost/json.hpp>

#include "appeals/assignment.hpp"
#include "appeals/photos.hpp"
#include "appeals/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kDefaultPage = 20;
constexpr std::int64_t kMaxPage = 100;
constexpr std::size_t kMaxComment = 200;
constexpr std::size_t kMaxQuery = 50;

// Tracking codes are 10 characters of an alphabet without look-alikes; anything else is unknown.
std::string code_param(const Ctx& ctx) {
  const auto it = ctx.params.find("code");
  const auto code = normalize_code(it == ctx.params.end() ? "" : it->second);
  if (!is_tracking_code(code)) not_found("找不到此查询码对应的诉求");
  return code;
}

http::Response public_categories(Ctx& ctx) {
  auto resp = json::respond(bj::object{{"items", categories(ctx.app)}});
  resp.set_header("Cache-Control", "public, max-age=300");
  return resp;
}

http::Response public_grids(Ctx& ctx) {
  auto resp = json::respond(bj::object{{"type", "FeatureCollection"}, {"features", grid_features(ctx.app)}});
  resp.set_header("Cache-Control", "public, max-age=300");
  return resp;
}

http::Response public_file(Ctx& ctx) {
  limit_intake(ctx.app, ctx.req.client_ip, "");
  const auto in = parse_intake(json::parse_object(ctx.req.body), false);
  limit_intake(ctx.app, "", in.phone);
  const auto created = file(ctx.app, in, nullptr, ctx.req.client_ip);
  auto view = public_view(ctx.app, created.code);
  return json::respond(*view, 201);
}

http::Response public_get(Ctx& ctx) {
  auto view = public_view(ctx.app, code_param(ctx));
  if (!view) not_found("找不到此查询码对应的诉求");
  auto resp = json::respond(*view);
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response public_rate(Ctx& ctx) {
  const auto code = code_param(ctx);
  const auto body = json::parse_object(ctx.req.body);
  const auto s = parse_satisfaction(json::req_string(body, "satisfaction", 20));
  if (!s) bad_request("satisfaction", "评价应为 满意、基本满意、不满意 之一");
  rate(ctx.app, code, *s, json::opt_string(body, "comment", kMaxComment).value_or(""), ctx.req.client_ip);
  return json::respond(*public_view(ctx.app, code));
}

// The due order's cursor is "deadline.id".
std::pair<std::int64_t, std::int64_t> due_cursor(const std::string& after) {
  const auto dot = after.find('.');
  try {
    if (dot == std::string::npos) throw std::invalid_argument("cursor");
    return {std::stoll(after.substr(0, dot)), std::stoll(after.substr(dot + 1))};
  } catch (const std::exception&) {
    bad_request("after", "after 应为上一页返回的 next_cursor");
  }
}

http::Response staff_list(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::read)) forbidden();
  QueueQuery q;
  q.queue = ctx.req.param("queue").value_or("all");
  if (auto l = http::int_param(ctx.req, "limit", 1, kMaxPage)) q.limit = *l;
  // "mine" reads the open appeals' assignee index in deadline order; every other queue pages by id.
  q.by_due = ctx.req.param("order").value_or("") == "due";
  if (!q.by_due) q.before_id = http::int_param(ctx.req, "after", 1, INT64_MAX / 2);
  if (auto o = ctx.req.param("order"); o && !o->empty() && *o != "due" && *o != "new") {
    bad_request("order", "order 应为 due（先到期的在前）或 new（新登记的在前）");
  }
  if (!is_queue(q.queue)) {
    bad_request("queue", "queue 应为 mine、open、pending、working、due_soon、overdue、closed、all 之一");
  }
  q.type = ctx.req.param("type").value_or("");
  q.category_id = http::int_param(ctx.req, "category_id", 1, INT64_MAX / 2);
  q.text = ctx.req.param("q").value_or("");
  if (!q.text.empty()) {
    const long n = json::utf8_length(q.text);
    if (n < 0 || static_cast<std::size_t>(n) > kMaxQuery) bad_request("q", "搜索词最多 50 个字符");
  }
  if (auto a = ctx.req.param("after"); q.by_due && a && !a->empty()) q.after_due = due_cursor(*a);
  return json::respond(queue_page(ctx.app, ctx.who(), q));
}

http::Response staff_assignees(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::write)) forbidden();
  return json::respond(bj::object{{"items", assignees(ctx.app, ctx.who(), ctx.id())}});
}

http::Response staff_assign(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::write)) forbidden();
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto account = json::opt_int(body, "account_id");
  if (!account || *account <= 0) bad_request("account_id", "请选择转派给谁", "required");
  assign(ctx.app, ctx.who(), id, *account, ctx.req.client_ip);
  return json::respond(detail_of(ctx.app, id, ctx.who()));
}

http::Response staff_detail(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::read)) forbidden();
  auto view = visible_detail(ctx.app, ctx.id(), ctx.who());
  if (!view) not_found();
  return json::respond(*view);
}

http::Response staff_file(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::write)) forbidden();
  const auto in = parse_intake(json::parse_object(ctx.req.body), true);
  const auto created = file(ctx.app, in, &ctx.who(), ctx.req.client_ip);
  return json::respond(detail_of(ctx.app, created.id, ctx.who()), 201);
}

http::Response staff_act(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::write)) forbidden();
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto action = parse_action(json::req_string(body, "action", 20));
  if (!action) bad_request("action", "未知的操作");
  Move m{*action, {}, std::nullopt, std::nullopt, std::nullopt};
  m.note = json::opt_string(body, "note", 500).value_or("");
  if (auto reason = json::opt_string(body, "reason", 500); reason && !reason->empty()) m.note = *reason;
  if (auto s = json::opt_string(body, "satisfaction", 20); s && !s->empty()) {
    m.satisfaction = parse_satisfaction(*s);
    if (!m.satisfaction) bad_request("satisfaction", "回访结果应为 满意、基本满意、不满意 之一");
  }
  m.merge_into = json::opt_int(body, "merge_into");
  m.target_area = json::opt_int(body, "area_id");
  m.photos = parse_photo_list(body.if_contains("photos"));
  act(ctx.app, ctx.who(), id, m, ctx.req.client_ip);
  return json::respond(detail_of(ctx.app, id, ctx.who()));
}

http::Response staff_figures(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::read)) forbidden();
  const auto now = ctx.app.now();
  FigureQuery q;
  const auto today = core::local_day(now);
  auto day_param = [&](const char* name, std::int64_t def) {
    auto v = ctx.req.param(name);
    if (!v || v->empty()) return core::format_day(def);
    if (core::parse_day(*v) == core::kBadDay) bad_request(name, std::string(name) + " 应为日期，如 2026-11-01");
    return *v;
  };
  const auto month_start = core::parse_day(core::format_day(today).substr(0, 8) + "01");
  q.from_day = day_param("from", month_start);
  q.to_day = day_param("to", today);
  if (q.from_day > q.to_day) bad_request("from", "开始日期不能晚于结束日期");
  if (auto cat = ctx.req.param("category_id"); cat && !cat->empty()) {
    if (cat->size() > 18 || cat->find_first_not_of("0123456789") != std::string::npos)
      bad_request("category_id", "category_id 应为整数");
    q.category_id = std::stoll(*cat);
  }
  std::optional<std::int64_t> area_id;
  if (auto a = ctx.req.param("area_id"); a && !a->empty()) {
    if (a->size() > 18 || a->find_first_not_of("0123456789") != std::string::npos)
      bad_request("area_id", "area_id 应为整数");
    area_id = std::stoll(*a);
  }
  return json::respond(figures_for(ctx.app, ctx.who(), q, area_id, now));
}

// The county's functional departments, for whoever may whistle: a directory, not scoped by area.
http::Response staff_departments(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::write)) forbidden();
  const auto q = ctx.req.param("q").value_or("");
  if (!q.empty()) {
    const long n = json::utf8_length(q);
    if (n < 0 || static_cast<std::size_t>(n) > kMaxQuery) bad_request("q", "搜索词最多 50 个字符");
  }
  const auto appeal = http::int_param(ctx.req, "appeal_id", 1, INT64_MAX / 2);
  return json::respond(departments(ctx.app, ctx.who(), q, appeal));
}

http::Response after_change(Ctx& ctx, std::int64_t id) { return json::respond(detail_of(ctx.app, id, ctx.who())); }

http::Response staff_whistle(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  std::vector<std::int64_t> units;
  if (const auto* v = body.if_contains("unit_ids"); v && !v->is_null()) {
    if (!v->is_array()) bad_request("unit_ids", "unit_ids 应为部门编号列表");
    for (const auto& u : v->as_array()) {
      if (!u.is_int64() || u.as_int64() <= 0) bad_request("unit_ids", "unit_ids 应为部门编号列表");
      units.push_back(u.as_int64());
    }
  }
  whistle(ctx.app, ctx.who(), id, units, json::opt_string(body, "note", 500).value_or(""), ctx.req.client_ip);
  return after_change(ctx, id);
}

http::Response staff_checkin(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = ctx.req.body.empty() ? bj::object{} : json::parse_object(ctx.req.body);
  check_in(ctx.app, ctx.who(), id, json::opt_string(body, "note", 500).value_or(""), ctx.req.client_ip);
  return after_change(ctx, id);
}

http::Response staff_note(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto kind = json::opt_string(body, "kind", 20).value_or("progress");
  if (kind != "progress" && kind != "supervise") bad_request("kind", "kind 应为 progress 或 supervise");
  add_note(ctx.app, ctx.who(), id, kind == "supervise", json::opt_string(body, "note", 500).value_or(""),
           ctx.req.client_ip);
  return after_change(ctx, id);
}

http::Response get_mediation(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::read)) forbidden();
  auto m = mediation_of(ctx.app, ctx.who(), ctx.id());
  return json::respond(m ? bj::value(*m) : bj::value(nullptr));
}

bj::array name_list(const bj::object& body, const char* key, bool with_role) {
  bj::array out;
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > 20) bad_request(key, std::string(key) + " 应为不超过 20 项的列表");
  for (const auto& item : v->as_array()) {
    if (with_role) {
      if (!item.is_object()) bad_request(key, "当事人应写明姓名和身份");
      const auto name = json::req_string(item.as_object(), "name", 30);
      const auto role = json::opt_string(item.as_object(), "role", 30).value_or("");
      out.push_back(bj::object{{"name", name}, {"role", role}});
    } else {
      if (!item.is_string() || item.as_string().empty() || json::utf8_length(item.as_string()) > 30 ||
          json::utf8_length(item.as_string()) < 0) {
        bad_request(key, "调解员姓名应为 1–30 个字");
      }
      out.push_back(item);
    }
  }
  return out;
}

http::Response put_mediation(Ctx& ctx) {
  if (!ctx.who().can(core::Register::appeals, core::Action::write)) forbidden();
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  Mediation m;
  const auto step = parse_mediation_step(json::req_string(body, "step", 20));
  if (!step) bad_request("step", "step 应为 emotion、reason、law、litigation 之一（情、理、法、诉）");
  m.step = *step;
  m.parties = name_list(body, "parties", true);
  m.mediators = name_list(body, "mediators", false);
  m.agreement = json::opt_string(body, "agreement", 1000).value_or("");
  m.outcome = json::opt_string(body, "outcome", 20).value_or("pending");
  m.note = json::opt_string(body, "note", 500).value_or("");
  mediate(ctx.app, ctx.who(), id, m, ctx.req.client_ip);
  return json::respond(*mediation_of(ctx.app, ctx.who(), id));
}

http::Response upload_photo(Ctx& ctx) {
  const auto& bytes = ctx.req.body;
  if (bytes.empty()) bad_request("", "请选择照片", "required");
  if (bytes.size() > kMaxPhotoBytes) throw ApiError(413, "photo_too_large", "照片不能超过 5 MB");
  const auto mime = sniff_image(bytes);
  if (!mime) throw ApiError(415, "unsupported_media", "只能上传 JPEG、PNG 或 WebP 格式的照片");
  const auto hash = save_photo(ctx.app, bytes, *mime);
  return json::respond(bj::object{{"photo", hash}, {"url", "/api/v1/photos/" + hash}}, 201);
}

http::Response get_photo(Ctx& ctx) {
  const auto it = ctx.params.find("hash");
  auto file = photo(ctx.app, it->second);
  if (!file) not_found("照片不存在");
  http::Response r;
  r.content_type = std::move(file->mime);
  r.body = std::move(file->bytes);
  // The address is the content's hash, so the bytes behind it never change.
  r.set_header("Cache-Control", "public, max-age=31536000, immutable");
  return r;
}

}  // namespace

void register_settings_routes(Router& r);
void register_mine_routes(Router& r);

void register_routes(Router& r) {
  register_settings_routes(r);
  register_mine_routes(r);
  r.add("POST", "/api/v1/public/photos", Access::open, "appeals", "上传一张照片（JPEG、PNG、WebP，≤5 MB），返回编号",
        upload_photo);
  r.add("GET", "/api/v1/photos/{hash}", Access::open, "appeals", "按编号取照片", get_photo);
  r.add("POST", "/api/v1/appeals/{id}/whistles", Access::authenticated, "appeals", "街道吹哨，职能部门报到",
        staff_whistle);
  r.add("POST", "/api/v1/appeals/{id}/checkin", Access::authenticated, "appeals", "被吹哨部门报到", staff_checkin);
  r.add("GET", "/api/v1/appeals/{id}/mediation", Access::authenticated, "appeals", "矛盾纠纷调解记录", get_mediation);
  r.add("PUT", "/api/v1/appeals/{id}/mediation", Access::authenticated, "appeals", "记录调解（情、理、法、诉）",
        put_mediation);
  r.add("POST", "/api/v1/appeals/{id}/notes", Access::authenticated, "appeals", "办理进展或督办意见", staff_note);
  r.add("GET", "/api/v1/appeals/departments", Access::authenticated, "appeals", "可吹哨的职能部门", staff_departments);
  r.add("GET", "/api/v1/appeals/figures", Access::authenticated, "appeals",
        "诉求三率、一线解决率、平均办理时长、超期数与下级排名（来自汇总表）", staff_figures);
  r.add("GET", "/api/v1/public/categories", Access::open, "appeals", "诉求分类（三级）", public_categories);
  r.add("GET", "/api/v1/public/grids", Access::open, "appeals", "网格边界（居民端地图选点）", public_grids);
  r.add("POST", "/api/v1/public/appeals", Access::open, "appeals", "居民反映问题，返回查询码", public_file);
  r.add("GET", "/api/v1/public/appeals/{code}", Access::open, "appeals", "凭查询码查看办理进度", public_get);
  r.add("POST", "/api/v1/public/appeals/{code}/rating", Access::open, "appeals", "办结后评价", public_rate);
  r.add("GET", "/api/v1/appeals", Access::authenticated, "appeals", "诉求工作台（按队列）", staff_list);
  r.add("GET", "/api/v1/appeals/{id}/assignees", Access::authenticated, "appeals", "可转派的本网格、本社区工作人员",
        staff_assignees);
  r.add("POST", "/api/v1/appeals/{id}/assign", Access::authenticated, "appeals",
        "转派给本网格或本社区的工作人员（首接负责）", staff_assign);
  r.add("GET", "/api/v1/appeals/{id}", Access::authenticated, "appeals", "诉求详情与办理轨迹", staff_detail);
  r.add("POST", "/api/v1/appeals", Access::authenticated, "appeals", "登记诉求（热线、来访、巡查、企业）", staff_file);
  r.add("POST", "/api/v1/appeals/{id}/actions", Access::authenticated, "appeals", "办理操作（受理、办结、上报、回访…）",
        staff_act);
}

}  // namespace jiceng::appeals
