#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/app.hpp"
#include "core/router.hpp"

namespace jiceng {

struct ServerOptions final {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 0;      // 0: one per core
  int worker_threads = 0;  // handlers (and their blocking database calls) run here; 0: 16 per core
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 8 * 1024 * 1024;
  // A client must send a request's whole head within this, or the connection closes: a slow
  // client cannot hold a connection by trickling bytes. An idle keep-alive connection closes too.
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds read_timeout{30};  // the body, after the head
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds shutdown_grace{20};
  // Requests waiting for or running on a worker; beyond this a request is answered 503 with
  // Retry-After at once, so overload sheds load instead of slowing every request down.
  int max_pending = 256;
  // Proxies whose X-Forwarded-For names the real client (for limits and the audit log).
  std::vector<std::string> trusted_proxies;
  bool hsts = false;  // reached over HTTPS: send Strict-Transport-Security
};

// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish and returns.
void run_server(Router& router, App& app, const ServerOptions& opts);

}  // namespace jiceng
