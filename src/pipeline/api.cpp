// The member pipeline over HTTP (/api/v1/pipeline/…): files and their steps, the branch's views,
// documents, warnings and the rules. Each handler parses, calls the service and renders; the
// county's routes are in county_api.cpp.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "core/uploads.hpp"
#include "io/table.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxName = 30, kMaxDecidedBy = 60, kMaxNote = 1000, kMaxReason = 500, kMaxDocName = 100;
constexpr std::size_t kMaxIds = 2 + 1;  // contacts and introducers: two at most, one more to refuse by rule
constexpr std::int64_t kMaxPage = 200, kMaxOffset = 1000000;
constexpr std::int64_t kMaxTrainingDays = 366, kMaxTrainingHours = 2000, kMaxVotes = 100000;

using cogov::actor;

std::string date_field(const bj::object& body, const char* key) { return json::opt_string(body, key, 10).value_or(""); }

const bj::array* array_field(const bj::object& body, const char* key, std::size_t max) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) bad_request(key, std::string(key) + " 应为列表");
  if (v->as_array().size() > max) bad_request(key, "条目过多");
  return &v->as_array();
}

std::vector<std::int64_t> ids_field(const bj::object& body, const char* key, std::size_t max) {
  std::vector<std::int64_t> out;
  if (const auto* list = array_field(body, key, max)) {
    for (const auto& v : *list) {
      if (!v.is_int64() || v.as_int64() <= 0) bad_request(key, "应为党员编号列表");
      out.push_back(v.as_int64());
    }
  }
  return out;
}

std::vector<Document> documents_of(const bj::object& body) {
  std::vector<Document> out;
  if (const auto* list = array_field(body, "documents", kMaxDocuments)) {
    for (const auto& v : *list) {
      if (!v.is_object()) bad_request("documents", "材料应为 {hash, name} 列表");
      const auto& o = v.as_object();
      out.push_back({json::req_string(o, "hash", 64), cogov::text_field(o, "name", kMaxDocName, "材料名称")});
    }
  }
  return out;
}

std::int64_t bounded(const bj::object& body, const char* key, std::int64_t max) {
  const auto v = json::opt_int(body, key).value_or(0);
  if (v < 0 || v > max) bad_request(key, std::string(key) + " 超出范围");
  return v;
}

std::optional<std::int64_t> votes(const bj::object& body, const char* key) {
  const auto v = json::opt_int(body, key);
  if (v && (*v < 0 || *v > kMaxVotes)) bad_request(key, "票数无效");
  return v;
}

http::Response post_person(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  Application a;
  const auto org = json::opt_int(body, "org_id");
  if (!org || *org <= 0) bad_request("org_id", "请选择党支部", "required");
  a.org_id = *org;
  a.name = cogov::text_field(body, "name", kMaxName, "姓名");
  a.id_number = json::req_string(body, "id_number", 20);
  a.person_id = json::opt_int(body, "person_id");
  if (a.person_id && *a.person_id <= 0) bad_request("person_id", "人员编号无效");
  a.applied_on = json::req_string(body, "applied_on", 10);
  a.documents = documents_of(body);
  return json::respond(apply(ctx.app, actor(ctx), a), 201);
}

http::Response post_step(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  StepInput s;
  s.step = json::req_string(body, "step", 20);
  s.on = json::req_string(body, "on", 10);
  s.decided_by = json::opt_string(body, "decided_by", kMaxDecidedBy).value_or("");
  s.note = json::opt_string(body, "note", kMaxNote).value_or("");
  s.contacts = ids_field(body, "contacts", kMaxIds);
  s.introducers = ids_field(body, "introducers", kMaxIds);
  s.training_days = bounded(body, "training_days", kMaxTrainingDays);
  s.training_hours = bounded(body, "training_hours", kMaxTrainingHours);
  s.publicity_to = date_field(body, "publicity_to");
  s.ayes = votes(body, "ayes");
  s.noes = votes(body, "noes");
  s.abstentions = votes(body, "abstentions");
  s.special_reason = json::opt_string(body, "special_reason", kMaxReason).value_or("");
  s.talked_on = date_field(body, "talked_on");
  s.talked_by = json::opt_string(body, "talked_by", kMaxName).value_or("");
  s.months = bounded(body, "months", 24);
  s.documents = documents_of(body);
  s.override_reason = json::opt_string(body, "override_reason", kMaxReason).value_or("");
  return json::respond(record_step(ctx.app, actor(ctx), id, s), 201);
}

http::Response get_person(Ctx& ctx) { return json::respond(person(ctx.app, ctx.who(), ctx.id())); }

