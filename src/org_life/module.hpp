#pragma once
// The org_life module: organisation life (三会一课, 主题党日, 组织生活会, 民主评议) with compliance.
#include "core/module.hpp"

namespace jiceng::org_life {

extern const Module kModule;

}  // namespace jiceng::org_life
