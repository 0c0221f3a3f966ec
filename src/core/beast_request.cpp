#include "core/beast_request.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

namespace jiceng::http {
namespace {

namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

// The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address in
// X-Forwarded-For that is not one of the trusted proxies.
std::string client_address(const Request& r, const std::string& peer, const std::vector<std::string>& trusted) {
  auto is_trusted = [&](const std::string& a) { return std::find(trusted.begin(), trusted.end(), a) != trusted.end(); };
  if (!is_trusted(peer)) return peer;
  const auto it = r.headers.find("x-forwarded-for");
  if (it == r.headers.end()) return peer;
  std::string_view rest(it->second);
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
    while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(std::string(hop), ec);
    if (ec) return peer;  // not an address: trust nothing in it
    if (!is_trusted(addr.to_string())) return addr.to_string();
  }
  return peer;
}

}  // namespace

Request from_beast(bhttp::request<bhttp::string_body>&& in, const std::string& ip,
                   const std::vector<std::string>& trusted) {
  Request r;
  r.method = std::string(in.method_string());
  r.set_target(std::string(in.target()));
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(std::move(name), std::string(f.value()));
    if (!inserted) it->second += ", " + std::string(f.value());
  }
  r.body = std::move(in.body());
  r.client_ip = trusted.empty() ? ip : client_address(r, ip, trusted);
  return r;
}

}  // namespace jiceng::http
