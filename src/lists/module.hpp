#pragma once
// The lists module: the three lists (resources, needs, projects) and two-way claiming.
#include "core/module.hpp"

namespace jiceng::lists {

extern const Module kModule;

}  // namespace jiceng::lists
