// The server proper (Beast and Asio): a coroutine session per connection on a thread
// per core; handlers run on a separate worker pool so a slow database never stalls the I/O threads.
#include "core/server.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <thread>

#include "core/beast_request.hpp"
#include "core/log.hpp"

namespace jiceng {
namespace {

constexpr int kWorkersPerCore = 16;

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

constexpr auto kAsTuple = asio::as_tuple(use_awaitable);
constexpr auto kShutdownPoll = std::chrono::milliseconds(50);
constexpr auto kDrainTime = std::chrono::seconds(5);
constexpr std::size_t kMaxDrainBytes = 64 * 1024 * 1024;
constexpr int kOverloadRetrySeconds = 1;
constexpr char kHstsValue[] = "max-age=31536000; includeSubDomains";
// One policy for every answer: the pages load only their own scripts, styles, images and fonts,
// and nothing may frame them.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

struct Shared final {
  Router& router;
  App& app;
  const ServerOptions& opts;
  asio::thread_pool& workers;
  std::atomic<int> in_flight{0};
  std::atomic<int> pending{0};
  std::atomic<bool> stopping{false};
};

bhttp::response<bhttp::string_body> to_beast(http::Response&& r, unsigned version, bool keep_alive, bool head,
                                             const ServerOptions& opts) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "jiceng");
  out.set(bhttp::field::content_type, r.content_type);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Content-Security-Policy", kContentSecurityPolicy);
  out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "same-origin");
  if (opts.hsts) out.set(bhttp::field::strict_transport_security, kHstsValue);
  // An idle connection closes at the head deadline; saying so lets clients stop reusing it first.
  if (keep_alive) out.set(bhttp::field::keep_alive, "timeout=" + std::to_string(opts.header_timeout.count()));
  for (auto& [k, v] : r.headers) out.insert(k, v);
  out.keep_alive(keep_alive);
  out.body() = std::move(r.body);
  out.prepare_payload();
  if (head) out.body().clear();
  return out;
}

