#pragma once
// The appeals module: residents' appeals handled in a closed loop.
#include "core/module.hpp"

namespace jiceng::appeals {

extern const Module kModule;

}  // namespace jiceng::appeals
