#pragma once
// The dual_report module: dual reporting: in-service members and units reporting to communities.
#include "core/module.hpp"

namespace jiceng::dual_report {

extern const Module kModule;

}  // namespace jiceng::dual_report
