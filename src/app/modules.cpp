// The one list of modules. Adding a module is one line here (and its folder).
#include "app/modules.hpp"

#include <array>
#include <mutex>

#include "appeals/module.hpp"
#include "auth/module.hpp"
#include "auth/service.hpp"
#include "deliberation/module.hpp"
#include "dual_report/module.hpp"
#include "dues/module.hpp"
#include "lists/module.hpp"
#include "notify/module.hpp"
#include "open311/module.hpp"
#include "org_life/module.hpp"
#include "orgs/module.hpp"
#include "pairing/module.hpp"
#include "people/module.hpp"
#include "pipeline/module.hpp"
#include "registry/schema.hpp"
#include "relations/module.hpp"

namespace jiceng::core {
void register_routes(Router& r, const std::string& web_root);
}

namespace jiceng::app {
namespace {

// In the order their demo seeds build on each other: the county's accounts are bound to its
// organisations and members, and pairings pair members with deliberation's households.
constexpr std::array<const Module*, 14> kModules = {
    &orgs::kModule,     &people::kModule,   &auth::kModule,        &appeals::kModule,      &notify::kModule,
    &open311::kModule,  &lists::kModule,    &dual_report::kModule, &deliberation::kModule, &pairing::kModule,
    &org_life::kModule, &pipeline::kModule, &dues::kModule,        &relations::kModule,
};

constexpr std::string_view kInfrastructureTables[] = {"audit_log", "field_key", "cache_version", "schema_migrations",
                                                      "sweep_gate"};

// Claims a spaced-out sweep's run when its interval has passed since the last, or when the last
// looks later than now (a clock set back: a restored server, a test's second clock). The UPDATE's
// condition makes the claim atomic between servers sharing one store.
constexpr char kClaimSweep[] =
    "UPDATE sweep_gate SET last_run_at = ? WHERE module = ? AND (last_run_at <= ? OR last_run_at > ?)";
constexpr char kFirstSweep[] =
    "INSERT INTO sweep_gate (module, last_run_at) VALUES (?, ?) ON CONFLICT (module) DO NOTHING";

bool claim_sweep(App& app, const Module& m) {
  const auto now = app.now();
  const std::string name(m.name);
  return app.db.write([&](store::Conn& c) {
    if (c.execute(kFirstSweep, {name, now}) > 0) return true;
    return c.execute(kClaimSweep, {now, name, now - m.sweep_every_seconds, now}) > 0;
  });
}

}  // namespace

std::span<const Module* const> modules() { return kModules; }

std::span<const std::string_view> infrastructure_tables() { return kInfrastructureTables; }

void build_router(Router& router, const std::string& web_root) {
  // The registry is process-wide; routers built later (the command line's, the fuzz harness's)
  // serve the same registers.
  static std::once_flag registers_added;
  std::call_once(registers_added, [] {
    // Before any register: orgs' writes call the hooks of the modules above it.
    install_modules(kModules);
    for (const auto* m : kModules) {
      if (m->add_registers) m->add_registers();
    }
  });
  core::register_routes(router, web_root);
  registry::register_schema_route(router);
  for (const auto* m : kModules) {
    if (m->routes) m->routes(router);
  }
  router.set_authenticator(auth::authenticate);
}

SweepCounts sweep(App& app, std::string_view only) {
  SweepCounts all;
  for (const auto* m : kModules) {
    if (!m->sweep || (!only.empty() && m->name != only)) continue;
    if (m->sweep_every_seconds > 0 && !claim_sweep(app, *m)) continue;
    auto counts = m->sweep(app);
    all.insert(all.end(), counts.begin(), counts.end());
  }
  return all;
}

}  // namespace jiceng::app
