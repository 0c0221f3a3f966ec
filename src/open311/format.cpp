#include "open311/format.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "appeals/calendar.hpp"

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// The shortest text that reads back as the same double: the digits JSON carries, in plain notation.
std::string number_text(double d) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0 at all.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
        out += c;
    }
  }
  return out;
}

std::string render(Format f, const std::string& list_tag, const std::string& item_tag,
                   const std::vector<Record>& items) {
  if (f == Format::json) {
    bj::array arr;
    for (const auto& rec : items) {
      bj::object o;
      for (const auto& [k, v] : rec) {
        if (std::holds_alternative<std::monostate>(v))
          o[k] = nullptr;
        else if (auto p = std::get_if<std::string>(&v))
          o[k] = *p;
        else if (auto p = std::get_if<double>(&v))
          o[k] = *p;
        else if (auto p = std::get_if<std::int64_t>(&v))
          o[k] = *p;
        else
          o[k] = std::get<bool>(v);
      }
      arr.push_back(std::move(o));
    }
    return bj::serialize(arr);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<" + list_tag + ">";
  for (const auto& rec : items) {
    out += "<" + item_tag + ">";
    for (const auto& [k, v] : rec) {
      std::string text;
      if (auto p = std::get_if<std::string>(&v))
        text = xml_escape(*p);
      else if (auto p = std::get_if<double>(&v))
        text = number_text(*p);
      else if (auto p = std::get_if<std::int64_t>(&v))
        text = std::to_string(*p);
      else if (auto p = std::get_if<bool>(&v))
        text = *p ? "true" : "false";
      out += text.empty() ? "<" + k + "/>" : "<" + k + ">" + text + "</" + k + ">";
    }
    out += "</" + item_tag + ">";
  }
  return out + "</" + list_tag + ">";
}

std::string render_error(Format f, int code, const std::string& description) {
  return render(f, "errors", "error",
                {Record{{"code", static_cast<std::int64_t>(code)}, {"description", description}}});
}

std::string w3c_datetime(std::int64_t t) {
  const auto day = core::local_day(t);
  const auto secs = t - core::day_start(day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld+08:00", core::format_day(day).c_str(),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::optional<std::int64_t> parse_w3c(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  const auto day = core::parse_day(s.substr(0, 10));
  if (day == core::kBadDay) return std::nullopt;
  // A date alone is midnight in Beijing.
  if (s.size() == 10) return core::day_start(day);
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  const int hh = digits(s, 11, 2);
  const int mm = (s.size() > 13 && s[13] == ':') ? digits(s, 14, 2) : -1;
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return std::nullopt;
  std::size_t pos = 16;
  int ss = 0;
  if (pos < s.size() && s[pos] == ':') {
    ss = digits(s, pos + 1, 2);
    if (ss < 0 || ss > 60) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {  // fractions of a second are dropped
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  const std::int64_t local = day * core::kDaySeconds + hh * 3600 + mm * 60 + ss;
  if (pos == s.size()) return local - core::kUtcOffsetSeconds;  // no zone: Beijing time
  if (s[pos] == 'Z' && pos + 1 == s.size()) return local;
  if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
    const int oh = digits(s, pos + 1, 2);
    const int om = digits(s, pos + 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    const std::int64_t offset = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
    return local - offset;
  }
  return std::nullopt;
}

std::string_view extended_state(std::string_view s) {
  if (s == "accepted") return "INVESTIGATING";
  if (s == "in_progress") return "IN_PROGRESS";
  if (s == "resolved" || s == "called_back" || s == "closed") return "FIXED";
  if (s == "rejected") return "NOT_COUNCILS_RESPONSIBILITY";
  if (s == "merged") return "DUPLICATE";
  return "OPEN";  // submitted, reopened
}

bool is_closed_status(std::string_view s) {
  return s == "resolved" || s == "called_back" || s == "closed" || s == "rejected" || s == "merged";
}

std::optional<std::pair<std::string, Format>> split_format(std::string_view segment) {
  const auto dot = segment.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto ext = segment.substr(dot + 1);
  if (ext == "json") return std::make_pair(std::string(segment.substr(0, dot)), Format::json);
  if (ext == "xml") return std::make_pair(std::string(segment.substr(0, dot)), Format::xml);
  return std::nullopt;
}

}  // namespace jiceng::open311
