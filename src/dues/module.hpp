#pragma once
// The dues module: 党费 — assessments, the ledger, reductions, collection sheets, totals, warnings.
#include "core/module.hpp"

namespace jiceng::dues {

extern const Module kModule;

}  // namespace jiceng::dues
