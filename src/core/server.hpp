#pragma once
#include <chrono>
#include <cstddef>
#include <string>

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
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds shutdown_grace{20};
};

// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish and returns.
void run_server(Router& router, App& app, const ServerOptions& opts);

}  // namespace jiceng
