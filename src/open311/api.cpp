// Open311 GeoReport v2 at /open311/v2/, with mySociety's servicerequestupdates extension, so
// civic-reporting clients that work with other cities work here unchanged. The routes live one
// job a file: discovery.cpp, requests_read.cpp, requests_write.cpp, tokens.cpp.
#include <utility>

#include "open311/handler.hpp"
#include "open311/module.hpp"

namespace jiceng::open311 {

void register_routes(Router& r) {
  const std::string b = kBase;
  for (const auto& [ext, f] : {std::pair{".json", Format::json}, std::pair{".xml", Format::xml}}) {
    const Format fmt = f;
    r.add("GET", b + "/discovery" + ext, Access::open, "open311", "Open311 discovery",
          [fmt](Ctx& c) { return discovery(c, fmt); });
    r.add("GET", b + "/services" + ext, Access::open, "open311", "Open311 services",
          [fmt](Ctx& c) { return services(c, fmt); });
    r.add("GET", b + "/requests" + ext, Access::open, "open311", "Open311 查询诉求",
          [fmt](Ctx& c) { return get_requests(c, fmt); });
    r.add("POST", b + "/requests" + ext, Access::open, "open311",
          "Open311 提交诉求（需 api_key；表单或 multipart，照片为 media）",
          [fmt](Ctx& c) { return post_request(c, fmt); });
    r.add("GET", b + "/servicerequestupdates" + ext, Access::open, "open311", "mySociety servicerequestupdates",
          [fmt](Ctx& c) { return updates(c, fmt); });
    r.add("POST", b + "/servicerequestupdates" + ext, Access::open, "open311",
          "mySociety 提交群众补充（需 api_key），记入诉求办理轨迹", [fmt](Ctx& c) { return post_update(c, fmt); });
  }
  r.add("GET", b + "/services/{file}", Access::open, "open311", "Open311 service definition", service_definition);
  r.add("GET", b + "/requests/{file}", Access::open, "open311", "Open311 单个诉求", get_request);
  r.add("GET", b + "/tokens/{file}", Access::open, "open311", "Open311 token", get_token);
  // Whatever goes wrong under /open311/v2/ (no such path, a busy store) is an Open311 error list.
  r.set_error_renderer(b + "/", [](const http::Request& req, int status, const std::string& message) {
    const auto f = format_of_path(req.path);
    return reply(f, render_error(f, status, message), status);
  });
}

}  // namespace jiceng::open311
