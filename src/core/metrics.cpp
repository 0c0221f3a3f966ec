#include "core/metrics.hpp"

#include <sstream>

namespace jiceng {

void RouteMetrics::observe(int status, double seconds) {
  for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) {
      buckets_[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::int64_t>(seconds * 1e6), std::memory_order_relaxed);
  const int cls = status / 100;
  if (cls >= 1 && cls <= 5) by_class_[cls].fetch_add(1, std::memory_order_relaxed);
}

std::string RouteMetrics::render(const std::string& method, const std::string& route) const {
  std::ostringstream out;
  const std::string labels = "method=\"" + method + "\",route=\"" + route + "\"";
  for (int cls = 1; cls <= 5; ++cls) {
    const auto n = by_class_[cls].load(std::memory_order_relaxed);
    if (n) out << "jiceng_http_requests_total{" << labels << ",status=\"" << cls << "xx\"} " << n << "\n";
  }
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out << "jiceng_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBucketsSeconds[i] << "\"} "
        << cumulative << "\n";
  }
  const auto count = count_.load(std::memory_order_relaxed);
  out << "jiceng_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << count << "\n";
  out << "jiceng_http_request_duration_seconds_sum{" << labels << "} "
      << static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6 << "\n";
  out << "jiceng_http_request_duration_seconds_count{" << labels << "} " << count << "\n";
  return out.str();
}

RouteMetrics& Metrics::route(const std::string& method, const std::string& pattern) {
  std::lock_guard lock(mu_);
  auto& slot = routes_[method + " " + pattern];
  if (!slot) slot = std::make_unique<RouteMetrics>();
  return *slot;
}

std::string Metrics::render() const {
  std::ostringstream out;
  out << "# HELP jiceng_http_requests_total Requests answered, by route and status class.\n"
      << "# TYPE jiceng_http_requests_total counter\n"
      << "# HELP jiceng_http_request_duration_seconds Time spent answering, by route.\n"
      << "# TYPE jiceng_http_request_duration_seconds histogram\n";
  std::lock_guard lock(mu_);
  for (const auto& [key, m] : routes_) {
    const auto sp = key.find(' ');
    out << m->render(key.substr(0, sp), key.substr(sp + 1));
  }
  return out.str();
}

}  // namespace jiceng
