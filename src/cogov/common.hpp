#pragma once
// What the co-governance modules (lists, dual_report, pairing, deliberation) share: who the caller
// acts as, area lookups inside a register's scope, months in local time and small query helpers.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/app.hpp"
#include "core/dates.hpp"
#include "core/principal.hpp"
#include "core/router.hpp"
#include "orgs/service.hpp"
#include "store/db.hpp"

namespace jiceng::cogov {

using Area = orgs::Area;

// Whether an area binding allowed `a` on `reg` covers `path` (staff, as opposed to units and members).
bool staff_over(const core::Principal& who, core::Register reg, core::Action a, const std::string& path);
// Whether the caller approves what is published under `path`: community staff or above over it
// (grid staff propose; the community decides).
bool may_approve(const core::Principal& who, core::Register reg, const std::string& path);
// Community or village level: where lists are published, reports land and matters are decided.
bool is_community(const std::string& kind);
// The area asked for by id, or else the caller's first area binding, or else the county root
// (`who` is null on open routes, where nobody may be signed in).
Area report_area(store::Conn& c, std::optional<std::int64_t> area_id, const core::Principal* who);

// The unit a unit admin acts for, or the member a member account is, when `reg` allows `a`.
std::optional<std::int64_t> acting_unit(const core::Principal& who, core::Register reg, core::Action a);
std::optional<std::int64_t> acting_member(const core::Principal& who, core::Register reg, core::Action a);
// Whether `who` may change a row a unit or a member filed: that unit or member, acting for itself,
// or staff over the row's area path.
bool filer_or_staff(const core::Principal& who, core::Register reg, std::optional<std::int64_t> unit_id,
                    std::optional<std::int64_t> member_id, const std::string& path);

// Months and days in local time now live in core/dates.hpp (issue 14); these names forward to them.

// A required text of 1..max characters with no control characters; 400 naming the field.
std::string text_field(const boost::json::object& body, const char* key, std::size_t max, const char* label);

// A new version of a dated county setting (core/dated_settings.hpp) as a form sends it: the key,
// its number, the rule or decision behind it, and the day it takes effect; 400 naming the field.
struct DatedChange final {
  std::string key;
  std::int64_t value = 0;
  std::string source;
  std::string effective_from;
};
DatedChange dated_change_of(const boost::json::object& body);

// A stored or parsed value as text (empty for NULL), and whether a form gave a field a value.
std::string text_of(const store::Value& v);
std::optional<std::int64_t> int_of(const store::Value& v);

// Who acts, and from which address: what a service writes into audit lines and timelines.
struct Actor final {
  const core::Principal& who;
  std::string ip;
  // The name shown on timelines: the display name, else the username.
  std::string name() const { return who.display_name.empty() ? who.username : who.display_name; }
};
// The actor of a request: the signed-in principal and the client's address.
inline Actor actor(const Ctx& ctx) { return {ctx.who(), ctx.req.client_ip}; }

void audit(store::Conn& c, const App& app, const Actor& by, const std::string& action, const std::string& type,
           std::int64_t id, const std::string& after);

}  // namespace jiceng::cogov
