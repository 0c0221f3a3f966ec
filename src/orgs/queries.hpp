#pragma once
// The orgs module's SQL: the area and party organisation trees, their change history, units'
// coverage and the community committee (大党委).
namespace jiceng::orgs::sql {

// ---- areas, for the interface other modules call ----
constexpr char kAreaColumns[] = "SELECT id, path, kind, name, parent_id, depth FROM area ";
constexpr char kAreaById[] = "WHERE id = ?";
constexpr char kAreaByPath[] = "WHERE path = ?";
constexpr char kRootAreas[] = "WHERE parent_id IS NULL ORDER BY id";
constexpr char kAnyArea[] = "SELECT 1 FROM area LIMIT 1";
constexpr char kOrgPathsById[] = "SELECT path, area_path FROM party_org WHERE id = ?";

constexpr char kGrids[] = "SELECT g.id, g.path, g.name, g.contact_person_id FROM area g WHERE g.kind = 'grid' AND ";
constexpr char kSetGridContact[] = "UPDATE area SET contact_person_id = ?, updated_at = ? WHERE id = ?";

// ---- tree nodes ----
constexpr char kAreaNode[] = "SELECT id, path, kind, depth, path FROM area WHERE id = ? AND ";
constexpr char kOrgNode[] = "SELECT id, path, level, depth, area_path FROM party_org WHERE id = ? AND ";
constexpr char kAreaParentOf[] = "SELECT kind, depth FROM area WHERE id = ?";
constexpr char kAreaParentKind[] = "SELECT p.kind FROM area a JOIN area p ON p.id = a.parent_id WHERE a.id = ?";
constexpr char kOrgParentOf[] = "SELECT level, depth FROM party_org WHERE id = ?";
constexpr char kOrgExists[] = "SELECT 1 FROM party_org WHERE id = ?";

// A move rewrites the moved subtree's paths (`table` is area or party_org), then what hangs off them.
constexpr char kMovePathsSet[] =
    " SET path = ? || substr(path, CAST(? AS INTEGER)), depth = depth + ? WHERE path >= ? AND path < ?";
constexpr char kMoveParentSet[] = " SET parent_id = ? WHERE id = ?";
// Its own tables with an area_path; the modules above rebase theirs (core::Module::area_paths_moved).
constexpr const char* kAreaPathTables[] = {"party_org", "unit", "venue"};
constexpr char kMoveAreaPathsSet[] =
    " SET area_path = ? || substr(area_path, CAST(? AS INTEGER)) WHERE area_path >= ? AND area_path < ?";

constexpr char kInsertTreeChange[] =
    "INSERT INTO tree_change (tree, node_id, change, effective_on, before_value, after_value, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kTreeHistory[] =
    "SELECT change, effective_on, before_value, after_value, at FROM tree_change "
    "WHERE tree = ? AND node_id = ? ORDER BY id DESC LIMIT 200";

// ---- the grid map, coverage and the public community list ----
// The grid staff each one counts come from the people module (core::Module::grid_staff_counts).
constexpr char kGridsWithin[] =
    "SELECT g.id, g.name, p.name, g.geometry, g.path "
    "FROM area g LEFT JOIN area p ON p.id = g.parent_id "
    "WHERE g.kind = 'grid' AND g.geometry IS NOT NULL AND g.path >= ? AND g.path < ? ORDER BY g.id";
constexpr char kUnitCoverage[] =
    "SELECT COUNT(*), "
    "SUM(CASE WHEN party_status = 'own' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN party_status = 'joint' THEN 1 ELSE 0 END) FROM unit WHERE ";
constexpr char kPublicCommunities[] =
    "SELECT a.id, a.name, p.id, p.name FROM area a LEFT JOIN area p ON p.id = a.parent_id "
    "WHERE a.kind IN ('community', 'village') ORDER BY a.path";

// ---- the community committee ----
// The seat holders' names come from the people module (core::Module::people_by_ids).
constexpr char kCommitteeSeats[] =
    "SELECT s.person_id, u.name, s.post, s.id FROM committee_seat s LEFT JOIN unit u ON u.id = s.unit_id "
    "WHERE s.area_id = ? ORDER BY s.id";
constexpr char kUnitExists[] = "SELECT 1 FROM unit WHERE id = ?";
constexpr char kSeatTaken[] = "SELECT 1 FROM committee_seat WHERE area_id = ? AND person_id = ?";
constexpr char kInsertSeat[] =
    "INSERT INTO committee_seat (area_id, person_id, unit_id, post) VALUES (?, ?, ?, ?) RETURNING id";
constexpr char kDeleteSeat[] = "DELETE FROM committee_seat WHERE id = ? AND area_id = ?";

// ---- register figures ----
constexpr char kAreasBelow[] = "SELECT COUNT(*) FROM area WHERE path > ? AND path < ?";
constexpr char kAreaTallies[] =
    "SELECT COALESCE(SUM(members), 0), COALESCE(SUM(orgs), 0), COALESCE(SUM(units), 0) "
    "FROM area_tally WHERE area_path >= ? AND area_path < ?";
constexpr char kOrgsBelow[] = "SELECT COUNT(*) FROM party_org WHERE path > ? AND path < ?";
constexpr char kOrgMembers[] = "SELECT COALESCE(SUM(members), 0) FROM org_tally WHERE org_path >= ? AND org_path < ?";

// The community or village named in an address, the longest name first.
constexpr char kCommunityInAddress[] =
    "WHERE kind IN ('community', 'village') AND ? LIKE '%' || name || '%' ORDER BY length(name) DESC, id LIMIT 1";

// For co-governance: a unit's party organisation, and the first unit of each of a path's organisations.
constexpr char kUnitPartyOrg[] =
    "SELECT u.party_org_id, o.path FROM unit u LEFT JOIN party_org o ON o.id = u.party_org_id WHERE u.id = ?";
constexpr char kFirstUnitOfOrgsIn[] = "SELECT party_org_id, MIN(id) FROM unit WHERE party_org_id IN (";
constexpr char kFirstUnitOfOrgsTail[] = " GROUP BY party_org_id";
// ---- lookups for the modules above and the registry (lookups.cpp) ----
// Each + store::placeholders(n) + ")".
constexpr char kAreasIn[] = "WHERE id IN (";
constexpr char kOrgsIn[] = "SELECT id, path, area_path, name FROM party_org WHERE id IN (";
// The party organisations in a range of area paths, shallowest first.
// + one placeholder per level, then ")".
constexpr char kCountOrgsOfLevels[] =
    "SELECT COUNT(*) FROM party_org WHERE area_path >= ? AND area_path < ? AND level IN (";
constexpr char kOrgsInAreas[] =
    "SELECT area_path, id, name, secretary FROM party_org WHERE area_path >= ? AND "
    "area_path < ? ORDER BY depth, id";
// A node named in a spreadsheet: "SELECT id FROM <table>" + this + the caller's scope + " LIMIT 2".
constexpr char kNamedWhere[] = " WHERE name = ? AND ";
// ---- For appeals ----
// Areas by id with the names of the three above them (an appeal's view names the level holding it);
// followed by the placeholders of the ids and ")".
constexpr char kAreaLines[] =
    "SELECT a.id, a.path, a.kind, a.name, a.parent_id, a.depth, p.name, gp.name, ggp.name FROM area a "
    "LEFT JOIN area p ON p.id = a.parent_id LEFT JOIN area gp ON gp.id = p.parent_id "
    "LEFT JOIN area ggp ON ggp.id = gp.parent_id WHERE a.id IN (";
constexpr char kChildrenOf[] =
    "SELECT a.id, a.path, a.kind, a.name, a.parent_id, a.depth FROM area a JOIN area p ON p.id = a.parent_id "
    "WHERE p.path = ? ORDER BY a.id";
constexpr char kSubtreeByName[] = "WHERE path >= ? AND path < ? ORDER BY name, id";
// What the intake's grid index is built from, and a stamp that changes whenever any of it does.
constexpr char kPlacesVersion[] =
    "SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM area WHERE kind IN ('grid', 'community', 'village')";
constexpr char kMappedGrids[] =
    "SELECT g.id, g.path, g.name, g.geometry, g.parent_id, p.name FROM area g "
    "LEFT JOIN area p ON p.id = g.parent_id WHERE g.kind = 'grid' AND g.geometry IS NOT NULL ORDER BY g.id";
constexpr char kCommunities[] = "WHERE kind IN ('community', 'village') ORDER BY id";
constexpr char kCompounds[] =
    "SELECT a.parent_id, a.name FROM area a JOIN area g ON g.id = a.parent_id "
    "WHERE a.kind = 'compound' AND g.kind = 'grid' ORDER BY a.parent_id, a.name";
// Units: by id (the placeholders and ")" follow), and the departments one may whistle (a name filter
// and kDepartmentOrder may follow).
constexpr char kUnitsByIds[] = "SELECT id, name, kind, area_path FROM unit WHERE id IN (";
constexpr char kDepartments[] = "SELECT id, name, kind, area_path FROM unit WHERE kind IN ('organ', 'institution')";
constexpr char kDepartmentNameLike[] = " AND name LIKE ? ESCAPE '\\'";
constexpr char kDepartmentOrder[] = " ORDER BY name LIMIT 100";
// ---- For org_life ----
// kOrgInfoColumns + one of the WHEREs below.
constexpr char kOrgInfoColumns[] = "SELECT id, name, level, kind, path, area_path FROM party_org ";
constexpr char kOrgInfoById[] = "WHERE id = ?";
constexpr char kOrgsUnderOrg[] = "WHERE path >= ? AND path < ? ORDER BY path LIMIT ?";
constexpr char kOrgsUnderArea[] = "WHERE area_path >= ? AND area_path < ? ORDER BY path LIMIT ?";
// After kAreaColumns.
constexpr char kChildAreas[] = "WHERE parent_id = ? ORDER BY name, id";

constexpr char kVenueById[] = "SELECT name, area_path FROM venue WHERE id = ?";

// For relations: after kOrgInfoColumns, the organisations members belong to, by part of the name.
constexpr char kMemberOrgsNamed[] =
    "WHERE level IN ('branch', 'general_branch', 'group') AND name LIKE ? ESCAPE '\\' ORDER BY name, id LIMIT ?";

}  // namespace jiceng::orgs::sql
