// Dues over HTTP (/api/v1/dues/…): parse, call the dues service, render. Money is integer fen in
// JSON (amount_fen, base_fen); sheets are XLSX; the collection sheet also prints.
#include <algorithm>
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "dues/service.hpp"
#include "dues/sheet.hpp"
#include "io/table.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;
using cogov::actor;

constexpr std::size_t kMaxName = 30, kMaxNote = 200, kMaxReason = 500;
constexpr std::int64_t kMaxId = INT64_MAX / 2;
constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view kZipMagic = "PK\x03\x04";

std::int64_t id_field(const bj::object& body, const char* key, const char* label) {
  const auto v = json::opt_int(body, key);
  if (!v) bad_request(key, std::string("请选择") + label, "required");
  if (*v <= 0 || *v > kMaxId) bad_request(key, std::string(label) + "编号无效");
  return *v;
}

std::int64_t org_param(const Ctx& ctx) {
  const auto org = http::int_param(ctx.req, "org_id", 1, kMaxId);
  if (!org) bad_request("org_id", "请选择党组织", "required");
  return *org;
}

std::string month_param(const Ctx& ctx) {
  const auto m = ctx.req.param("month");
  if (!m || m->empty()) return core::month_of(ctx.app.now());
  if (!month_number(*m)) bad_request("month", "月份格式应为 YYYY-MM");
  return *m;
}

// An optional short text without control characters (they would break the sheet and the print).
std::optional<std::string> plain_text(const bj::object& body, const char* key, std::size_t max) {
  auto s = json::opt_string(body, key, max);
  if (s && std::any_of(s->begin(), s->end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; })) {
    bad_request(key, "字段含有非法字符");
  }
  return s;
}

Payment payment_of(const Ctx& ctx, const bj::object& body) {
  Payment p;
  p.member_id = id_field(body, "member_id", "党员");
  const auto months = json::opt_int(body, "months").value_or(1);
  if (months < 1 || months > 12) bad_request("months", "交纳月数应为 1 到 12");
  p.months = static_cast<int>(months);
  p.amount_fen = json::opt_int(body, "amount_fen");
  p.paid_on = json::opt_string(body, "paid_on", 10).value_or(core::day_of(ctx.app.now()));
  const auto method = parse_method(json::opt_string(body, "method", 20).value_or("cash"));
  if (!method) bad_request("method", "交纳方式应为 cash、transfer、wechat、alipay、payroll 或 other");
  p.method = *method;
  p.proxy_name = plain_text(body, "proxy_name", kMaxName);
  if (p.proxy_name && p.proxy_name->empty()) p.proxy_name.reset();
  p.note = plain_text(body, "note", kMaxNote).value_or("");
  return p;
}

io::Table uploaded_sheet(const Ctx& ctx) {
  if (!ctx.who().can(core::Register::dues, core::Action::write)) forbidden();
  const auto& body = ctx.req.body;
  if (body.empty()) bad_request("file", "请选择要导入的 .xlsx 表格", "required");
  if (body.compare(0, kZipMagic.size(), kZipMagic) != 0) {
    throw ApiError(415, "unsupported_media", "只能导入 Excel 表格（.xlsx），请在 Excel 中另存为 .xlsx 后再导入",
                   "file");
  }
  try {
    return io::parse_xlsx(body);
  } catch (const io::TableError& e) {
    throw ApiError(400, "bad_file", e.what(), "file");
  }
}

bool dry_run(const Ctx& ctx) {
  const auto d = ctx.req.param("dry_run").value_or("0");
  if (d != "0" && d != "1") bad_request("dry_run", "dry_run 应为 0 或 1");
  return d == "1";
}

http::Response import_answer(const bj::object& r) { return json::respond(r, r.at("ok").as_bool() ? 200 : 422); }

http::Response post_base(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  BaseChange b;
  b.member_id = id_field(body, "member_id", "党员");
  b.kind = json::req_string(body, "kind", 40);
  b.base_fen = json::opt_int(body, "base_fen");
  b.from_month = json::opt_string(body, "from_month", 7);
  return json::respond(set_base(ctx.app, actor(ctx), b));
}

http::Response post_payment(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(pay(ctx.app, actor(ctx), payment_of(ctx, body)), 201);
}

http::Response post_voluntary(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  return json::respond(pay_voluntary(ctx.app, actor(ctx), payment_of(ctx, body)), 201);
}

http::Response post_reduction(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  ReductionRequest r;
  r.member_id = id_field(body, "member_id", "党员");
  r.from_month = json::req_string(body, "from_month", 7);
  r.to_month = json::req_string(body, "to_month", 7);
  const auto fen = json::opt_int(body, "monthly_fen");
  if (!fen) bad_request("monthly_fen", "请填写减免后每月交纳金额（分，免交填0）", "required");
  r.monthly_fen = *fen;
  r.reason = cogov::text_field(body, "reason", kMaxReason, "减免理由");
  r.decision = cogov::text_field(body, "decision", kMaxReason, "党支部研究决定");
  r.decided_on = json::req_string(body, "decided_on", 10);
  return json::respond(propose_reduction(ctx.app, actor(ctx), r), 201);
}

http::Response decide(Ctx& ctx, bool approve) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto words = approve ? json::opt_string(body, "approval", kMaxReason).value_or("同意")
                             : cogov::text_field(body, "reason", kMaxReason, "不批准的理由");
  return json::respond(decide_reduction(ctx.app, actor(ctx), id, approve, words));
}

