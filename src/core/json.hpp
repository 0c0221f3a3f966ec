#pragma once
// Helpers for reading request bodies and writing responses with Boost.JSON.
#include <boost/json/fwd.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/http.hpp"
#include "store/db.hpp"

namespace jiceng::json {

namespace bj = boost::json;

// Parses a request body that must be a JSON object; 400 with a clear message otherwise.
bj::object parse_object(std::string_view body);

// Typed field access; each throws 400 naming the field when the type is wrong.
std::optional<std::string> opt_string(const bj::object& o, std::string_view key, std::size_t max_chars);
std::string req_string(const bj::object& o, std::string_view key, std::size_t max_chars);
std::optional<std::int64_t> opt_int(const bj::object& o, std::string_view key);
std::optional<bool> opt_bool(const bj::object& o, std::string_view key);

// Number of Unicode code points in a UTF-8 string; -1 when it is not valid UTF-8.
long utf8_length(std::string_view s);

// A column that may be NULL, as JSON: its text or integer, or null.
bj::value opt_text(const store::Row& r, std::size_t i);
bj::value opt_int(const store::Row& r, std::size_t i);

// A row as an object: its columns, in order, under `names`, each as the store holds it (an integer,
// a number, text, or null where the column is NULL).
bj::object row_object(const store::Row& r, std::initializer_list<std::string_view> names);

http::Response respond(const bj::value& v, int status = 200);
std::string serialize(const bj::value& v);

}  // namespace jiceng::json
