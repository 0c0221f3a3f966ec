// `jiceng serve`: the API and the console, with the background sweeper and the outbox worker.
#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "app/commands.hpp"
#include "app/modules.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/rate_limit.hpp"
#include "core/router.hpp"
#include "core/server.hpp"
#include "keys/keys.hpp"
#include "notify/outbox.hpp"

namespace jiceng::app {
namespace {

// Bursts let a person retry a typo or a family file two appeals without waiting.
constexpr double kLoginBurst = 20, kIntakeBurst = 5;
constexpr double kMinutesPerDay = 24 * 60;
constexpr int kDeliveryBatch = 100;

void add_test_routes(Router& router, std::shared_ptr<std::atomic<std::int64_t>> offset) {
  // Every route the router holds, for the scope proof to walk (tests/api/scope.test.mjs).
  router.add("GET", "/api/v1/_test/routes", Access::open, "test", "（仅测试）全部路由", [&router](Ctx&) {
    boost::json::array out;
    for (const auto& r : router.routes()) {
      const char* access = r.access == Access::open          ? "open"
                           : r.access == Access::credentials ? "credentials"
                                                             : "authenticated";
      out.push_back(boost::json::object{{"method", r.method}, {"pattern", r.pattern}, {"access", access}});
    }
    return json::respond(boost::json::object{{"routes", std::move(out)}});
  });
  router.add("POST", "/api/v1/_test/clock", Access::open, "test", "（仅测试）拨动时钟", [offset](Ctx& ctx) {
    const auto body = json::parse_object(ctx.req.body);
    const auto by = json::opt_int(body, "advance_seconds").value_or(0);
    offset->fetch_add(by);
    return json::respond(boost::json::object{{"now", ctx.app.now()}});
  });
  router.add("POST", "/api/v1/_test/deliver", Access::open, "test", "（仅测试）立即投递消息", [](Ctx& ctx) {
    const auto r = notify::deliver(ctx.app, 500);
    return json::respond(boost::json::object{{"delivered", r.delivered}, {"retried", r.retried}, {"failed", r.failed}});
  });
  router.add("POST", "/api/v1/_test/sweep", Access::open, "test", "（仅测试）立即检查时限", [](Ctx& ctx) {
    const auto body = ctx.req.body.empty() ? boost::json::object{} : json::parse_object(ctx.req.body);
    const auto only = json::opt_string(body, "module", 40).value_or("");
    boost::json::object out;
    for (const auto& [what, n] : app::sweep(ctx.app, only)) out[what] = n;
    return json::respond(std::move(out));
  });
}

// Runs `job` every `interval` on its own thread until the thread is stopped; a failed run is logged
// and the next one comes as usual. A zero interval runs nothing.
template <typename Interval, typename Job>
std::jthread every(Interval interval, const char* what, Job job) {
  if (interval.count() <= 0) return {};
  return std::jthread([interval, what, job = std::move(job)](std::stop_token stop) mutable {
    std::mutex mu;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      std::unique_lock lock(mu);
      if (cv.wait_for(lock, stop, interval, [] { return false; })) break;
      if (stop.stop_requested()) break;
      try {
        job();
      } catch (const std::exception& e) {
        log::error(std::string(what) + " failed: " + e.what());
      }
    }
  });
}

// Where the published demo password is harmless: only this machine can reach the server.
bool is_loopback(const std::string& address) {
  return address == "localhost" || address == "::1" || address == "[::1]" || address.rfind("127.", 0) == 0;
}

// Deadlines are swept in the background; requests never wait for it.
std::jthread start_sweeper(App& app, int seconds) {
  return every(std::chrono::seconds(seconds), "sweep", [&app] {
    std::string done;
    for (const auto& [what, n] : app::sweep(app)) {
      if (n) done += (done.empty() ? "" : ", ") + std::string(what) + " " + std::to_string(n);
    }
    if (!done.empty()) log::info("sweep: " + done);
  });
}

}  // namespace

int serve(const Common& common, const ServeOptions& o) {
  log::init(log::parse_level(o.log_level).value_or(log::Level::info));
  auto db = open_db(common);
  const auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be ADDR:PORT");
  const auto address = o.listen.substr(0, colon);
  if (!is_loopback(address)) {
    if (const auto demo = demo::accounts_with_demo_password(*db); !demo.empty()) {
      std::cerr << "jiceng: refusing to listen on " << address << ": demo account " << demo.front() << " (and "
                << demo.size() - 1 << " more) still use the published demo password. Change them "
                << "with `jiceng user passwd` or disable them with `jiceng user disable` first.\n";
      return 1;
    }
  }
  auto cipher = keys::open(*db, common.key_file);
  App app{*db, cipher, now_seconds};
  app.media_dir = o.media_dir;
  app.password_max_age_days = o.password_max_age_days;
  app.secure_cookies = o.behind_https;
  RateLimits limits{RateLimiter(o.login_per_minute, kLoginBurst), RateLimiter(o.intake_per_minute, kIntakeBurst),
                    RateLimiter(o.intake_per_phone_day / kMinutesPerDay, std::max(o.intake_per_phone_day / 4, 1.0))};
  app.limits = &limits;
  auto offset = std::make_shared<std::atomic<std::int64_t>>(0);
  if (o.test_clock) app.now = [offset] { return now_seconds() + offset->load(); };
  Router router;
  app::build_router(router, o.web_root);
  if (o.test_clock) add_test_routes(router, offset);
  auto sweeper = start_sweeper(app, o.sweep_seconds);
  // Notifications leave through their own worker: a slow webhook never holds up a request.
  auto deliverer =
      every(std::chrono::seconds(o.deliver_seconds), "delivery", [&app] { notify::deliver(app, kDeliveryBatch); });
  ServerOptions opts;
  opts.address = address;
  opts.port = static_cast<unsigned short>(std::stoi(o.listen.substr(colon + 1)));
  opts.io_threads = o.threads;
  opts.max_pending = o.max_pending;
  opts.header_timeout = std::chrono::seconds(o.header_timeout);
  opts.trusted_proxies = o.trusted_proxies;
  opts.hsts = o.behind_https;
  run_server(router, app, opts);
  return 0;
}

}  // namespace jiceng::app
