#include "core/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

namespace jiceng::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr std::size_t kMaxResponseBody = 64 * 1024;
constexpr std::size_t kMaxUrl = 2000;

}  // namespace

std::string url_problem(const std::string& url) {
  if (url.size() > kMaxUrl) return "地址过长";
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) return "地址格式不正确";
  if (u->scheme() != "http") return "只支持 http:// 地址（短信、微信网关请经内网转发）";
  if (u->host().empty()) return "地址缺少主机名";
  return {};
}

ClientResult post(const std::string& url, const std::string& body, const std::string& content_type,
                  const std::vector<std::pair<std::string, std::string>>& headers, std::chrono::milliseconds timeout) {
  ClientResult out;
  if (auto problem = url_problem(url); !problem.empty()) {
    out.error = problem;
    return out;
  }
  auto u = *boost::urls::parse_absolute_uri(url);
  const std::string host = u.host();
  const std::string port = u.has_port() ? std::string(u.port()) : "80";
  std::string target = std::string(u.encoded_path());
  if (target.empty()) target = "/";
  if (u.has_query()) target += "?" + std::string(u.encoded_query());
  try {
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(timeout);
    stream.connect(resolver.resolve(host, port));
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
    req.set(bhttp::field::host, host + (u.has_port() ? ":" + port : ""));
    req.set(bhttp::field::user_agent, "jiceng-webhook/1");
    req.set(bhttp::field::content_type, content_type);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxResponseBody);
    bhttp::read(stream, buffer, parser);
    out.status = static_cast<int>(parser.get().result_int());
    out.body = parser.get().body();
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  } catch (const std::exception& e) {
    out.status = 0;
    out.error = e.what();
  }
  return out;
}

}  // namespace jiceng::http
