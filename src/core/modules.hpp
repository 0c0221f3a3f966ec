#pragma once
#include "core/router.hpp"

// Each bounded context adds its routes here; main wires them in order.
namespace jiceng::auth {
void register_routes(Router& r);
}
namespace jiceng::orgs {
void register_routes(Router& r);
}
namespace jiceng::people {
void register_routes(Router& r);
}
namespace jiceng::appeals {
void register_routes(Router& r);
}
namespace jiceng::open311 {
void register_routes(Router& r);
}
namespace jiceng::lists {
void register_routes(Router& r);
}
namespace jiceng::dual_report {
void register_routes(Router& r);
}
namespace jiceng::pairing {
void register_routes(Router& r);
}
namespace jiceng::deliberation {
void register_routes(Router& r);
}
namespace jiceng::core {
void register_routes(Router& r, const std::string& web_root);
}

namespace jiceng {
// All of the above, in order, with the session authenticator.
void build_router(Router& router, const std::string& web_root);
}  // namespace jiceng
