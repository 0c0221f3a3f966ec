#pragma once
// Routes by method and path pattern ("/api/v1/members/{id}"), authenticates, times each route
// and turns every ApiError into the JSON error body. Knows nothing of Beast.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/app.hpp"
#include "core/http.hpp"
#include "core/metrics.hpp"
#include "core/principal.hpp"

namespace jiceng {

struct Ctx final {
  const http::Request& req;
  App& app;
  std::map<std::string, std::string> params;
  std::optional<core::Principal> principal;

  // A positive integer path parameter; anything else is 404 (there is no such object).
  std::int64_t id(const std::string& name = "id") const;
  // The caller; on an open route nobody may be signed in, and asking is then a 401, never a read
  // of an empty optional.
  const core::Principal& who() const;
};

using Handler = std::function<http::Response(Ctx&)>;

// What the request log says of a dispatched request beyond its answer.
struct DispatchNote final {
  std::string_view route;  // the matched pattern; empty when no route matched
  std::string account;     // the signed-in username, if any
};

// `credentials` routes need a login but stay open while its password must be changed (the session
// itself and the password change); every other `authenticated` route waits for the change.
enum class Access { open, authenticated, credentials };

struct Route final {
  std::string method;
  std::string pattern;
  Access access;
  std::string tag;      // OpenAPI tag (module)
  std::string summary;  // OpenAPI summary (zh-CN)
  Handler handler;
  std::string doc;  // extra OpenAPI operation members as a JSON object text (parameters, requestBody)
  std::vector<std::string> segments;
  RouteMetrics* metrics = nullptr;
};

class Router final {
 public:
  using Authenticator = std::function<std::optional<core::Principal>(const http::Request&, App&)>;

  void add(std::string method, std::string pattern, Access access, std::string tag, std::string summary,
           Handler handler, std::string doc = {});
  void set_authenticator(Authenticator a) { authenticate_ = std::move(a); }
  // A handler for GET requests no route matched (the console's static files).
  void set_fallback(Handler h) { fallback_ = std::move(h); }
  // Errors on paths under `prefix` in the shape that interface's own clients read (Open311's
  // error lists) instead of the JSON error body, however they arise: no such route, a handler's
  // ApiError, a busy store.
  using ErrorRenderer = std::function<http::Response(const http::Request&, int status, const std::string& message)>;
  void set_error_renderer(std::string prefix, ErrorRenderer r) {
    error_renderers_.emplace_back(std::move(prefix), std::move(r));
  }

  http::Response dispatch(const http::Request& req, App& app, DispatchNote* note = nullptr);
  const std::vector<Route>& routes() const { return routes_; }
  Metrics& metrics() { return metrics_; }

 private:
  std::vector<Route> routes_;
  Authenticator authenticate_;
  Handler fallback_;
  std::vector<std::pair<std::string, ErrorRenderer>> error_renderers_;
  Metrics metrics_;
};

// A module's routes under one path prefix and one OpenAPI tag, for signed-in callers: its route
// table without the prefix, the tag and the access repeated on every line.
class RouteGroup final {
 public:
  RouteGroup(Router& r, std::string base, std::string tag) : r_(r), base_(std::move(base)), tag_(std::move(tag)) {}
  void add(std::string method, const std::string& path, std::string summary, Handler handler) {
    r_.add(std::move(method), base_ + path, Access::authenticated, tag_, std::move(summary), std::move(handler));
  }

 private:
  Router& r_;
  std::string base_;
  std::string tag_;
};

http::Response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& field = {});

}  // namespace jiceng
