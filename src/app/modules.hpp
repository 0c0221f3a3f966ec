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

// Tables no module owns: the infrastructure's (the audit chain, the field keys, the cache version
// counters, the migrations' bookkeeping).
std::span<const std::string_view> infrastructure_tables();

// One pass of every module's background sweep, in list order.
SweepCounts sweep(App& app);

}  // namespace jiceng::app
