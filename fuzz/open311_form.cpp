// Open311 GeoReport v2 POSTs: form-encoded and multipart/form-data bodies from outside clients,
// to requests and to mySociety's servicerequestupdates, with the demo key.
#include <cstdint>
#include <string>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jiceng::http::Request req;
  req.method = "POST";
  const std::uint8_t flags = size > 0 ? data[0] : 0;
  const bool xml = flags & 1;
  const bool multipart = flags & 2;
  const bool update = flags & 4;
  req.target = req.path =
      std::string("/open311/v2/") + (update ? "servicerequestupdates" : "requests") + (xml ? ".xml" : ".json");
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (multipart) {
    // The flag byte stays out of the body; the input goes on from the key's value ("\r\n--fuzz…").
    req.body = "--fuzz\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\ndemo-open311-key" +
               input.substr(size > 0 ? 1 : 0);
    req.headers["content-type"] = "multipart/form-data; boundary=fuzz";
  } else {
    req.body = "api_key=demo-open311-key&" + input;
    req.headers["content-type"] = "application/x-www-form-urlencoded";
  }
  req.client_ip = "192.0.2.3";
  jiceng::fuzz::dispatch(std::move(req), 0);
  return 0;
}