http::Response get_people(Ctx& ctx) {
  ListQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, INT64_MAX / 2);
  q.limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(q.limit);
  q.offset = http::int_param(ctx.req, "offset", 0, kMaxOffset).value_or(0);
  if (auto st = ctx.req.param("stage"); st && !st->empty()) {
    if (st->size() > 20) bad_request("stage", "阶段无效");
    q.stage = *st;
  }
  return json::respond(people(ctx.app, ctx.who(), q));
}

http::Response get_branch(Ctx& ctx) { return json::respond(branch(ctx.app, ctx.who(), ctx.id())); }

// ?format=xlsx: the list as offices keep it.
http::Response get_activists(Ctx& ctx) {
  const auto id = ctx.id();
  const auto format = ctx.req.param("format").value_or("json");
  if (format != "json" && format != "xlsx") bad_request("format", "格式应为 json 或 xlsx");
  auto list = activists(ctx.app, ctx.who(), id);
  if (format == "json") return json::respond(list);
  io::Table t{{"姓名", "性别", "年龄", "申请日期", "确定为积极分子日期", "培养联系人", "最近考察", "下次考察",
               "可列为发展对象日期"}};
  for (const auto& v : list.at("items").as_array()) {
    const auto& o = v.as_object();
    const auto text = [&](const char* k) { return o.at(k).is_string() ? std::string(o.at(k).as_string()) : ""; };
    std::string contacts;
    for (const auto& c : o.at("contacts").as_array()) {
      contacts += (contacts.empty() ? "" : "、") + std::string(c.at("name").as_string());
    }
    t.push_back({text("name"), text("gender") == "female" ? "女" : "男", std::to_string(o.at("age").as_int64()),
                 text("applied_on"), text("activist_on"), contacts, text("last_review_on"), text("next_review_on"),
                 text("candidate_from")});
  }
  http::Response resp;
  resp.body = io::write_xlsx(t, "入党积极分子清单");
  resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  resp.set_header("Content-Disposition", "attachment; filename=\"activists-" + std::to_string(id) + ".xlsx\"");
  return resp;
}

http::Response get_warnings(Ctx& ctx) {
  WarningQuery q;
  q.org_id = http::int_param(ctx.req, "org_id", 1, INT64_MAX / 2);
  q.level = ctx.req.param("level");
  if (q.level && *q.level != "ahead" && *q.level != "close" && *q.level != "missed") {
    bad_request("level", "level 应为 ahead、close 或 missed");
  }
  q.limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(q.limit);
  q.offset = http::int_param(ctx.req, "offset", 0, kMaxOffset).value_or(0);
  return json::respond(warnings(ctx.app, ctx.who(), q));
}

http::Response post_file(Ctx& ctx) {
  if (!ctx.who().can(core::Register::pipeline, core::Action::write)) forbidden();
  const auto mime = http::document_upload(ctx.req, "材料");
  const auto hash = save_file(ctx.app, ctx.req.body, mime);
  return json::respond(bj::object{{"hash", hash}, {"mime", mime}, {"url", "/api/v1/pipeline/files/" + hash}}, 201);
}

http::Response get_file(Ctx& ctx) {
  auto file = file_for(ctx.app, ctx.who(), ctx.params.at("hash"));
  if (!file) not_found("材料不存在");
  return http::blob_response(std::move(*file));
}

http::Response get_rules(Ctx&) { return json::respond(rule_table()); }

}  // namespace

void register_county_routes(Router& r);

void register_routes(Router& r) {
  register_county_routes(r);
  const auto tag = "pipeline";
  const std::string base = "/api/v1/pipeline";
  const auto auth = Access::authenticated;
  r.add("POST", base + "/people", auth, tag, "登记入党申请人（建立发展党员档案）", post_person);
  r.add("GET", base + "/people", auth, tag, "发展党员档案列表（本人管辖范围，按期限排序）", get_people);
  r.add("GET", base + "/people/{id}", auth, tag, "一个人的发展档案：各步骤、材料、依据和期限", get_person);
  r.add("POST", base + "/people/{id}/steps", auth, tag, "办理一个步骤（按规定检查，县级规定可说明理由后办理）",
        post_step);
  r.add("GET", base + "/orgs/{id}", auth, tag, "党支部的发展党员情况：各阶段人数和到期事项", get_branch);
  r.add("GET", base + "/orgs/{id}/activists", auth, tag, "入党积极分子清单（format=xlsx 导出）", get_activists);
  r.add("GET", base + "/warnings", auth, tag, "发展党员到期和逾期提醒（本人管辖范围）", get_warnings);
  r.add("GET", base + "/rules", auth, tag, "发展党员的各项规定及依据", get_rules);
  r.add("POST", base + "/files", auth, tag, "上传材料（PDF、Word、图片，≤8 MB），返回编号", post_file);
  r.add("GET", base + "/files/{hash}", auth, tag, "按编号取材料", get_file);
}

}  // namespace jiceng::pipeline
