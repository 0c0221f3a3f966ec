#pragma once
// Open311 GeoReport v2 wire formats: the JSON and XML shapes of lists of flat records, errors,
// and W3C date-times.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace jiceng::open311 {

enum class Format { json, xml };

// A flat record: ordered fields, each text, a number, a boolean or null.
using FieldValue = std::variant<std::monostate, std::string, double, std::int64_t, bool>;
using Record = std::vector<std::pair<std::string, FieldValue>>;

// `[{…},…]` or `<list_tag><item_tag>…</item_tag></list_tag>`.
std::string render(Format f, const std::string& list_tag, const std::string& item_tag,
                   const std::vector<Record>& items);
std::string render_error(Format f, int code, const std::string& description);
std::string xml_escape(std::string_view s);

// "2026-11-22T08:30:00+08:00" in China Standard Time.
std::string w3c_datetime(std::int64_t unix_seconds);
// Accepts YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]; nullopt when malformed.
std::optional<std::int64_t> parse_w3c(std::string_view s);

// The state of mySociety's extension a status of the closed loop is sent as in
// servicerequestupdates (FIXED, IN_PROGRESS, NOT_COUNCILS_RESPONSIBILITY, DUPLICATE, …): clients
// take a bare CLOSED for fixed, and a rejected or merged request is not fixed.
std::string_view extended_state(std::string_view status);
// Whether a status counts as closed in GeoReport's own open/closed.
bool is_closed_status(std::string_view status);

// Splits "name.json" into name and format; nullopt when the extension is neither.
std::optional<std::pair<std::string, Format>> split_format(std::string_view segment);

}  // namespace jiceng::open311
