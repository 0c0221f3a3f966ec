#include "cogov/common.hpp"

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"

namespace jiceng::cogov {

std::optional<Area> area_by_id(store::Conn& c, std::int64_t id) {
  auto row = c.one("SELECT id, path, kind, name FROM area WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return Area{row->integer(0), row->text(1), row->text(2), row->text(3)};
}

std::optional<Area> area_in_scope(store::Conn& c, const auth::Principal& who, auth::Register reg, auth::Action a,
                                  std::int64_t id) {
  auth::ScopeColumns cols;
  cols.area_path = "path";
  auto scope = auth::scope_clause(who, reg, a, cols);
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto row = c.one("SELECT id, path, kind, name FROM area WHERE id = ? AND " + scope.sql, params);
  if (!row) return std::nullopt;
  return Area{row->integer(0), row->text(1), row->text(2), row->text(3)};
}

bool staff_over(const auth::Principal& who, auth::Register reg, auth::Action a, const std::string& path) {
  for (const auto& b : who.bindings) {
    if (b.scope_type == auth::ScopeType::area && auth::allowed(b.role, reg, a) && auth::path_within(path, b.path)) {
      return true;
    }
  }
  return false;
}

bool may_approve(const auth::Principal& who, auth::Register reg, const std::string& path) {
  for (const auto& b : who.bindings) {
    const bool level = b.role == auth::Role::org_dept || b.role == auth::Role::street_officer ||
                       b.role == auth::Role::community_secretary;
    if (level && b.scope_type == auth::ScopeType::area && auth::allowed(b.role, reg, auth::Action::write) &&
        auth::path_within(path, b.path)) {
      return true;
    }
  }
  return false;
}

bool is_community(const std::string& kind) { return kind == "community" || kind == "village"; }

Area report_area(store::Conn& c, const Ctx& ctx) {
  if (auto id = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2)) {
    auto a = area_by_id(c, *id);
    if (!a) not_found("所选区域不存在");
    return *a;
  }
  // Open routes (the public lists) may have nobody signed in: then the whole county.
  if (ctx.principal) {
    for (const auto& b : ctx.principal->bindings) {
      if (b.scope_type != auth::ScopeType::area || b.path.empty()) continue;
      if (auto a = area_by_id(c, b.scope_id)) return *a;
    }
  }
  auto row = c.one("SELECT id, path, kind, name FROM area WHERE parent_id IS NULL ORDER BY id LIMIT 1");
  if (!row) not_found("尚未建立区域");
  return Area{row->integer(0), row->text(1), row->text(2), row->text(3)};
}

namespace {
std::optional<std::int64_t> acting(const auth::Principal& who, auth::ScopeType type, auth::Register reg,
                                   auth::Action a) {
  for (const auto& b : who.bindings) {
    if (b.scope_type == type && auth::allowed(b.role, reg, a)) return b.scope_id;
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::int64_t> acting_unit(const auth::Principal& who, auth::Register reg, auth::Action a) {
  return acting(who, auth::ScopeType::unit, reg, a);
}
std::optional<std::int64_t> acting_member(const auth::Principal& who, auth::Register reg, auth::Action a) {
  return acting(who, auth::ScopeType::member, reg, a);
}

std::string text_field(const boost::json::object& body, const char* key, std::size_t max, const char* label) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) {
    bad_request(key, std::string("请填写") + label, "required");
  }
  auto s = json::req_string(body, key, max);
  std::size_t start = s.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) bad_request(key, std::string("请填写") + label, "required");
  for (char ch : s) {
    if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
      bad_request(key, std::string(label) + "含有非法控制字符");
    }
  }
  return s;
}

std::string text_of(const store::Value& v) {
  if (auto p = std::get_if<std::string>(&v)) return *p;
  return {};
}
std::optional<std::int64_t> int_of(const store::Value& v) {
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  return std::nullopt;
}

void audit(store::Conn& c, const Ctx& ctx, const std::string& action, const std::string& type, std::int64_t id,
           const std::string& after) {
  audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, action, type,
                    std::to_string(id), "", after});
}

}  // namespace jiceng::cogov
