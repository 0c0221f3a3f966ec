#pragma once
// Prometheus counters and latency histograms per route, kept lock-free on the hot path.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jiceng {

class RouteMetrics final {
 public:
  static constexpr std::array<double, 12> kBucketsSeconds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                             0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  void observe(int status, double seconds);
  std::string render(const std::string& method, const std::string& route) const;

 private:
  std::array<std::atomic<std::int64_t>, kBucketsSeconds.size()> buckets_{};
  std::atomic<std::int64_t> count_{0};
  std::atomic<std::int64_t> sum_micros_{0};
  std::array<std::atomic<std::int64_t>, 6> by_class_{};  // 1xx..5xx, index = status / 100
};

class Metrics final {
 public:
  RouteMetrics& route(const std::string& method, const std::string& pattern);
  std::string render() const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<RouteMetrics>> routes_;
};

}  // namespace jiceng
