#pragma once
// Who is calling, with each role bound to a node of the organisation matrix, and the SQL that
// keeps every query inside the subtrees those bindings reach. This is the one place scope is
// enforced; registers call scope_clause() and nothing else.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/roles.hpp"
#include "store/db.hpp"

namespace jiceng::core {

struct Binding final {
  Role role;
  ScopeType scope_type;
  std::int64_t scope_id = 0;
  std::string path;  // materialised path of the area or org bound to; empty for unit/member scopes
  std::string scope_name;
};

struct Principal final {
  std::int64_t account_id = 0;
  std::string username;
  std::string display_name;
  std::vector<Binding> bindings;
  bool via_cookie = false;
  std::string csrf;
  // Why the password must be changed before anything else: "first_login", "expired", or empty.
  std::string password_change;
  bool totp_enabled = false;

  bool can(Register reg, Action a) const;
  std::vector<Role> roles() const;
};

// Which columns of a register's table carry each kind of scope.
struct ScopeColumns final {
  const char* area_path = nullptr;  // e.g. "t.area_path" or "t.path"
  const char* org_path = nullptr;   // e.g. "t.org_path" or "t.path"
  const char* unit_id = nullptr;    // e.g. "t.id" for units, or a condition with one `?` for the unit id
  const char* member_id = nullptr;  // e.g. "t.id" for members, or a condition with one `?` for the member id
  // The caller's own records, for roles whose cell is "o": a condition with one `?` for the account id.
  const char* own = nullptr;
};

struct Clause final {
  std::string sql;  // "(...)"; "(1=0)" when no binding reaches the register
  store::Params params;
};

// The bindings whose role may do `a` on `reg`, OR-ed into one condition.
Clause scope_clause(const Principal& p, Register reg, Action a, const ScopeColumns& cols);
// The same with `own_key` in `cols.own`'s `?` instead of the account id: own records reached
// through something the account names, which the module owning the account looked up first.
Clause scope_clause(const Principal& p, Register reg, Action a, const ScopeColumns& cols, const store::Value& own_key);
// Whether one of the caller's bindings reaches only its own records of `reg` (and may do `a`).
bool reaches_own_only(const Principal& p, Register reg, Action a);

// Whether one of the caller's bindings allowed `a` on `reg` holds a record kept under these paths:
// an area binding over `area_path`, or an organisation binding over `org_path`.
bool binds_over(const Principal& p, Register reg, Action a, const std::string& org_path, const std::string& area_path);

// Reads `reg` through an area or organisation it serves (staff), not only its own or published records.
bool staff_reader(const Principal& p, Register reg);

// The fewest subtree roots that together cover what the caller's bindings (allowed `a` on `reg`)
// reach, cut to `filter` when given; every binding must be of `kind`, else nullopt. Lets a count
// be summed from per-node rollups without counting anything twice.
std::optional<std::vector<std::string>> covering_paths(const Principal& p, Register reg, Action a, ScopeType kind,
                                                       const std::optional<std::string>& filter);

// The exclusive upper bound of a materialised path's subtree ('/1/5/' → '/1/50').
std::string path_end(const std::string& path);
bool path_within(const std::string& path, const std::string& root);
// "/1/2/5/" → {"/1/", "/1/2/", "/1/2/5/"}: the node and every node above it, root first.
std::vector<std::string> path_and_ancestors(const std::string& path);

// Whoever remembers principals (the auth module's sessions) compares this generation before serving
// one; principals_changed() moves it on after a change to what principals hold: accounts,
// bindings, or the paths their scopes resolve to (a register write, a tree move).
std::uint64_t principals_generation();
void principals_changed();

}  // namespace jiceng::core
