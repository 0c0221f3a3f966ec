#include "core/roles.hpp"

#include <algorithm>
#include <array>

#include "core/names.hpp"

namespace jiceng::core {
namespace {

struct RoleInfo {
  Role value;
  std::string_view name;
  std::string_view label;
  ScopeType scope;
};
constexpr std::array<RoleInfo, 12> kRoles = {{
    {Role::org_dept, "org_dept", "组织部", ScopeType::area},
    {Role::street_officer, "street_officer", "街道（镇、园区）干部", ScopeType::area},
    {Role::community_secretary, "community_secretary", "社区（村）书记", ScopeType::area},
    {Role::grid_staff, "grid_staff", "网格员", ScopeType::area},
    {Role::branch_secretary, "branch_secretary", "党支部书记", ScopeType::org},
    {Role::member, "member", "党员", ScopeType::member},
    {Role::unit_admin, "unit_admin", "单位管理员", ScopeType::unit},
    {Role::resident, "resident", "居民", ScopeType::area},
    {Role::department, "department", "职能部门", ScopeType::unit},
    {Role::sys_admin, "sys_admin", "系统管理员", ScopeType::area},
    {Role::sec_admin, "sec_admin", "安全管理员", ScopeType::area},
    {Role::audit_admin, "audit_admin", "审计管理员", ScopeType::area},
}};

constexpr std::size_t kRegisterCount = 19;
constexpr std::array<std::string_view, kRegisterCount> kRegisters = {
    "areas",      "orgs",     "units",    "members",     "venues",   "people",        "accounts",
    "audit",      "appeals",  "lists",    "dual_report", "pairings", "deliberations", "grants",
    "households", "org_life", "pipeline", "dues",        "relations"};

// Rows: role; columns: register (pairings, deliberations, households, lists and dual_report are
// co-governance: docs/api-cogov.md); each cell: "" none, "o" read the caller's own records only,
// "r" read, "w" read+write, "x" read+write+reveal. A resident is bound to a community so that it may
// read the community's matters, but a household is a family's name, address and size: it reads its
// own and nobody else's.
// org_life (organisation life, docs/api-org_life.md) is written by the county, streets, communities
// and branch secretaries over their subtree; a member reads the meetings they are on the roll of.
// pipeline (发展党员, docs/api-pipeline.md) is written by the same four over their subtree; who
// approves, and the county's own work (quotas, joint reviews, re-checks), is narrower, in the module.
// dues (党费, docs/api-dues.md) is kept by branch secretaries and the county, streets and communities
// over their subtree; a member reads their own on the phone ("o": no console list).
// relations (transfers, mobile members, checks, 处置 cases, docs/api-relations.md) is written by the
// same staff over their subtree; either side of a transfer or a flow sees it.
// `accounts` is creating, disabling and resetting accounts; `grants` is binding roles and unlocking.
// Business roles do both inside their own subtree (a street sets up its grid workers); of the three
// administrators, the system one keeps accounts, the security one grants (reading the area,
// organisation and unit trees to pick where, but no personal data), the audit one reads the audit
// log, which nobody else reads.
// A department is bound to its own unit and reads no area, organisation or venue (its binding would
// reach none): it reads the appeals whistled to it and its own unit's record.
// Registers in kRegisters order.
constexpr std::array<std::array<std::string_view, kRegisterCount>, 12> kMatrix = {{
    /* org_dept            */ {"w", "w", "w", "x", "w", "x", "w", "", "x", "w", "w", "w", "w", "w", "w", "w", "w", "w",
                               "w"},
    /* street_officer      */
    {"w", "w", "w", "w", "w", "w", "w", "", "w", "w", "w", "w", "w", "w", "w", "w", "w", "w", "w"},
    /* community_secretary */
    {"w", "w", "w", "x", "w", "x", "w", "", "x", "w", "w", "w", "w", "w", "w", "w", "w", "w", "w"},
    /* grid_staff          */ {"r", "r", "r", "", "r", "w", "", "", "x", "w", "r", "w", "w", "", "w", "", "", "", ""},
    /* branch_secretary    */ {"", "r", "", "x", "", "", "", "", "", "", "r", "", "", "", "", "w", "w", "w", "w"},
    /* member              */ {"", "", "", "r", "", "", "", "", "", "w", "w", "r", "", "", "", "r", "", "o", ""},
    /* unit_admin          */ {"", "", "w", "", "", "", "", "", "", "w", "w", "r", "", "", "", "", "", "", ""},
    /* resident            */ {"", "", "", "", "", "", "", "", "", "", "", "", "r", "", "o", "", "", "", ""},
    /* department          */ {"", "", "r", "", "", "", "", "", "w", "", "", "", "", "", "", "", "", "", ""},
    /* sys_admin           */ {"", "", "", "", "", "", "w", "", "", "", "", "", "", "", "", "", "", "", ""},
    /* sec_admin           */ {"r", "r", "r", "", "", "", "r", "", "", "", "", "", "", "w", "", "", "", "", ""},
    /* audit_admin         */ {"", "", "", "", "", "", "", "r", "", "", "", "", "", "", "", "", "", "", ""},
}};

const RoleInfo& info(Role r) { return kRoles[static_cast<std::size_t>(r)]; }

}  // namespace

std::optional<Role> parse_role(std::string_view s) { return parse_named(kRoles, s); }
std::string_view role_name(Role r) { return info(r).name; }
std::string_view role_label(Role r) { return info(r).label; }
ScopeType scope_type_for(Role r) { return info(r).scope; }
bool is_admin_role(Role r) { return r == Role::sys_admin || r == Role::sec_admin || r == Role::audit_admin; }

constexpr std::array<Named<ScopeType>, 4> kScopeTypes = {
    {{ScopeType::area, "area"}, {ScopeType::org, "org"}, {ScopeType::unit, "unit"}, {ScopeType::member, "member"}}};

std::optional<ScopeType> parse_scope_type(std::string_view s) { return parse_named(kScopeTypes, s); }
std::string_view scope_type_name(ScopeType t) { return row_of(kScopeTypes, t).name; }

std::optional<Register> parse_register(std::string_view s) {
  for (std::size_t i = 0; i < kRegisters.size(); ++i) {
    if (kRegisters[i] == s) return static_cast<Register>(i);
  }
  return std::nullopt;
}
std::string_view register_name(Register r) { return kRegisters[static_cast<std::size_t>(r)]; }

bool allowed(Role r, Register reg, Action a) {
  const auto cell = kMatrix[static_cast<std::size_t>(r)][static_cast<std::size_t>(reg)];
  switch (a) {
    case Action::read: return !cell.empty();  // "o" too: scope_clause narrows it to the caller's own
    case Action::write: return cell == "w" || cell == "x";
    case Action::reveal: return cell == "x";
  }
  return false;
}

bool own_only(Role r, Register reg) {
  return kMatrix[static_cast<std::size_t>(r)][static_cast<std::size_t>(reg)] == "o";
}

std::vector<std::string> menus_for(const std::vector<Role>& roles) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kRegisters.size(); ++i) {
    const auto reg = static_cast<Register>(i);
    // A register read only for one's own record is shown on the phone pages, not as a console list.
    if (std::any_of(roles.begin(), roles.end(),
                    [&](Role r) { return allowed(r, reg, Action::read) && !own_only(r, reg); })) {
      out.emplace_back(kRegisters[i]);
    }
  }
  const auto has = [&](std::string_view m) { return std::find(out.begin(), out.end(), m) != out.end(); };
  // Pages that work only through an area binding: a role bound to a unit, an organisation or a
  // member would open them and find nothing (or be refused), so they are not offered to it.
  const auto area_role = [&](Register reg) {
    return std::any_of(roles.begin(), roles.end(), [&](Role r) {
      return scope_type_for(r) == ScopeType::area && allowed(r, reg, Action::read) && !own_only(r, reg);
    });
  };
  // The grid map: the area tree's grids, or the county's grids under the appeals a department was
  // whistled onto.
  if (has("areas") || has("appeals")) out.emplace_back("grids");
  // Webhook deliveries are filed by the appeal's area.
  if (area_role(Register::appeals)) out.emplace_back("outbox");
  // The monthly notice ranks the units of an area; the list of members who stopped taking part is
  // for whoever keeps them at it (an area, a party organisation, a unit), not the member.
  if (area_role(Register::dual_report)) out.emplace_back("dual_notice");
  const auto dual_report_by = [&](auto scope_fits) {
    return std::any_of(roles.begin(), roles.end(), [&](Role r) {
      return scope_fits(scope_type_for(r)) && allowed(r, Register::dual_report, Action::read);
    });
  };
  if (dual_report_by([](ScopeType t) { return t != ScopeType::member; })) out.emplace_back("dual_inactive");
  // Activities are a community's: read through an area, or the communities one's reports went to;
  // a party organisation's binding reaches none of them.
  if (dual_report_by([](ScopeType t) { return t != ScopeType::org; })) out.emplace_back("activities");
  const bool can_import = std::any_of(roles.begin(), roles.end(), [](Role r) {
    return allowed(r, Register::members, Action::write) || allowed(r, Register::units, Action::write);
  });
  if (can_import) out.emplace_back("import");
  return out;
}

std::vector<std::string> writes_for(const std::vector<Role>& roles) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kRegisters.size(); ++i) {
    const auto reg = static_cast<Register>(i);
    if (std::any_of(roles.begin(), roles.end(), [&](Role r) { return allowed(r, reg, Action::write); })) {
      out.emplace_back(kRegisters[i]);
    }
  }
  return out;
}

}  // namespace jiceng::core