awaitable<void> session(tcp::socket socket, Shared& shared) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  const auto remote = stream.socket().remote_endpoint(ec);
  const std::string ip = ec ? "" : remote.address().to_string();
  using clock = std::chrono::steady_clock;
  const auto log_request = [&](const std::string& rid, std::string_view client, std::string_view method,
                               const DispatchNote& note, int status, std::size_t bytes, clock::time_point started) {
    log::request({rid, client, note.account, method, note.route, status, bytes,
                  std::chrono::duration<double, std::milli>(clock::now() - started).count()});
  };
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(shared.opts.header_limit));
    parser.body_limit(shared.opts.body_limit);
    stream.expires_after(shared.opts.header_timeout);
    auto [rec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kAsTuple);
    const auto started = clock::now();
    if (!rec && !parser.is_done()) {
      stream.expires_after(shared.opts.read_timeout);
      std::tie(rec, n) = co_await bhttp::async_read(stream, buffer, parser, kAsTuple);
    }
    if (rec) {
      http::Response err;
      if (rec == bhttp::error::body_limit) {
        // Say the limit, so a secretary knows to send a smaller scan rather than try again.
        constexpr std::size_t kMiB = 1024 * 1024;
        err = error_response(413, "body_too_large",
                             "请求体过大：上传内容不能超过 " + std::to_string(shared.opts.body_limit / kMiB) + " MB");
      } else if (rec == bhttp::error::header_limit) {
        err = error_response(431, "headers_too_large", "请求头过大");
      } else if (rec == bhttp::error::end_of_stream || rec == beast::error::timeout ||
                 rec == asio::error::connection_reset || rec == asio::error::eof || n == 0) {
        break;
      } else {
        err = error_response(400, "bad_request", "无法解析的 HTTP 请求");
      }
      const auto rid = log::new_request_id();
      err.set_header("X-Request-Id", rid);
      const int status = err.status;
      auto res = to_beast(std::move(err), 11, false, false, shared.opts);
      stream.expires_after(shared.opts.write_timeout);
      co_await bhttp::async_write(stream, res, kAsTuple);
      log_request(rid, ip, "-", DispatchNote{}, status, res.body().size(), started);
      // Read and drop what the client is still sending, for a bounded while, so it sees our
      // answer instead of a reset connection.
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream.expires_after(kDrainTime);
      std::array<char, 16384> sink;
      for (std::size_t drained = 0; drained < kMaxDrainBytes;) {
        auto [dec, dn] = co_await stream.async_read_some(asio::buffer(sink), kAsTuple);
        if (dec) break;
        drained += dn;
      }
      break;
    }
    auto req_in = parser.release();
    const unsigned version = req_in.version();
    const bool head = req_in.method() == bhttp::verb::head;
    const bool keep_alive = req_in.keep_alive() && !shared.stopping.load();
    http::Request req = http::from_beast(std::move(req_in), ip, shared.opts.trusted_proxies);
    // A proxy's id joins our line to its own; a missing or unusable one is replaced by ours.
    if (auto given = req.header("x-request-id"); given && log::valid_request_id(*given))
      req.request_id = *given;
    else
      req.request_id = log::new_request_id();
    ++shared.in_flight;
    http::Response resp;
    DispatchNote note;
    if (req.path == "/healthz") {
      resp = shared.router.dispatch(req, shared.app, &note);
    } else if (shared.pending.load() >= shared.opts.max_pending) {
      resp = error_response(503, "overloaded", "系统繁忙，请稍后重试");
      resp.set_header("Retry-After", std::to_string(kOverloadRetrySeconds));
    } else {
      ++shared.pending;
      // Hop to the worker pool for the handler and come back to this connection's strand.
      resp = co_await asio::co_spawn(
          shared.workers,
          [&]() -> awaitable<http::Response> { co_return shared.router.dispatch(req, shared.app, &note); },
          use_awaitable);
      --shared.pending;
    }
    resp.set_header("X-Request-Id", req.request_id);
    const int status = resp.status;
    auto res = to_beast(std::move(resp), version, keep_alive, head, shared.opts);
    stream.expires_after(shared.opts.write_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, kAsTuple);
    --shared.in_flight;
    log_request(req.request_id, req.client_ip, req.method, note, status, res.body().size(), started);
    if (wec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

awaitable<void> listen(tcp::acceptor& acceptor, Shared& shared) {
  for (;;) {
    // Each connection on a strand of its own: the stream's deadline timer and its reads complete
    // on any of the I/O threads, and two at once race on the stream's state (Beast asserts
    // `!state().timeout` when a deadline fires just as a read completes).
    tcp::socket socket(asio::make_strand(acceptor.get_executor()));
    auto [ec] = co_await acceptor.async_accept(socket, kAsTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || shared.stopping) co_return;
      continue;  // e.g. too many open files: keep serving the connections we have
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto exec = socket.get_executor();
    asio::co_spawn(exec, session(std::move(socket), shared), asio::detached);
  }
}

}  // namespace

void run_server(Router& router, App& app, const ServerOptions& opts) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int io_threads = opts.io_threads > 0 ? opts.io_threads : cores;
  // Mostly blocked on the store: with SQLite's group commit, more waiting writers share each fsync.
  const int worker_threads = opts.worker_threads > 0 ? opts.worker_threads : kWorkersPerCore * cores;

  asio::io_context ioc(io_threads);
  asio::thread_pool workers(static_cast<std::size_t>(worker_threads));
  Shared shared{router, app, opts, workers};

  tcp::acceptor acceptor(ioc);
  const tcp::endpoint ep(asio::ip::make_address(opts.address), opts.port);
  acceptor.open(ep.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(ioc, listen(acceptor, shared), asio::detached);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  std::chrono::steady_clock::time_point deadline;
  std::function<void()> poll = [&] {
    if (shared.in_flight.load() == 0 || std::chrono::steady_clock::now() > deadline) {
      ioc.stop();
      return;
    }
    drain.expires_after(kShutdownPoll);
    drain.async_wait([&](auto) { poll(); });
  };
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    log::info("stopping, finishing requests in flight");
    shared.stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    deadline = std::chrono::steady_clock::now() + opts.shutdown_grace;
    poll();
  });

  std::cerr << "jiceng: serving http://" << opts.address << ":" << acceptor.local_endpoint().port() << " ("
            << app.db.describe() << ", " << io_threads << " I/O threads, " << worker_threads << " workers)\n";
  std::vector<std::thread> threads;
  for (int i = 1; i < io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();
  log::flush();
}

}  // namespace jiceng
