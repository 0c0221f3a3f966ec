#pragma once
// What every Open311 route shares: errors answered as the specification says (a list of
// {code, description} in the format asked for), query parameters, and the links in answers.
// Internal to open311/.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/router.hpp"
#include "open311/format.hpp"

namespace jiceng::open311 {

constexpr char kBase[] = "/open311/v2";
constexpr std::int64_t kDefaultWindow = 90 * 24 * 3600;  // a list's dates when the client names none
constexpr std::int64_t kMaxResults = 1000;

// Thrown by a handler to answer with this status and description.
struct Open311Error final {
  int status;
  std::string description;
};

http::Response reply(Format f, std::string body, int status = 200);

// Every handler answers errors as the specification says: a list of {code, description}.
template <class F>
http::Response guarded(Format f, F&& body) {
  try {
    return body();
  } catch (const Open311Error& e) {
    return reply(f, render_error(f, e.status, e.description), e.status);
  } catch (const ApiError& e) {
    const int status = e.status() == 404 || e.status() == 403 || e.status() == 429 ? e.status() : 400;
    auto r = reply(f, render_error(f, status, e.message()), status);
    if (e.retry_after() > 0) r.set_header("Retry-After", std::to_string(e.retry_after()));
    return r;
  }
}

// The format a path under /open311/v2/ asks for: its last segment's extension, JSON otherwise.
Format format_of_path(const std::string& path);
// The format the path parameter `name` ("123.xml") asks for, and the parameter without it.
std::optional<Format> format_of(Ctx& ctx, const std::string& name);

std::string param(const std::multimap<std::string, std::string>& q, const std::string& key);
std::string trimmed(std::string_view s);
// Every value of `key`, whether repeated (status=open&status=closed) or a comma list with or
// without spaces (status=open, closed).
std::vector<std::string> list_param(const std::multimap<std::string, std::string>& q, const std::string& key);
// A W3C date-time parameter, `fallback` when it is absent; nullopt when it is malformed.
std::optional<std::int64_t> date_param(const std::multimap<std::string, std::string>& q, const std::string& key,
                                       std::int64_t fallback);
bool is_number(const std::string& s);
std::string lower(std::string s);
std::string upper(std::string s);

// The server as the client reached it, for links in answers.
std::string base_url(const Ctx& ctx);
std::string photo_link(const Ctx& ctx, const std::string& hash);

// The routes, one file a job.
http::Response discovery(Ctx& ctx, Format f);  // discovery.cpp
http::Response services(Ctx& ctx, Format f);
http::Response service_definition(Ctx& ctx);
http::Response get_requests(Ctx& ctx, Format f);  // requests_read.cpp
http::Response get_request(Ctx& ctx);
http::Response updates(Ctx& ctx, Format f);
http::Response post_request(Ctx& ctx, Format f);  // requests_write.cpp
http::Response post_update(Ctx& ctx, Format f);
http::Response get_token(Ctx& ctx);  // tokens.cpp

}  // namespace jiceng::open311
