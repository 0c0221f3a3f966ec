// Open311 GeoReport v2 POST requests: form-encoded bodies from outside clients, with the demo key.
#include <cstdint>
#include <string>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jiceng::http::Request req;
  req.method = "POST";
  const bool xml = size > 0 && (data[0] & 1);
  req.target = req.path = xml ? "/open311/v2/requests.xml" : "/open311/v2/requests.json";
  req.body = "api_key=demo-open311-key&" + std::string(reinterpret_cast<const char*>(data), size);
  req.headers["content-type"] = "application/x-www-form-urlencoded";
  req.client_ip = "192.0.2.3";
  jiceng::fuzz::dispatch(std::move(req), 0);
  return 0;
}
