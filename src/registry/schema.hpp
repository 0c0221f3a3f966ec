#pragma once
// GET /api/v1/registers/{name}/schema: a register's fields, kinds, filters and choices with their
// Chinese labels, read from the same Spec the engine lists, writes, imports and exports with, so
// the pages write no label of their own.
namespace jiceng {
class Router;
}

namespace jiceng::registry {

void register_schema_route(Router& r);

}  // namespace jiceng::registry
