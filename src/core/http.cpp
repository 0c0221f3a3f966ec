#include "core/http.hpp"

#include "core/errors.hpp"

#include <cctype>

namespace jiceng::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string url_decode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::multimap<std::string, std::string> parse_query(std::string_view query) {
  std::multimap<std::string, std::string> out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto part = query.substr(0, amp);
    if (!part.empty()) {
      const auto eq = part.find('=');
      if (eq == std::string_view::npos) {
        out.emplace(url_decode(part, true), "");
      } else {
        out.emplace(url_decode(part.substr(0, eq), true), url_decode(part.substr(eq + 1), true));
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::optional<std::string> Request::header(std::string_view name) const {
  const auto it = headers.find(std::string(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::param(std::string_view name) const {
  const auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  const auto raw = header("cookie");
  if (!raw) return std::nullopt;
  std::string_view rest = *raw;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    const auto part = trim(rest.substr(0, semi));
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && trim(part.substr(0, eq)) == name) {
      return std::string(trim(part.substr(eq + 1)));
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

void Request::set_target(std::string t) {
  target = std::move(t);
  const auto q = target.find('?');
  path = url_decode(std::string_view(target).substr(0, q), false);
  query.clear();
  if (q != std::string::npos) query = parse_query(std::string_view(target).substr(q + 1));
}

std::optional<std::int64_t> int_param(const Request& req, const char* name, std::int64_t lo, std::int64_t hi) {
  auto v = req.param(name);
  if (!v || v->empty()) return std::nullopt;
  const auto range = std::string(name) + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 的整数";
  if (v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos) bad_request(name, range);
  const auto n = std::stoll(*v);
  if (n < lo || n > hi) bad_request(name, range);
  return n;
}

std::string escape_html(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace jiceng::http
