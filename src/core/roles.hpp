#pragma once
// Roles, the registers they touch and what each may do. Pure: no I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::core {

enum class Role {
  org_dept,
  street_officer,
  community_secretary,
  grid_staff,
  branch_secretary,
  member,
  unit_admin,
  resident,
  department,
  sys_admin,
  sec_admin,
  audit_admin
};
enum class ScopeType { area, org, unit, member };
enum class Register {
  areas,
  orgs,
  units,
  members,
  venues,
  people,
  accounts,
  audit,
  appeals,
  lists,
  dual_report,
  pairings,
  deliberations,
  grants,
  households,
  org_life,
  pipeline,
  dues,
  relations
};
enum class Action { read, write, reveal };

std::optional<Role> parse_role(std::string_view s);
std::string_view role_name(Role r);
std::string_view role_label(Role r);  // zh-CN
std::optional<ScopeType> parse_scope_type(std::string_view s);
std::string_view scope_type_name(ScopeType t);
std::optional<Register> parse_register(std::string_view s);
std::string_view register_name(Register r);

// The scope type a role must be bound to (a grid worker to an area, a branch secretary to an org…).
ScopeType scope_type_for(Role r);
// The three administrators of 等保 level 3 (三员): system, security and audit. Each holds only its
// own role, and only the command line on the server grants them.
bool is_admin_role(Role r);
bool allowed(Role r, Register reg, Action a);
// Read only the caller's own records of the register (a resident's own household), not its subtree's.
bool own_only(Role r, Register reg);
// Menus the console shows for a set of roles, in display order.
std::vector<std::string> menus_for(const std::vector<Role>& roles);
// Registers some role of the set may write, so that the console offers no edit the server refuses.
std::vector<std::string> writes_for(const std::vector<Role>& roles);

}  // namespace jiceng::core
