// Pairing parties and help records, volunteers and their hours.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "pairing/registers.hpp"
#include "pairing/rules.hpp"
#include "people/rules.hpp"
#include "registry/spec.hpp"

namespace jiceng::pairing {
namespace {

namespace bj = boost::json;
using auth::Action;
using auth::Register;

constexpr std::size_t kMaxContent = 500;
constexpr double kMinHours = 0.5, kMaxHours = 24;

// The row's area path when the caller may write it; 404 when they cannot see it, 403 when read-only.
std::string writable_area(store::Conn& c, const Ctx& ctx, const char* table, std::int64_t id) {
  auto row = c.one(std::string("SELECT area_path FROM ") + table + " WHERE id = ?", {id});
  if (!row || !cogov::staff_over(ctx.who(), Register::pairings, Action::read, row->text(0))) not_found();
  if (!cogov::staff_over(ctx.who(), Register::pairings, Action::write, row->text(0))) forbidden();
  return row->text(0);
}

std::string date_field(const bj::object& body, const Ctx& ctx) {
  auto d = json::opt_string(body, "on_date", 10).value_or("");
  if (d.empty()) return cogov::day_of(ctx.app.now());
  if (!people::is_valid_date(d)) bad_request("on_date", "日期应为有效日期，如 2026-11-23");
  if (d > cogov::day_of(ctx.app.now())) bad_request("on_date", "日期不能晚于今天");
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
  if (!(h >= kMinHours && h <= kMaxHours)) bad_request("hours", "时长应为 0.5 到 24 小时");
  return h;
}

// The name a party goes by, after checking it exists and, for places, that it is the right level.
std::string party_name(store::Conn& c, const Ctx& ctx, const std::string& kind, std::int64_t ref) {
  if (kind == "member") {
    if (auto r = c.one("SELECT name FROM member WHERE id = ?", {ref})) return r->text(0);
  } else if (kind == "unit") {
    if (auto r = c.one("SELECT name FROM unit WHERE id = ?", {ref})) return r->text(0);
  } else if (kind == "household") {
    auto r = c.one("SELECT head_name, address, area_path FROM household WHERE id = ?", {ref});
    if (r && cogov::staff_over(ctx.who(), Register::pairings, Action::write, r->text(2)))
      return r->text(0) + "户（" + r->text(1) + "）";
  } else if (kind == "area") {
    auto a = cogov::area_by_id(c, ref);
    if (a && cogov::is_community(a->kind)) return a->name;
    if (a) bad_request("ref_id", "结对的地方应为社区或村");
  } else {
    bad_request("party_kind", "结对方类型应为 member、unit、household、area 之一");
  }
  bad_request("ref_id", "所选结对方不存在或不在您的管辖范围内");
}

http::Response add_party(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto side = json::req_string(body, "side", 10);
  const auto kind = json::req_string(body, "party_kind", 10);
  const auto ref = json::opt_int(body, "ref_id");
  if (!ref || *ref <= 0) bad_request("ref_id", "请选择结对方", "required");
  ctx.app.db.write([&](store::Conn& c) {
    writable_area(c, ctx, "pairing", id);
    const auto pairing_kind = c.one("SELECT kind FROM pairing WHERE id = ?", {id})->text(0);
    const auto on_side = c.scalar("SELECT COUNT(*) FROM pairing_party WHERE pairing_id = ? AND side = ?", {id, side});
    if (auto problem = party_problem(pairing_kind, side, kind, static_cast<std::size_t>(on_side)))
      bad_request("side", *problem);
    const auto name = party_name(c, ctx, kind, *ref);
    if (c.one("SELECT 1 FROM pairing_party WHERE pairing_id = ? AND party_kind = ? AND ref_id = ?", {id, kind, *ref})) {
      conflict("该结对方已在此结对中");
    }
    c.execute("INSERT INTO pairing_party (pairing_id, side, party_kind, ref_id, name) VALUES (?, ?, ?, ?, ?)",
              {id, side, kind, *ref, name});
    c.execute("UPDATE pairing SET parties_count = parties_count + 1, updated_at = ? WHERE id = ?", {ctx.app.now(), id});
    cogov::audit(c, ctx, "add_party", "pairing", id, side + ":" + kind + ":" + std::to_string(*ref));
  });
  return registry::detail_response(*registry::find_spec("pairings"), ctx);
}

http::Response remove_party(Ctx& ctx) {
  const auto id = ctx.id();
  const auto party = ctx.id("party_id");
  ctx.app.db.write([&](store::Conn& c) {
    writable_area(c, ctx, "pairing", id);
    if (c.execute("DELETE FROM pairing_party WHERE id = ? AND pairing_id = ?", {party, id}) == 0)
      not_found("结对方不存在");
    c.execute("UPDATE pairing SET parties_count = parties_count - 1, updated_at = ? WHERE id = ?", {ctx.app.now(), id});
    cogov::audit(c, ctx, "remove_party", "pairing", id, std::to_string(party));
  });
  return registry::detail_response(*registry::find_spec("pairings"), ctx);
}

http::Response add_help(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto content = cogov::text_field(body, "content", kMaxContent, "帮扶内容");
  const auto on_date = date_field(body, ctx);
  const auto hours = hours_field(body, false);
  const auto out = ctx.app.db.write([&](store::Conn& c) {
    auto row = c.one("SELECT area_path FROM pairing WHERE id = ?", {id});
    if (!row) not_found();
    // Staff over the pairing, or a member or unit helping in it, record what was done.
    const auto m = cogov::acting_member(ctx.who(), Register::pairings, Action::read);
    const auto u = cogov::acting_unit(ctx.who(), Register::pairings, Action::read);
    const bool party =
        (m && c.one("SELECT 1 FROM pairing_party WHERE pairing_id = ? AND side = 'helper' AND party_kind = 'member' "
                    "AND ref_id = ?",
                    {id, *m})) ||
        (u && c.one("SELECT 1 FROM pairing_party WHERE pairing_id = ? AND side = 'helper' AND party_kind = 'unit' "
                    "AND ref_id = ?",
                    {id, *u}));
    if (!party && !cogov::staff_over(ctx.who(), Register::pairings, Action::write, row->text(0))) {
      if (cogov::staff_over(ctx.who(), Register::pairings, Action::read, row->text(0))) forbidden();
      not_found();
    }
    const auto by = ctx.who().display_name.empty() ? ctx.who().username : ctx.who().display_name;
    const auto now = ctx.app.now();
    auto ins = c.one(
        "INSERT INTO pairing_help (pairing_id, on_date, content, hours, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {id, on_date, content, store::opt(hours), by, now});
    c.execute("UPDATE pairing SET helps = helps + 1, help_hours = help_hours + ?, updated_at = ? WHERE id = ?",
              {hours.value_or(0.0), now, id});
    cogov::audit(c, ctx, "help", "pairing", id, content);
    return bj::object{{"id", ins->integer(0)}, {"on_date", on_date},
                      {"content", content},    {"hours", hours ? bj::value(*hours) : bj::value(nullptr)},
                      {"recorded_by", by},     {"at", now}};
  });
  return json::respond(out, 201);
}

http::Response add_volunteer(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto person = json::opt_int(body, "person_id");
  const auto member = json::opt_int(body, "member_id");
  auto name = json::opt_string(body, "name", 30).value_or("");
  if (!person && !member && name.empty()) bad_request("name", "请选择队员或填写姓名", "required");
  ctx.app.db.write([&](store::Conn& c) {
    writable_area(c, ctx, "volunteer_team", id);
    if (person) {
      auto r = c.one("SELECT name FROM person WHERE id = ?", {*person});
      if (!r) bad_request("person_id", "所选人员不存在");
      name = r->text(0);
      if (c.one("SELECT 1 FROM volunteer WHERE team_id = ? AND person_id = ?", {id, *person}))
        conflict("该队员已在队中");
    } else if (member) {
      auto r = c.one("SELECT name FROM member WHERE id = ?", {*member});
      if (!r) bad_request("member_id", "所选党员不存在");
      name = r->text(0);
      if (c.one("SELECT 1 FROM volunteer WHERE team_id = ? AND member_id = ?", {id, *member}))
        conflict("该队员已在队中");
    }
    c.execute("INSERT INTO volunteer (team_id, name, person_id, member_id, joined_at) VALUES (?, ?, ?, ?, ?)",
              {id, name, store::opt(person), store::opt(member), ctx.app.now()});
    c.execute("UPDATE volunteer_team SET volunteers = volunteers + 1, updated_at = ? WHERE id = ?",
              {ctx.app.now(), id});
    cogov::audit(c, ctx, "add_volunteer", "volunteer_team", id, name);
  });
  return registry::detail_response(*registry::find_spec("volunteer-teams"), ctx);
}

http::Response add_hours(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto volunteer = json::opt_int(body, "volunteer_id");
  if (!volunteer) bad_request("volunteer_id", "请选择队员", "required");
  const auto hours = *hours_field(body, true);
  const auto on_date = date_field(body, ctx);
  const auto content = cogov::text_field(body, "content", kMaxContent, "服务内容");
  ctx.app.db.write([&](store::Conn& c) {
    writable_area(c, ctx, "volunteer_team", id);
    if (!c.one("SELECT 1 FROM volunteer WHERE id = ? AND team_id = ?", {*volunteer, id})) {
      bad_request("volunteer_id", "该队员不在此服务队中");
    }
    const auto by = ctx.who().display_name.empty() ? ctx.who().username : ctx.who().display_name;
    c.execute(
        "INSERT INTO volunteer_hours (volunteer_id, on_date, hours, content, recorded_by, at) VALUES (?, ?, ?, ?, ?, "
        "?)",
        {*volunteer, on_date, hours, content, by, ctx.app.now()});
    c.execute("UPDATE volunteer SET hours = hours + ? WHERE id = ?", {hours, *volunteer});
    c.execute("UPDATE volunteer_team SET hours = hours + ?, updated_at = ? WHERE id = ?", {hours, ctx.app.now(), id});
    cogov::audit(c, ctx, "hours", "volunteer_team", id, std::to_string(*volunteer));
  });
  return registry::detail_response(*registry::find_spec("volunteer-teams"), ctx);
}

}  // namespace

void register_routes(Router& r) {
  for (const char* name : {"pairings", "volunteer-teams"})
    registry::register_spec_routes(r, *registry::find_spec(name));
  const auto tag = "pairings";
  r.add("POST", "/api/v1/pairings/{id}/parties", Access::authenticated, tag, "添加结对方", add_party);
  r.add("DELETE", "/api/v1/pairings/{id}/parties/{party_id}", Access::authenticated, tag, "移除结对方", remove_party);
  r.add("POST", "/api/v1/pairings/{id}/help", Access::authenticated, tag, "记录帮扶", add_help);
  r.add("POST", "/api/v1/volunteer-teams/{id}/volunteers", Access::authenticated, tag, "添加队员", add_volunteer);
  r.add("POST", "/api/v1/volunteer-teams/{id}/hours", Access::authenticated, tag, "登记服务时长", add_hours);
}

}  // namespace jiceng::pairing
