#pragma once
// The one way a handler reports a client's mistake: throw ApiError; the router renders it as
// {"error":{"code","message","field"}} with its status. Anything else escaping a handler is a bug.
#include <stdexcept>
#include <string>

namespace jiceng {

class ApiError final : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message, std::string field = {}, int retry_after = 0)
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        message_(std::move(message)),
        field_(std::move(field)),
        retry_after_(retry_after) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  // Seconds a client should wait before trying again (sent as Retry-After); 0 for none.
  int retry_after() const { return retry_after_; }

 private:
  int status_;
  std::string code_;
  std::string message_;
  std::string field_;
  int retry_after_;
};

[[noreturn]] inline void bad_request(std::string field, std::string message, std::string code = "invalid") {
  throw ApiError(400, std::move(code), std::move(message), std::move(field));
}
[[noreturn]] inline void not_found(std::string message = "记录不存在或不在您的管辖范围内") {
  throw ApiError(404, "not_found", std::move(message));
}
[[noreturn]] inline void forbidden(std::string message = "您的角色无权执行此操作") {
  throw ApiError(403, "forbidden", std::move(message));
}
[[noreturn]] inline void conflict(std::string message, std::string field = {}) {
  throw ApiError(409, "conflict", std::move(message), std::move(field));
}

}  // namespace jiceng
