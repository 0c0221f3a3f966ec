#pragma once
// The pairing module: pairing parties, help records and volunteers.
#include "core/module.hpp"

namespace jiceng::pairing {

extern const Module kModule;

}  // namespace jiceng::pairing