http::Response get_sheet(Ctx& ctx) {
  const auto format = ctx.req.param("format").value_or("json");
  if (format != "json" && format != "xlsx" && format != "html") bad_request("format", "格式应为 json、xlsx 或 html");
  const auto s = collection_sheet(ctx.app, ctx.who(), org_param(ctx), month_param(ctx));
  if (format == "json") return json::respond(sheet_json(s));
  http::Response r;
  r.set_header("Cache-Control", "no-store");
  if (format == "html") {
    r.content_type = "text/html; charset=utf-8";
    r.body = sheet_html(s);
    return r;
  }
  r.content_type = kXlsxType;
  r.body = io::write_xlsx(sheet_table(s), "党费收缴登记表");
  r.set_header("Content-Disposition", "attachment; filename=\"dues-" + s.month + ".xlsx\"");
  return r;
}

http::Response get_bases_template(Ctx& ctx) {
  http::Response r;
  r.set_header("Cache-Control", "no-store");
  r.content_type = kXlsxType;
  r.body = io::write_xlsx(bases_template(ctx.app, ctx.who(), org_param(ctx)), "党费计算基数");
  r.set_header("Content-Disposition", "attachment; filename=\"dues-bases.xlsx\"");
  return r;
}

http::Response post_remittance(Ctx& ctx) {
  const auto body = json::parse_object(ctx.req.body);
  const auto org = id_field(body, "org_id", "党组织");
  const auto month = json::req_string(body, "month", 7);
  const auto on = json::opt_string(body, "remitted_on", 10).value_or(core::day_of(ctx.app.now()));
  return json::respond(remit(ctx.app, actor(ctx), org, month, on), 201);
}

http::Response post_setting(Ctx& ctx) {
  const auto c = cogov::dated_change_of(json::parse_object(ctx.req.body));
  return json::respond(change_setting(ctx.app, actor(ctx), c.key, c.value, c.source, c.effective_from));
}

}  // namespace

void register_routes(Router& r) {
  const auto tag = "dues";
  const std::string d = "/api/v1/dues";
  const auto auth = Access::authenticated;
  r.add("GET", d + "/settings", auth, tag, "党费设置（农民党员标准、欠交提醒月数，按生效日期）",
        [](Ctx& ctx) { return json::respond(settings(ctx.app)); });
  r.add("POST", d + "/settings", auth, tag, "县委组织部设置新的党费标准（自某日起生效）", post_setting);
  r.add("POST", d + "/bases", auth, tag, "核定党员的交纳类别和计算基数", post_base);
  r.add("GET", d + "/bases/template", auth, tag, "计算基数导入模板（.xlsx，含本组织党员及现行基数）",
        get_bases_template);
  r.add("POST", d + "/bases/import", auth, tag, "从单位工资表（.xlsx）导入计算基数（全部成功才导入）",
        [](Ctx& ctx) { return import_answer(import_bases(ctx.app, actor(ctx), uploaded_sheet(ctx), dry_run(ctx))); });
  r.add("POST", d + "/payments", auth, tag, "登记党员交纳党费（按月、补交、按季度预交、代交）", post_payment);
  r.add("POST", d + "/payments/import", auth, tag, "从收缴登记表（.xlsx）导入交费记录（全部成功才导入）", [](Ctx& ctx) {
    return import_answer(import_payments(ctx.app, actor(ctx), uploaded_sheet(ctx), dry_run(ctx)));
  });
  r.add("POST", d + "/voluntary", auth, tag, "登记自愿多交党费（特殊党费）", post_voluntary);
  r.add("POST", d + "/reductions", auth, tag, "党支部研究决定少交或免交党费，报上级党委批准", post_reduction);
  r.add("GET", d + "/reductions", auth, tag, "减免申请列表",
        [](Ctx& ctx) { return json::respond(reductions(ctx.app, ctx.who(), org_param(ctx))); });
  r.add("POST", d + "/reductions/{id}/approve", auth, tag, "上级党委批准减免",
        [](Ctx& ctx) { return decide(ctx, true); });
  r.add("POST", d + "/reductions/{id}/refuse", auth, tag, "上级党委不批准减免",
        [](Ctx& ctx) { return decide(ctx, false); });
  r.add("GET", d + "/members/{id}", auth, tag, "党员的党费：核定、欠交、交纳记录",
        [](Ctx& ctx) { return json::respond(member_dues(ctx.app, ctx.who(), ctx.id())); });
  r.add("GET", d + "/my", auth, tag, "我的党费（党员）",
        [](Ctx& ctx) { return json::respond(my_dues(ctx.app, ctx.who())); });
  r.add("GET", d + "/sheet", auth, tag, "党费收缴登记表（json、xlsx 或打印页 html）", get_sheet);
  r.add("GET", d + "/totals", auth, tag, "按组织和月份汇总收缴、上缴与欠交",
        [](Ctx& ctx) { return json::respond(totals(ctx.app, ctx.who(), org_param(ctx), month_param(ctx))); });
  r.add("GET", d + "/arrears", auth, tag, "欠交党费的党员（按欠交月数）", [](Ctx& ctx) {
    const auto min = http::int_param(ctx.req, "min_months", 1, 120).value_or(1);
    return json::respond(arrears(ctx.app, ctx.who(), org_param(ctx), static_cast<int>(min)));
  });
  r.add("POST", d + "/remittances", auth, tag, "登记党费上缴上级党委", post_remittance);
  r.add("GET", d + "/warnings", auth, tag, "党费欠交提醒", [](Ctx& ctx) {
    const auto limit = http::int_param(ctx.req, "limit", 1, 200).value_or(50);
    const auto offset = http::int_param(ctx.req, "offset", 0, 1000000).value_or(0);
    return json::respond(warnings(ctx.app, ctx.who(), org_param(ctx), limit, offset));
  });
}

}  // namespace jiceng::dues
