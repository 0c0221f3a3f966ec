#include "auth/password_policy.hpp"

#include <algorithm>
#include <cctype>

namespace jiceng::auth {
namespace {

constexpr std::int64_t kSecondsPerDay = 24 * 60 * 60;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Counts code points, so eight Chinese characters are eight characters, not 24 bytes.
std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view username) {
  if (utf8_length(password) < kMinPasswordLength) return "密码至少 8 个字符";
  if (password.size() > kMaxPasswordLength) return "密码不能超过 128 个字节";
  bool lower_case = false, upper_case = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c < 0x20 || c == 0x7f) return "密码不能包含控制字符";
    if (std::islower(c))
      lower_case = true;
    else if (std::isupper(c))
      upper_case = true;
    else if (std::isdigit(c))
      digit = true;
    else
      other = true;
  }
  if (lower_case + upper_case + digit + other < kMinPasswordClasses) {
    return "密码需包含小写字母、大写字母、数字、符号中的至少三类";
  }
  if (username.size() >= 3 && lower(password).find(lower(username)) != std::string::npos) {
    return "密码不能包含用户名";
  }
  return std::nullopt;
}

bool password_expired(std::int64_t changed_at, std::int64_t now, int max_age_days) {
  return max_age_days > 0 && now - changed_at >= static_cast<std::int64_t>(max_age_days) * kSecondsPerDay;
}

std::int64_t locked_until_after_failure(int failures, std::int64_t now) {
  return failures >= kMaxFailedLogins ? now + kLockSeconds : 0;
}

}  // namespace jiceng::auth
