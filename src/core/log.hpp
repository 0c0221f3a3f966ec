#pragma once
// Operators' logs: one structured line per request on standard output, and warnings and errors
// carrying the request id of the request they happened in. spdlog does the writing; this header
// keeps it (and fmt) out of every other translation unit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::log {

enum class Level { trace, debug, info, warn, error, off };

std::optional<Level> parse_level(std::string_view s);
// Once, before serving: lines at `level` and above go to standard output, asynchronously so a
// slow terminal or pipe never holds up a request.
void init(Level level);
void flush();

// A request id as a proxy may send it (X-Request-Id): 1–64 of [A-Za-z0-9._:-]; anything else is
// replaced by one of ours, so a log line can never be forged through the header.
bool valid_request_id(std::string_view id);
std::string new_request_id();

struct RequestLine final {
  std::string_view request_id;
  std::string_view client_ip;
  std::string_view account;  // username, or empty when nobody signed in
  std::string_view method;
  std::string_view route;  // the route's pattern ("/api/v1/appeals/{id}"), never the raw path with ids
  int status = 0;
  std::uint64_t bytes = 0;
  double millis = 0;
};
void request(const RequestLine& line);

// The request being handled on this thread, for warn() and error() lines.
class RequestScope final {
 public:
  explicit RequestScope(std::string_view request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string_view previous_;
};

void info(std::string_view message);
void warn(std::string_view message);
void error(std::string_view message);

}  // namespace jiceng::log
