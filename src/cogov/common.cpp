#include "cogov/common.hpp"

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"

namespace jiceng::cogov {
bool staff_over(const core::Principal& who, core::Register reg, core::Action a, const std::string& path) {
  for (const auto& b : who.bindings) {
    if (b.scope_type == core::ScopeType::area && core::allowed(b.role, reg, a) && core::path_within(path, b.path)) {
      return true;
    }
  }
  return false;
}

bool may_approve(const core::Principal& who, core::Register reg, const std::string& path) {
  for (const auto& b : who.bindings) {
    const bool level = b.role == core::Role::org_dept || b.role == core::Role::street_officer ||
                       b.role == core::Role::community_secretary;
    if (level && b.scope_type == core::ScopeType::area && core::allowed(b.role, reg, core::Action::write) &&
        core::path_within(path, b.path)) {
      return true;
    }
  }
  return false;
}

bool is_community(const std::string& kind) { return kind == "community" || kind == "village"; }

Area report_area(store::Conn& c, std::optional<std::int64_t> area_id, const core::Principal* who) {
  if (area_id) {
    auto a = orgs::area_by_id(c, *area_id);
    if (!a) not_found("所选区域不存在");
    return *a;
  }
  // Open routes (the public lists) may have nobody signed in: then the whole county.
  if (who) {
    for (const auto& b : who->bindings) {
      if (b.scope_type != core::ScopeType::area || b.path.empty()) continue;
      if (auto a = orgs::area_by_id(c, b.scope_id)) return *a;
    }
  }
  auto roots = orgs::root_areas(c);
  if (roots.empty()) not_found("尚未建立区域");
  return roots.front();
}

namespace {
std::optional<std::int64_t> acting(const core::Principal& who, core::ScopeType type, core::Register reg,
                                   core::Action a) {
  for (const auto& b : who.bindings) {
    if (b.scope_type == type && core::allowed(b.role, reg, a)) return b.scope_id;
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::int64_t> acting_unit(const core::Principal& who, core::Register reg, core::Action a) {
  return acting(who, core::ScopeType::unit, reg, a);
}
std::optional<std::int64_t> acting_member(const core::Principal& who, core::Register reg, core::Action a) {
  return acting(who, core::ScopeType::member, reg, a);
}

bool filer_or_staff(const core::Principal& who, core::Register reg, std::optional<std::int64_t> unit_id,
                    std::optional<std::int64_t> member_id, const std::string& path) {
  const auto u = acting_unit(who, reg, core::Action::write);
  const auto m = acting_member(who, reg, core::Action::write);
  if ((u && unit_id == u) || (m && member_id == m)) return true;
  return staff_over(who, reg, core::Action::write, path);
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

DatedChange dated_change_of(const boost::json::object& body) {
  constexpr std::size_t kMaxKey = 40, kMaxSource = 200, kDayLength = 10;
  DatedChange c;
  c.key = json::req_string(body, "key", kMaxKey);
  const auto value = json::opt_int(body, "value");
  if (!value) bad_request("value", "请填写数值", "required");
  c.value = *value;
  c.source = text_field(body, "source", kMaxSource, "依据");
  c.effective_from = json::req_string(body, "effective_from", kDayLength);
  return c;
}

std::string text_of(const store::Value& v) {
  if (auto p = std::get_if<std::string>(&v)) return *p;
  return {};
}
std::optional<std::int64_t> int_of(const store::Value& v) {
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  return std::nullopt;
}

void audit(store::Conn& c, const App& app, const Actor& by, const std::string& action, const std::string& type,
           std::int64_t id, const std::string& after) {
  audit::record(c, {app.now(), by.who.username, by.who.account_id, by.ip, action, type, std::to_string(id), "", after});
}

}  // namespace jiceng::cogov
