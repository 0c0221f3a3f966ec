#pragma once
// Dual reports and community activities as registers.
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace jiceng::dual_report {
void add_registers();
// The unit a member works at: the one whose party organisation is the member's own or the nearest above it.
std::optional<std::int64_t> unit_of_member(store::Conn& c, const std::string& org_path);
}  // namespace jiceng::dual_report
