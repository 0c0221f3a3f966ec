#include "core/rate_limit.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"

namespace jiceng {

RateLimiter::RateLimiter(double per_minute, double burst, std::size_t max_keys)
    : per_second_(per_minute / 60.0), burst_(std::max(burst, 1.0)), max_keys_(max_keys) {}

std::optional<int> RateLimiter::take(std::string_view key, Clock::time_point now) {
  if (!enabled()) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) forget_full(now);
    it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  auto& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.at).count();
  b.tokens = std::min(burst_, b.tokens + std::max(elapsed, 0.0) * per_second_);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  return static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_));
}

// Buckets that have refilled hold nothing a fresh one would not: drop them. If every key is
// still draining (a flood of distinct addresses), start over rather than grow without bound.
void RateLimiter::forget_full(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& kv) {
    const double elapsed = std::chrono::duration<double>(now - kv.second.at).count();
    return kv.second.tokens + elapsed * per_second_ >= burst_;
  });
  if (buckets_.size() >= max_keys_) buckets_.clear();
}

void enforce(RateLimiter& limiter, std::string_view key, const std::string& what) {
  if (key.empty()) return;
  if (const auto wait = limiter.take(key)) {
    throw ApiError(429, "rate_limited", what + "过于频繁，请 " + std::to_string(*wait) + " 秒后再试", "", *wait);
  }
}

}  // namespace jiceng
