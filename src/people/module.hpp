#pragma once
// The people module: party members, residents and staff, and who staffs each grid.
#include "core/module.hpp"

namespace jiceng::people {

extern const Module kModule;

}  // namespace jiceng::people
