#pragma once
// The composition root: every module, in the order they are wired.
#include <map>
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

// When each module's sweep last ran (by the app's clock), for the background sweeper.
struct SweepSchedule final {
  std::map<std::string_view, std::int64_t> last_run;
};

// One pass of every module's background sweep, in list order. With a schedule (the background
// sweeper's), a module whose Module::sweep_every_seconds have not passed since its last run is
// left out; without one (the test route), every sweep runs.
SweepCounts sweep(App& app, SweepSchedule* schedule = nullptr);

}  // namespace jiceng::app
