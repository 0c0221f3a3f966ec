#pragma once
// Working days for time limits: Monday to Friday, less public holidays, plus the weekend days
// the State Council moves work to (调休). Days are China Standard Time (UTC+8, no DST).
#include <cstdint>
#include <set>

#include "core/dates.hpp"

namespace jiceng::appeals {

// The local-time day helpers now live in core/dates.hpp (issue 14); these names forward to them.

class Calendar final {
 public:
  void add_holiday(std::int64_t day) { holidays_.insert(day); }
  void add_workday(std::int64_t day) { workdays_.insert(day); }
  bool is_workday(std::int64_t day) const;
  // The end (23:59:59 local) of the n-th working day after the local day of `from`.
  std::int64_t add_working_days(std::int64_t from, int n) const;

 private:
  std::set<std::int64_t> holidays_;
  std::set<std::int64_t> workdays_;
};

}  // namespace jiceng::appeals
