#include "core/log.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <iostream>
#include <random>

namespace jiceng::log {
namespace {

constexpr std::size_t kQueueLines = 8192;
// Request lines are written buffered and flushed this often (and at every warning): a write
// system call per line would cost the logging thread more than the request did.
constexpr auto kFlushInterval = std::chrono::seconds(1);
constexpr std::size_t kMaxRequestId = 64;
// time level message; the message itself is logfmt (key=value …), so lines grep and parse alike.
constexpr char kPattern[] = "time=%Y-%m-%dT%H:%M:%S.%e%z level=%l %v";

thread_local std::string_view current_request;

std::shared_ptr<spdlog::logger>& logger() {
  // Before init() (commands other than serve, unit tests) lines go to standard error, synchronously.
  static std::shared_ptr<spdlog::logger> l = [] {
    auto s = std::make_shared<spdlog::logger>("jiceng", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    s->set_pattern(kPattern);
    s->set_level(spdlog::level::warn);
    return s;
  }();
  return l;
}

spdlog::level::level_enum to_spdlog(Level l) {
  switch (l) {
    case Level::trace: return spdlog::level::trace;
    case Level::debug: return spdlog::level::debug;
    case Level::info: return spdlog::level::info;
    case Level::warn: return spdlog::level::warn;
    case Level::error: return spdlog::level::err;
    case Level::off: return spdlog::level::off;
  }
  return spdlog::level::info;
}

// A value as logfmt wants it: bare when it is plain, else quoted with `"` and `\` escaped and
// control characters dropped, so a hostile username or route cannot start a new line.
std::string quoted(std::string_view v) {
  const bool plain = !v.empty() && v.find_first_of(" \"=\\") == std::string_view::npos &&
                     std::all_of(v.begin(), v.end(), [](unsigned char c) { return c > 0x20 && c != 0x7f; });
  if (plain) return std::string(v);
  std::string out = "\"";
  for (unsigned char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (c < 0x20 || c == 0x7f) continue;
    out += static_cast<char>(c);
  }
  return out + "\"";
}

void with_request(spdlog::level::level_enum level, std::string_view message) {
  auto& l = logger();
  if (!l->should_log(level)) return;
  if (current_request.empty())
    l->log(level, "msg={}", quoted(message));
  else
    l->log(level, "rid={} msg={}", current_request, quoted(message));
}

}  // namespace

std::optional<Level> parse_level(std::string_view s) {
  constexpr std::array<std::pair<std::string_view, Level>, 6> kNames = {{{"trace", Level::trace},
                                                                         {"debug", Level::debug},
                                                                         {"info", Level::info},
                                                                         {"warn", Level::warn},
                                                                         {"error", Level::error},
                                                                         {"off", Level::off}}};
  for (const auto& [name, level] : kNames) {
    if (name == s) return level;
  }
  return std::nullopt;
}

void init(Level level) {
  spdlog::init_thread_pool(kQueueLines, 1);
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cout, false);
  auto l = std::make_shared<spdlog::async_logger>("jiceng-async", sink, spdlog::thread_pool(),
                                                  spdlog::async_overflow_policy::block);
  l->set_pattern(kPattern);
  l->set_level(to_spdlog(level));
  // Warnings and errors reach the file at once: they are what an operator reads after a crash.
  l->flush_on(spdlog::level::warn);
  logger() = l;
  spdlog::register_logger(l);  // flush_every() reaches registered loggers only
  spdlog::flush_every(kFlushInterval);
}

void flush() { logger()->flush(); }

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestId) return false;
  return std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-'; });
}

std::string new_request_id() {
  // A random per-process prefix and a counter: unique across restarts, and cheap.
  static const std::uint32_t prefix = std::random_device{}();
  static std::atomic<std::uint64_t> counter{0};
  return fmt::format("{:08x}-{:x}", prefix, ++counter);
}

void request(const RequestLine& r) {
  auto& l = logger();
  if (!l->should_log(spdlog::level::info)) return;
  l->info("rid={} ip={} account={} method={} route={} status={} bytes={} ms={:.2f}", r.request_id,
          quoted(r.client_ip.empty() ? "-" : r.client_ip), quoted(r.account.empty() ? "-" : r.account),
          quoted(r.method), quoted(r.route.empty() ? "-" : r.route), r.status, r.bytes, r.millis);
}

RequestScope::RequestScope(std::string_view request_id) : previous_(current_request) { current_request = request_id; }
RequestScope::~RequestScope() { current_request = previous_; }

void info(std::string_view message) { with_request(spdlog::level::info, message); }
void warn(std::string_view message) { with_request(spdlog::level::warn, message); }
void error(std::string_view message) { with_request(spdlog::level::err, message); }

}  // namespace jiceng::log
