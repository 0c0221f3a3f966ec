#include "core/principal.hpp"

#include <algorithm>
#include <atomic>

namespace jiceng::core {
namespace {

std::atomic<std::uint64_t> g_principals_generation{0};

}  // namespace

std::uint64_t principals_generation() { return g_principals_generation.load(std::memory_order_acquire); }
void principals_changed() { g_principals_generation.fetch_add(1, std::memory_order_acq_rel); }

bool Principal::can(Register reg, Action a) const {
  return std::any_of(bindings.begin(), bindings.end(), [&](const Binding& b) { return allowed(b.role, reg, a); });
}

std::vector<Role> Principal::roles() const {
  std::vector<Role> out;
  for (const auto& b : bindings) out.push_back(b.role);
  return out;
}

std::string path_end(const std::string& path) {
  std::string end = path;
  if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);  // '/' + 1 == '0'
  return end;
}

bool path_within(const std::string& path, const std::string& root) {
  return !root.empty() && path.compare(0, root.size(), root) == 0;
}

std::vector<std::string> path_and_ancestors(const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (path[i] == '/') out.push_back(path.substr(0, i + 1));
  }
  return out;
}

bool staff_reader(const Principal& p, Register reg) {
  return std::any_of(p.bindings.begin(), p.bindings.end(), [&](const Binding& b) {
    return allowed(b.role, reg, Action::read) && !own_only(b.role, reg) &&
           (b.scope_type == ScopeType::area || b.scope_type == ScopeType::org);
  });
}

std::optional<std::vector<std::string>> covering_paths(const Principal& p, Register reg, Action a, ScopeType kind,
                                                       const std::optional<std::string>& filter) {
  std::vector<std::string> roots;
  for (const auto& b : p.bindings) {
    if (!allowed(b.role, reg, a)) continue;
    if (own_only(b.role, reg) || b.scope_type != kind || b.path.empty()) return std::nullopt;
    if (!filter)
      roots.push_back(b.path);
    else if (path_within(*filter, b.path))
      roots.push_back(*filter);
    else if (path_within(b.path, *filter))
      roots.push_back(b.path);
  }
  std::sort(roots.begin(), roots.end());
  std::vector<std::string> out;
  for (auto& r : roots) {
    // Sorted, so a root's descendants follow it directly.
    if (!out.empty() && path_within(r, out.back())) continue;
    out.push_back(std::move(r));
  }
  return out;
}

Clause scope_clause(const Principal& p, Register reg, Action a, const ScopeColumns& cols) {
  return scope_clause(p, reg, a, cols, store::Value(p.account_id));
}

bool binds_over(const Principal& p, Register reg, Action a, const std::string& org_path, const std::string& area_path) {
  return std::any_of(p.bindings.begin(), p.bindings.end(), [&](const Binding& b) {
    if (!allowed(b.role, reg, a) || b.path.empty()) return false;
    if (b.scope_type == ScopeType::area) return path_within(area_path, b.path);
    if (b.scope_type == ScopeType::org) return path_within(org_path, b.path);
    return false;
  });
}

bool reaches_own_only(const Principal& p, Register reg, Action a) {
  return std::any_of(p.bindings.begin(), p.bindings.end(),
                     [&](const Binding& b) { return allowed(b.role, reg, a) && own_only(b.role, reg); });
}

Clause scope_clause(const Principal& p, Register reg, Action a, const ScopeColumns& cols, const store::Value& own_key) {
  Clause c;
  std::vector<std::string> parts;
  // A subtree of a path column: [path, path_end).
  const auto within = [&](const char* column, const std::string& path) {
    if (!column || path.empty()) return;
    parts.push_back(std::string("(") + column + " >= ? AND " + column + " < ?)");
    c.params.emplace_back(path);
    c.params.emplace_back(path_end(path));
  };
  // A column compares by equality; a condition with its own `?` (a subquery) is used as written.
  const auto is_id = [&](const char* column, std::int64_t id) {
    if (!column) return;
    const std::string_view col(column);
    parts.push_back(col.find('?') == std::string_view::npos ? "(" + std::string(col) + " = ?)"
                                                            : "(" + std::string(col) + ")");
    c.params.emplace_back(id);
  };
  for (const auto& b : p.bindings) {
    if (!allowed(b.role, reg, a)) continue;
    if (own_only(b.role, reg)) {
      // Own records whatever the binding: a resident bound to a community is not given its households.
      if (cols.own) {
        parts.push_back(std::string("(") + cols.own + ")");
        c.params.push_back(own_key);
      }
      continue;
    }
    switch (b.scope_type) {
      case ScopeType::area: within(cols.area_path, b.path); break;
      case ScopeType::org: within(cols.org_path, b.path); break;
      case ScopeType::unit: is_id(cols.unit_id, b.scope_id); break;
      case ScopeType::member: is_id(cols.member_id, b.scope_id); break;
    }
  }
  if (parts.empty()) {
    c.sql = "(1=0)";
    return c;
  }
  c.sql = "(";
  for (std::size_t i = 0; i < parts.size(); ++i) c.sql += (i ? " OR " : "") + parts[i];
  c.sql += ")";
  return c;
}

}  // namespace jiceng::core
