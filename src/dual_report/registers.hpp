#pragma once
// Dual reports and community activities as registers.
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace jiceng::dual_report {
void add_registers();
}  // namespace jiceng::dual_report
