#pragma once
// The orgs module's transactions (tree moves, renames, committee seats) and the interface other
// modules call instead of reading the area and party organisation tables.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/app.hpp"
#include "core/principal.hpp"
#include "store/db.hpp"

namespace jiceng::orgs {

// ---- Areas, for every module ----

// A node of the area tree (county → street/town → community/village → grid → …).
struct Area final {
  std::int64_t id = 0;
  std::string path;  // materialised, "/1/5/"
  std::string kind;  // see area_kinds()
  std::string name;
  std::optional<std::int64_t> parent_id;
  std::int64_t depth = 0;
};

std::optional<Area> area_by_id(store::Conn& c, std::int64_t id);
std::optional<Area> area_by_path(store::Conn& c, const std::string& path);
// The area when one of `who`'s bindings allowed `a` on `reg` reaches it.
std::optional<Area> area_in_scope(store::Conn& c, const core::Principal& who, core::Register reg, core::Action a,
                                  std::int64_t id);
// The areas without a parent (a county), in id order; the first is "the county" where one is meant.
std::vector<Area> root_areas(store::Conn& c);
// Whether `who` speaks for the county's organisation department (org_dept bound to that first root).
bool county_department(store::Conn& c, const core::Principal& who);
bool has_areas(store::Conn& c);
// The area at `path` and every area above it, root first (those that exist).
std::vector<Area> ancestors(store::Conn& c, const std::string& path);
// The community or village whose name the address holds (the longest such name), if any.
std::optional<Area> community_named_in(store::Conn& c, const std::string& address);
// How far down the tree a path sits: 1 for the county, 2 for a street or town, 3 for a community or
// village, 4 for a grid. Pure: reads only the path.
std::size_t level(const std::string& path);
constexpr std::size_t kStreetLevel = 2;

// A party organisation's own path and its area's, when `who` may do `a` on `reg` over it.
struct OrgPaths final {
  std::string path;
  std::string area_path;
};
std::optional<OrgPaths> org_paths_by_id(store::Conn& c, std::int64_t id);
std::optional<OrgPaths> org_paths_in_scope(store::Conn& c, const core::Principal& who, core::Register reg,
                                           core::Action a, std::int64_t id);
// "WHERE …" for a list of `reg` rows that keep `<alias>.area_path` and `<alias>.org_path`: what the
// caller reads, narrowed to one party organisation's subtree when `org_id` is given (404 when that
// organisation is outside the caller's reading scope).
core::Clause rows_under_org(store::Conn& c, const core::Principal& who, core::Register reg, const std::string& alias,
                            std::optional<std::int64_t> org_id);

// A grid (an area of kind grid) with the town cadre named its contact (包联).
struct Grid final {
  std::int64_t id = 0;
  std::string path, name;
  std::optional<std::int64_t> contact_person_id;
};
// The grids whose path `who` reaches with `a` on `reg`, in path order: the one with `id` when
// given, those under `within` when given.
std::vector<Grid> grids_in_scope(store::Conn& c, const core::Principal& who, core::Register reg, core::Action a,
                                 std::optional<std::int64_t> id, const std::optional<std::string>& within);
// Names a grid's contact, or nobody, inside the caller's write (the people module checks who may).
void set_grid_contact(store::Conn& c, std::int64_t grid_id, std::optional<std::int64_t> person_id, std::int64_t now);

// ---- The two trees ----

enum class Tree { areas, orgs };

struct Node final {
  std::int64_t id = 0;
  std::string path;
  std::string kind;  // area kind or org level
  std::int64_t depth = 0;
  std::string area_path;  // an org's area; an area's own path
};
// A node of either tree that `who` may do `a` on (through the areas or orgs register).
std::optional<Node> node_in_scope(store::Conn& c, const core::Principal& who, Tree tree, std::int64_t id,
                                  core::Action a);

// Moves a node and its subtree under a new parent, rewriting every path that hangs off it, and
// records the change (effective today in UTC when `effective_on` is empty). Throws ApiError.
void move_node(App& app, const core::Principal& who, Tree tree, std::int64_t id, std::int64_t parent_id,
               const std::string& effective_on, const std::string& ip);
// Records a node's change in its tree's history, inside the caller's write.
void record_tree_change(store::Conn& c, Tree tree, std::int64_t node_id, const char* change,
                        const std::string& effective_on, const std::string& before, const std::string& after,
                        std::int64_t at);
const char* tree_table(Tree tree);  // "area" or "party_org"

// ---- The community committee (大党委) ----

struct Seat final {
  std::int64_t person_id = 0;
  std::optional<std::int64_t> unit_id;
  std::string post;
};
// Seats a person of the community on its committee; returns the seat's id. Throws ApiError.
std::int64_t add_seat(App& app, const core::Principal& who, std::int64_t area_id, const Seat& seat,
                      const std::string& ip);
void remove_seat(App& app, const core::Principal& who, std::int64_t area_id, std::int64_t seat_id,
                 const std::string& ip);

// For co-governance (dual_report, pairing, deliberation): names and links other modules show, looked
// up for a whole page at once so a list costs one query per owner, never one per row.

// The names of the areas, party organisations and units among `ids`: orgs/lookups.hpp.
// A unit's party organisation (unset when the unit has none yet) and that organisation's path.
struct UnitOrg final {
  std::optional<std::int64_t> party_org_id;
  std::string org_path;
};
std::optional<UnitOrg> unit_org(store::Conn& c, std::int64_t unit_id);
// The unit whose party organisation is the one at `org_path` or the nearest above it (where a
// member works); the first such unit by id.
std::optional<std::int64_t> unit_on_org_path(store::Conn& c, const std::string& org_path);

// ---- For appeals ----
// Batch lookups take the ids of a page and answer in one statement; ids that name nothing are left
// out of the answer.

// An area with the names of the areas above it, nearest first (parent, grandparent, …), as many as
// exist up to kNamesAbove.
constexpr std::size_t kNamesAbove = 3;
struct AreaLine final {
  Area area;
  std::vector<std::string> above;
};
std::unordered_map<std::int64_t, AreaLine> area_lines(store::Conn& c, std::span<const std::int64_t> ids);
// The areas whose parent sits at `path`, in id order.
std::vector<Area> children_of(store::Conn& c, const std::string& path);
// The area at `path` and every area below it, by name then id.
std::vector<Area> subtree(store::Conn& c, const std::string& path);

// The places appeals are filed in: the grids drawn on the map (in id order, with the community or
// village they belong to), the communities and villages (in id order), the compounds (小区) in each
// grid (by name), and a stamp that changes whenever a grid, community or village does.
struct MappedGrid final {
  std::int64_t id = 0;
  std::string path, name, geometry;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> parent_name;
};
std::vector<MappedGrid> mapped_grids(store::Conn& c);
std::vector<Area> communities(store::Conn& c);
std::unordered_map<std::int64_t, std::vector<std::string>> compounds_by_grid(store::Conn& c);
std::string places_version(store::Conn& c);

// A unit (单位): an organ, institution, enterprise, …
struct Unit final {
  std::int64_t id = 0;
  std::string name;
  std::string kind;
  std::string area_path;
};
std::optional<Unit> unit_by_id(store::Conn& c, std::int64_t id);
// Many units by id: units_by_ids in orgs/lookups.hpp.
// The departments (organs and institutions) whose name holds `name_part` (any when empty), by name,
// the first hundred.
std::vector<Unit> departments(store::Conn& c, const std::string& name_part);

// ---- For org_life ----

// A party organisation as organisation life needs it: its level decides which duties apply.
struct OrgInfo final {
  std::int64_t id = 0;
  std::string name, level, kind, path, area_path;
};
std::optional<OrgInfo> org_info(store::Conn& c, std::int64_t id);
// The organisation a page of `reg` is narrowed to (`?org_id=`), when `who` reads it there; else 404.
OrgInfo readable_org(store::Conn& c, const core::Principal& who, core::Register reg, std::int64_t org_id);
// The organisations whose path lies under `org_path`, or whose area lies under `area_path` (one of
// the two given, the other empty), in path order, at most `limit`.
std::vector<OrgInfo> orgs_under(store::Conn& c, const std::string& org_path, const std::string& area_path,
                                std::int64_t limit);
// The areas directly under an area, in name order (a county's streets, a street's communities).
std::vector<Area> child_areas(store::Conn& c, std::int64_t area_id);

// ---- For relations ----
// Organisations that take members (branch, general branch, group) anywhere in the installation whose
// name contains `part`, by name, at most `limit`: a transfer's sender picks the receiver outside
// its own scope (an organisation's name is not personal data).
std::vector<OrgInfo> member_orgs_named(store::Conn& c, const std::string& part, std::int64_t limit);

}  // namespace jiceng::orgs
