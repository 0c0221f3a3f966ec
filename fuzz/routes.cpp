// Every route with any body, as any account: the JSON (and CSV, XLSX, form and image) bodies
// every handler parses. The input is "ACCOUNT METHOD TARGET\n" then the body.
#include <cstdint>
#include <string>
#include <string_view>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto eol = input.find('\n');
  if (eol == std::string_view::npos) return 0;
  const auto line = input.substr(0, eol);
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return 0;
  std::size_t as = 0;
  for (char c : line.substr(0, sp1)) as = as * 10 + static_cast<unsigned char>(c - '0') % 10;
  jiceng::http::Request req;
  req.method = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  req.target = std::string(line.substr(sp2 + 1));
  const auto q = req.target.find('?');
  req.path = jiceng::http::url_decode(std::string_view(req.target).substr(0, q), false);
  if (q != std::string::npos) req.query = jiceng::http::parse_query(std::string_view(req.target).substr(q + 1));
  req.body = std::string(input.substr(eol + 1));
  req.headers["content-type"] =
      req.target.find("open311") != std::string::npos ? "application/x-www-form-urlencoded" : "application/json";
  req.client_ip = "192.0.2.2";
  jiceng::fuzz::dispatch(std::move(req), as);
  return 0;
}
