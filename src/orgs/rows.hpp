#pragma once
// The orgs module's structs read from rows of its own queries, one way for every file of the module.
#include "orgs/service.hpp"
#include "store/db.hpp"

namespace jiceng::orgs {

// A row of sql::kAreaColumns (and kAreaLines, kChildrenOf): id, path, kind, name, parent_id, depth.
Area area_of(const store::Row& r);
// A row of sql::kUnitsByIds or sql::kDepartments: id, name, kind, area_path.
Unit unit_of(const store::Row& r);

}  // namespace jiceng::orgs
