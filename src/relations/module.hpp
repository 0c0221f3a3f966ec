#pragma once
// The relations module: organisation-relation transfers, mobile members, the checks (流而失管, 空挂,
// 失联) and 不合格党员处置 cases.
#include "core/module.hpp"

namespace jiceng::relations {

extern const Module kModule;

}  // namespace jiceng::relations
