#pragma once
// The orgs module: the organisation matrix: areas, party organisations, units and venues.
#include "core/module.hpp"

namespace jiceng::orgs {

extern const Module kModule;

}  // namespace jiceng::orgs
