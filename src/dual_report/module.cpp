#include "dual_report/module.hpp"

namespace jiceng::dual_report {

const Module kModule{"dual_report", add_registers, register_routes, nullptr, nullptr};

}  // namespace jiceng::dual_report
