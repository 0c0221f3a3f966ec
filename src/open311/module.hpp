#pragma once
// The open311 module: Open311 GeoReport v2 over the appeals.
#include "core/module.hpp"

namespace jiceng::open311 {

extern const Module kModule;

}  // namespace jiceng::open311
