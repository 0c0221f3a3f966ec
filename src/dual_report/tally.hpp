#pragma once
// The per-member and per-(community, unit) monthly rollups behind the notice. Every report, end and
// check-in goes through these, so the rollups and the rows they sum never disagree.
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace jiceng::dual_report {

// A member's report made (ended = false) or ended (ended = true) in `month`.
void count_report(store::Conn& c, const std::string& area_path, std::optional<std::int64_t> unit,
                  const std::string& month, bool ended);

// One check-in by a member in `month`, crediting `hours`.
void count_participation(store::Conn& c, std::int64_t member, const std::string& month,
                         std::optional<std::int64_t> unit, const std::string& area_path, double hours);

}  // namespace jiceng::dual_report
