// Raw bytes through Beast's parser, with the server's limits, then through the router: the path
// every request from the network takes.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstdint>

#include "core/beast_request.hpp"
#include "harness.hpp"

namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::uint64_t kBodyLimit = 1024 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace bhttp = boost::beast::http;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kBodyLimit);
  parser.eager(true);
  boost::system::error_code ec;
  boost::asio::const_buffer in(data, size);
  while (in.size() > 0 && !parser.is_done()) {
    const auto used = parser.put(in, ec);
    if (ec || used == 0) break;
    in += used;
  }
  if (!ec && !parser.is_done() && parser.is_header_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  auto req = jiceng::http::from_beast(parser.release(), "192.0.2.1", {"192.0.2.1"});
  // X-Fuzz-As, if the input set it, chooses the account; the harness reads it as is.
  jiceng::fuzz::dispatch(std::move(req), 0);
  return 0;
}
