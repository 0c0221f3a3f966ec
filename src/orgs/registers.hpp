#pragma once
#include <vector>

#include "registry/spec.hpp"

namespace jiceng::orgs {
void add_registers();
const std::vector<registry::Choice>& area_kinds();
}  // namespace jiceng::orgs
