#pragma once
// A request as Beast parsed it, turned into ours: the one place a request's bytes become an
// http::Request, shared by the server and the HTTP fuzz target.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <vector>

#include "core/http.hpp"

namespace jiceng::http {

// Header names lower-cased, repeated headers joined with ", ", the path percent-decoded. The
// client address is `peer`, or, when `peer` is one of `trusted_proxies`, the nearest untrusted
// address in X-Forwarded-For.
Request from_beast(boost::beast::http::request<boost::beast::http::string_body>&& in, const std::string& peer,
                   const std::vector<std::string>& trusted_proxies);

}  // namespace jiceng::http
