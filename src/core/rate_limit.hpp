#pragma once
// Token buckets per key (a client address, a phone number): each key may spend `burst` at once and
// earns `per_minute` back over a minute. Kept in memory only, bounded in size; a restart forgets
// them, which only ever lets a client in sooner.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jiceng {

class RateLimiter final {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kDefaultMaxKeys = 200000;

  // per_minute 0 turns the limit off.
  RateLimiter(double per_minute, double burst, std::size_t max_keys = kDefaultMaxKeys);

  // Spends one token of `key`; nullopt when allowed, else whole seconds until a token is back.
  std::optional<int> take(std::string_view key, Clock::time_point now = Clock::now());
  bool enabled() const { return per_second_ > 0; }

 private:
  struct Bucket final {
    double tokens;
    Clock::time_point at;
  };
  void forget_full(Clock::time_point now);

  double per_second_;
  double burst_;
  std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// The limits on what anyone may try without an account.
struct RateLimits final {
  RateLimiter login_per_address;
  RateLimiter intake_per_address;
  RateLimiter intake_per_phone;
};

// Throws ApiError 429 (with Retry-After) when `key` has spent its tokens; `what` names the act in
// the message ("登录尝试", "提交诉求").
void enforce(RateLimiter& limiter, std::string_view key, const std::string& what);

}  // namespace jiceng
