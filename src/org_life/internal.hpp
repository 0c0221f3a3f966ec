#pragma once
// What the org_life service's files share: a meeting as read in a transaction, who may see and
// write it, the tally move that follows every change to whether a meeting counts, and rendering.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/app.hpp"
#include "core/principal.hpp"
#include "org_life/service.hpp"
#include "store/db.hpp"

namespace jiceng::org_life::detail {

struct Meeting final {
  std::int64_t id = 0, org_id = 0;
  std::string org_path, area_path, kind, topic, status, month;
  std::int64_t starts_at = 0;
  bool counted = false;
};

// The meeting when `who` may read it (scope, the roll for a member, an observer), else 404.
Meeting visible(store::Conn& c, const core::Principal& who, std::int64_t id);
// The meeting when `who` may write it (the organisation's secretary or staff above), else 403/404.
Meeting writable(store::Conn& c, const core::Principal& who, std::int64_t id);
// Whether `who` writes organisation life over a party organisation with these paths.
bool writes_over(const core::Principal& who, const std::string& org_path, const std::string& area_path);
// The county or a street over `area_path`: who assigns observers and keeps the rules.
bool supervises(const core::Principal& who, const std::string& area_path, bool county_only);

// Moves the tally by one for a meeting that starts or stops counting, and the organisation's
// standing in the meeting's year with it.
void tally(store::Conn& c, const Meeting& m, std::int64_t delta);
// The label of a kind, built-in or county-added; nullopt when there is no such kind.
std::optional<std::string> kind_label(store::Conn& c, const std::string& code);
// The meetings a member was on the roll of (announced or later), latest first, with how they attended.
boost::json::array meetings_of_member(store::Conn& c, std::int64_t member_id);

boost::json::object render(store::Conn& c, const core::Principal& who, std::int64_t id);
void audit(store::Conn& c, const App& app, const Actor& by, const std::string& action, std::int64_t id,
           const std::string& after);

}  // namespace jiceng::org_life::detail
