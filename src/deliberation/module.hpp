#pragma once
// The deliberation module: deliberation: matters, notes, ballots and households.
#include "core/module.hpp"

namespace jiceng::deliberation {

extern const Module kModule;

}  // namespace jiceng::deliberation
