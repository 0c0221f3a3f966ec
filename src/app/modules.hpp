#pragma once
// The composition root: every module, in the order they are wired.
#include <span>
#include <string>
#include <string_view>

#include "core/module.hpp"

namespace jiceng::app {

// Every module, in order: a module's routes and seed come after those of the modules it uses.
std::span<const Module* const> modules();

// The core routes, then every module's registers and routes, with the session authenticator.
void build_router(Router& router, const std::string& web_root);

// Tables no module owns: the infrastructure's (the audit chain, the field keys, the cache version
// counters, the migrations' bookkeeping).
std::span<const std::string_view> infrastructure_tables();

// One pass of every module's background sweep, in list order (the background sweeper's and the test
// route's alike). A module whose Module::sweep_every_seconds have not passed since its last run, as
// the store's sweep_gate has it, is left out of the pass and of its counts.
// `only`, when given, runs that one module's sweep (the test route's {"module"}: a test that moves a
// side server's clock by a day runs the sweep it is about, not every other one a day early).
SweepCounts sweep(App& app, std::string_view only = {});

}  // namespace jiceng::app
