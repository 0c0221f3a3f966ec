// Every module's routes on one router: the server, the command line's in-process calls and the
// fuzz targets all serve the same table.
#include "auth/service.hpp"
#include "core/modules.hpp"
#include "notify/outbox.hpp"

namespace jiceng {

void build_router(Router& router, const std::string& web_root) {
  core::register_routes(router, web_root);
  auth::register_routes(router);
  orgs::register_routes(router);
  people::register_routes(router);
  appeals::register_routes(router);
  notify::register_routes(router);
  open311::register_routes(router);
  lists::register_routes(router);
  dual_report::register_routes(router);
  pairing::register_routes(router);
  deliberation::register_routes(router);
  router.set_authenticator(auth::authenticate);
}

}  // namespace jiceng
