#pragma once
// The composition root: every module, in the order they are wired.
#include <span>
#include <string>

#include "core/module.hpp"

namespace jiceng::app {

// Every module, in order: a module's routes and seed come after those of the modules it uses.
std::span<const Module* const> modules();

// The core routes, then every module's registers and routes, with the session authenticator.
void build_router(Router& router, const std::string& web_root);

// One pass of every module's background sweep, in list order.
SweepCounts sweep(App& app);

}  // namespace jiceng::app
