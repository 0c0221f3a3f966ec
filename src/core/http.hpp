#pragma once
// Plain request/response types: the only HTTP vocabulary modules see. Beast stays in server.cpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::http {

struct Request final {
  std::string method;  // upper case: GET, POST, ...
  std::string target;  // path and query as received
  std::string path;    // decoded path without the query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client_ip;
  std::string request_id;  // X-Request-Id from a proxy, or ours: on every log line of this request

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> param(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  // Sets target, and from it the decoded path and the query, as the server reads a request line.
  void set_target(std::string target);
};

struct Response final {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Splits "a=1&b=%E4%B8%AD" into decoded pairs; malformed escapes are kept literally.
std::multimap<std::string, std::string> parse_query(std::string_view query);
std::string url_decode(std::string_view in, bool plus_is_space);
// Text placed in an HTML page: the characters HTML gives a meaning to, as entities.
std::string escape_html(std::string_view s);

// A whole-number query parameter within [lo, hi]; nullopt when absent or empty. Anything else is
// a 400 naming the parameter and its range.
std::optional<std::int64_t> int_param(const Request& req, const char* name, std::int64_t lo, std::int64_t hi);

}  // namespace jiceng::http
