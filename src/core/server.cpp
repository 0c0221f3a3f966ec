// The only translation unit with Beast and Asio: a coroutine session per connection on a thread
// per core; handlers run on a separate worker pool so a slow database never stalls the I/O threads.
#include "core/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <iostream>
#include <thread>

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

struct Shared final {
  Router& router;
  App& app;
  const ServerOptions& opts;
  asio::thread_pool& workers;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
};

http::Request convert(bhttp::request<bhttp::string_body>&& in, const std::string& ip) {
  http::Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  const auto q = r.target.find('?');
  r.path = http::url_decode(std::string_view(r.target).substr(0, q), false);
  if (q != std::string::npos) r.query = http::parse_query(std::string_view(r.target).substr(q + 1));
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(std::move(name), std::string(f.value()));
    if (!inserted) it->second += ", " + std::string(f.value());
  }
  r.body = std::move(in.body());
  r.client_ip = ip;
  return r;
}

bhttp::response<bhttp::string_body> to_beast(http::Response&& r, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "jiceng");
  out.set(bhttp::field::content_type, r.content_type);
  out.set("X-Content-Type-Options", "nosniff");
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
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(shared.opts.header_limit));
    parser.body_limit(shared.opts.body_limit);
    stream.expires_after(shared.opts.read_timeout);
    auto [rec, n] = co_await bhttp::async_read(stream, buffer, parser, kAsTuple);
    if (rec) {
      http::Response err;
      if (rec == bhttp::error::body_limit) {
        err = error_response(413, "body_too_large", "请求体过大");
      } else if (rec == bhttp::error::header_limit) {
        err = error_response(431, "headers_too_large", "请求头过大");
      } else if (rec == bhttp::error::end_of_stream || rec == beast::error::timeout ||
                 rec == asio::error::connection_reset || rec == asio::error::eof || n == 0) {
        break;
      } else {
        err = error_response(400, "bad_request", "无法解析的 HTTP 请求");
      }
      auto res = to_beast(std::move(err), 11, false, false);
      stream.expires_after(shared.opts.write_timeout);
      co_await bhttp::async_write(stream, res, kAsTuple);
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
    http::Request req = convert(std::move(req_in), ip);
    ++shared.in_flight;
    http::Response resp;
    if (req.path == "/healthz") {
      resp = shared.router.dispatch(req, shared.app);
    } else {
      // Hop to the worker pool for the handler and come back to this connection's strand.
      resp = co_await asio::co_spawn(
          shared.workers,
          [&]() -> awaitable<http::Response> { co_return shared.router.dispatch(req, shared.app); },
          use_awaitable);
    }
    auto res = to_beast(std::move(resp), version, keep_alive, head);
    stream.expires_after(shared.opts.write_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, kAsTuple);
    --shared.in_flight;
    if (wec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

awaitable<void> listen(tcp::acceptor& acceptor, Shared& shared) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kAsTuple);
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
    std::cerr << "jiceng: stopping, finishing requests in flight\n";
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
}

}  // namespace jiceng
