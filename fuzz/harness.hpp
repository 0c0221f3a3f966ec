#pragma once
// One in-process jiceng for the fuzz targets: the demo county in a scratch SQLite database, the
// whole router, and a few accounts a request may run as (chosen by the X-Fuzz-As header).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/http.hpp"

namespace jiceng::fuzz {

// The accounts a request may run as: anonymous, then the demo accounts in this order.
constexpr const char* kAccounts[] = {"",     "admin",    "street",   "community", "grid",   "member",
                                     "unit", "resident", "sysadmin", "secadmin",  "auditor"};

// Dispatches through the router; a status of 500 or above is a bug, so it aborts, naming the
// request. `as` is an index into kAccounts (taken modulo its size).
http::Response dispatch(http::Request req, std::size_t as);

// Aborts with a message when a handler answered 5xx.
void require_no_server_error(const http::Request& req, const http::Response& resp);

}  // namespace jiceng::fuzz
