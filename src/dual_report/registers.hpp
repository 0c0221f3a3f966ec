#pragma once
// Dual reports and community activities as registers.
namespace jiceng::dual_report {
void add_registers();
}  // namespace jiceng::dual_report
