#pragma once
// What a module brings to the application. The composition root (src/app/modules.cpp) holds the
// one list; the router, the background sweeper, the test sweep route and `jiceng demo` walk it, so
// adding a module is its folder and one line there.
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/router.hpp"

namespace jiceng {

namespace demo {
struct Seed;  // the demo county being built (demo/seed.hpp)
}

// What one background pass did, as named counts ("escalated", 3), for the log and the test route.
using SweepCounts = std::vector<std::pair<std::string_view, std::int64_t>>;

// A subtree of the orgs module's area tree or party organisation tree moved: every path that
// started with `old_prefix` (up to core::path_end of it) now starts with `new_prefix`.
struct PathMove final {
  std::string old_prefix;
  std::string new_prefix;
};

// A person as the orgs module shows or checks one (the community committee); people keeps them.
struct PersonRef final {
  std::string name;
  std::string area_path;
};

// How a module's own rows follow the orgs module's trees, called inside orgs' write of a move
// (core::FollowOrgTrees gives all three for the usual tables).
struct TreeHooks final {
  // The module's own area_path (org_path) columns follow the moved subtree.
  void (*area_paths_moved)(store::Conn&, const PathMove&) = nullptr;
  void (*org_paths_moved)(store::Conn&, const PathMove&) = nullptr;
  // A party organisation's new area: the rows kept under it follow.
  void (*org_area_changed)(store::Conn&, std::int64_t org_id, const std::string& area_path) = nullptr;
};

struct Module final {
  std::string_view name;
  // Its registers, described as data, into the registry; once per process, before any routes.
  void (*add_registers)() = nullptr;
  void (*routes)(Router&) = nullptr;
  // Work that falls due with time (deadlines, votes that close), run by the background sweeper.
  SweepCounts (*sweep)(App&) = nullptr;
  // Its part of the demo county, after the modules before it in the list have seeded theirs.
  void (*seed)(demo::Seed&) = nullptr;
  // The tables its migrations create: only it writes them and no other module reads them
  // (scripts/check_tables.py lists the reads that remain).
  std::span<const std::string_view> tables = {};

  // ---- Hooks: a module below calls these on the modules above that set them, through
  // installed_modules(), so that it never names them (orgs is below people, which keeps members
  // under orgs' areas and organisations). ----
  TreeHooks follow = {};
  // What orgs' own pages show of the people this module keeps (the first module that answers is
  // asked): people by id, those missing left out; and the grid staff within each grid's subtree,
  // one count per path given.
  std::map<std::int64_t, PersonRef> (*people_by_ids)(store::Conn&, std::span<const std::int64_t>) = nullptr;
  std::vector<std::int64_t> (*grid_staff_counts)(store::Conn&, std::span<const std::string> grid_paths) = nullptr;
  // Inside appeals' staff view of one appeal: what this module keeps about it, shown under the
  // module's name (null when it keeps nothing), e.g. what an Open311 client sent.
  boost::json::value (*appeal_detail)(store::Conn&, std::int64_t appeal_id) = nullptr;
  // For people's page of one member's record (GET /api/v1/members/{id}/record): what this module
  // keeps about the member, read as `who` under the module's own scope, shown under the module's
  // name; null when it keeps nothing, and a refusal of its own (403/404) leaves the section out.
  boost::json::value (*member_record)(App&, const core::Principal& who, std::int64_t member_id) = nullptr;

  // The least time between two runs of `sweep` (0: every pass), for a sweep that walks a whole
  // province; the app keeps the one gate for all of them (sweep_gate), so the module keeps none.
  std::int64_t sweep_every_seconds = 0;
  // For relations' 空挂 check (the module that keeps dues answers, the first one that sets it): whole
  // months since each member last paid dues, as of `today` (a core::local_day); a member who never
  // paid counts from the day dues started (their admission); members it knows nothing of are left out.
  std::map<std::int64_t, std::int64_t> (*months_since_dues_paid)(store::Conn&, std::span<const std::int64_t> member_ids,
                                                                 std::int64_t today) = nullptr;
};

// A module's section of a member's record (Module::member_record) from its service function, whatever
// JSON kind that answers with.
template <auto kRecord>
boost::json::value member_section(App& app, const core::Principal& who, std::int64_t member_id) {
  return kRecord(app, who, member_id);
}

// Most sweeps look for deadlines days apart: an hour between passes is soon enough.
constexpr std::int64_t kHourlySweep = 3600;

// The composition root's list, installed once by the app before it serves (app::build_router):
// what a module walks to call the hooks of the modules above it. Empty until then.
void install_modules(std::span<const Module* const> all);
std::span<const Module* const> installed_modules();

}  // namespace jiceng
