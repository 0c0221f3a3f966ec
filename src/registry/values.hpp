#pragma once
// Turning what a form or a spreadsheet cell says into a typed value, and back.
#include <boost/json/value.hpp>
#include <string>

#include "registry/spec.hpp"

namespace jiceng::registry {

enum class Source { json, sheet };

// Parses one field; throws ApiError(400, field=key) with a reason a clerk understands.
// An empty string is null; `required` is checked by the caller.
store::Value parse_value(const Field& f, const std::string& raw, Source src, WriteCtx& ctx);
// The JSON value of a column as read from the store.
boost::json::value to_json(const Field& f, const store::Value& v);
// The text a spreadsheet shows (choices by their Chinese label, booleans as 是/否).
std::string to_cell(const Field& f, const store::Value& v, const std::string& ref_name);
// A JSON body member as the raw text parse_value takes.
std::string raw_from_json(const Field& f, const boost::json::value& v);

}  // namespace jiceng::registry
