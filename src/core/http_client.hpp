#pragma once
// A small blocking HTTP/1.1 client for outgoing webhooks (plain http; TLS gateways sit behind a relay).
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace jiceng::http {

struct ClientResult final {
  int status = 0;  // 0 when no answer came (connection refused, timeout, bad URL)
  std::string error;
  std::string body;
};

ClientResult post(const std::string& url, const std::string& body, const std::string& content_type,
                  const std::vector<std::pair<std::string, std::string>>& headers, std::chrono::milliseconds timeout);

// True for an http:// URL with a host; the reason otherwise.
std::string url_problem(const std::string& url);

}  // namespace jiceng::http
