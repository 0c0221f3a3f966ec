// Creating and editing a register's rows from a JSON body, and the checks every write makes of
// the areas and organisations a row points at.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "registry/engine.hpp"
#include "registry/values.hpp"

namespace jiceng::registry::engine {
namespace {

namespace bj = boost::json;
using core::Action;

std::map<std::string, std::string> raw_from_body(const Spec& s, const bj::object& body) {
  std::map<std::string, std::string> raw;
  for (const auto& f : s.fields) {
    if (const auto* v = body.if_contains(f.key); v && f.writable) raw[f.key] = raw_from_json(f, *v);
  }
  return raw;
}

}  // namespace

// Parses the given fields into ctx.input, runs the register's hook and returns what to write.
void prepare_write(const Spec& s, WriteCtx& wc, const std::map<std::string, std::string>& raw, Source src) {
  for (const auto& f : s.fields) {
    if (!f.writable) continue;
    auto it = raw.find(f.key);
    if (it == raw.end()) {
      if (wc.create && f.required) bad_request(f.key, f.heading + "为必填项", "required");
      continue;
    }
    auto v = parse_value(f, it->second, src, wc);
    if (f.required && std::holds_alternative<std::monostate>(v)) bad_request(f.key, f.heading + "为必填项", "required");
    wc.input[f.key] = v;
    if (!f.column.empty() && f.kind != Kind::id_number && f.kind != Kind::phone) wc.columns[f.column] = v;
  }
  if (s.prepare) s.prepare(wc);
}

std::int64_t insert_row(const Spec& s, WriteCtx& wc) {
  const auto now = wc.app.now();
  wc.columns["created_at"] = now;
  wc.columns["updated_at"] = now;
  std::string cols, marks;
  store::Params params;
  for (const auto& [k, v] : wc.columns) {
    cols += (cols.empty() ? "" : ", ") + k;
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(v);
  }
  auto row = wc.conn.one("INSERT INTO " + s.table + " (" + cols + ") VALUES (" + marks + ") RETURNING id", params);
  return row->integer(0);
}

void audit_write(WriteCtx& wc, const http::Request& req, const std::string& action, const std::string& type,
                 std::int64_t id, const std::string& before, const std::string& after) {
  audit::record(wc.conn, {wc.app.now(), wc.who.username, wc.who.account_id, req.client_ip, action, type,
                          std::to_string(id), before, after});
}

http::Response create(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::write)) forbidden();
  const auto body = json::parse_object(ctx.req.body);
  const auto raw = raw_from_body(s, body);
  auto obj = ctx.app.db.write([&](store::Conn& c) {
    WriteCtx wc{s.reg, c, ctx.app, ctx.who()};
    prepare_write(s, wc, raw, Source::json);
    const auto id = insert_row(s, wc);
    auto out = load_one(s, c, ctx.who(), id, Action::read);
    if (!out) forbidden("新记录不在您的管辖范围内");
    audit_write(wc, ctx.req, "create", s.table, id, "", bj::serialize(*out));
    return *out;
  });
  return json::respond(obj, 201);
}

http::Response edit(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::write)) forbidden();
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto raw = raw_from_body(s, body);
  auto obj = ctx.app.db.write([&](store::Conn& c) {
    std::optional<store::Row> existing;
    auto before = load_one(s, c, ctx.who(), id, Action::write, &existing);
    if (!before) {
      if (load_one(s, c, ctx.who(), id, Action::read)) forbidden("您只能查看、不能修改此记录");
      not_found();
    }
    WriteCtx wc{s.reg, c, ctx.app, ctx.who(), false, existing};
    prepare_write(s, wc, raw, Source::json);
    if (!wc.columns.empty()) {
      wc.columns["updated_at"] = ctx.app.now();
      std::string sets;
      store::Params params;
      for (const auto& [k, v] : wc.columns) {
        sets += (sets.empty() ? "" : ", ") + k + " = ?";
        params.push_back(v);
      }
      params.emplace_back(id);
      c.execute("UPDATE " + s.table + " SET " + sets + " WHERE id = ?", params);
    }
    auto after = load_one(s, c, ctx.who(), id, Action::read);
    if (!after) forbidden("修改后的记录将不在您的管辖范围内");
    audit_write(wc, ctx.req, "update", s.table, id, bj::serialize(*before), bj::serialize(*after));
    return *after;
  });
  // An edit may move what a session's scope resolves to (a member's branch, a unit's area).
  core::principals_changed();
  return json::respond(obj);
}

}  // namespace jiceng::registry::engine

namespace jiceng::registry {

std::string WriteCtx::area_path(const std::string& field, std::int64_t area_id) const {
  auto path = engine::refs().area_path_in_scope(conn, who, reg, core::Action::write, area_id);
  if (!path) bad_request(field, "所选区域不存在或不在您的管辖范围内");
  return *path;
}

std::pair<std::string, std::string> WriteCtx::org_paths(const std::string& field, std::int64_t org_id) const {
  auto org = engine::refs().org_paths_in_scope(conn, who, reg, core::Action::write, org_id);
  if (!org) bad_request(field, "所选党组织不存在或不在您的管辖范围内");
  return *org;
}

}  // namespace jiceng::registry
