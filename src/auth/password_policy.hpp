#pragma once
// GB/T 22239 level 3 rules for passwords and failed logins. Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::auth {

constexpr std::size_t kMinPasswordLength = 8;
constexpr std::size_t kMaxPasswordLength = 128;
constexpr int kMinPasswordClasses = 3;
constexpr int kMaxFailedLogins = 5;
constexpr std::int64_t kLockSeconds = 15 * 60;
constexpr int kDefaultPasswordMaxAgeDays = 90;

// Why a new password is refused, in words for the person choosing it; nullopt when it is acceptable.
// It needs kMinPasswordLength characters from at least three of: lower case, upper case, digits,
// other characters; and must not contain the username.
std::optional<std::string> password_problem(std::string_view password, std::string_view username);

// A password changed at `changed_at` has expired by `now` under a limit of `max_age_days` (0: never).
bool password_expired(std::int64_t changed_at, std::int64_t now, int max_age_days);

// After a failed login that brings the count to `failures`, the account stays locked until the
// returned time (0: not locked).
std::int64_t locked_until_after_failure(int failures, std::int64_t now);

}  // namespace jiceng::auth
