#include "core/json.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cstring>
#include <type_traits>
#include <variant>

#include "core/errors.hpp"

namespace jiceng::json {
namespace {
constexpr std::size_t kMaxDepth = 16;
// Longer than any double std::to_chars writes in its shortest form.
constexpr std::size_t kNumberBuffer = 32;

bool number_char(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'; }

// Boost.JSON 1.74 writes every double in exponent form (4.5 as "4.5E0"): valid JSON, but spreadsheet
// and form clients show it as is. Rewrite those numbers, outside strings only, in their shortest
// round-trip form. Output without an 'E' (nearly every response) is returned untouched.
std::string plain_numbers(std::string out) {
  if (std::memchr(out.data(), 'E', out.size()) == nullptr) return out;
  std::string fixed;
  fixed.reserve(out.size());
  bool in_string = false;
  for (std::size_t i = 0; i < out.size();) {
    const char c = out[i];
    if (in_string) {
      fixed.push_back(c);
      if (c == '\\' && i + 1 < out.size()) {
        fixed.push_back(out[i + 1]);
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      fixed.push_back(c);
      ++i;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < out.size() && number_char(out[end])) ++end;
      const std::string_view token(out.data() + i, end - i);
      double d = 0;
      const auto parsed = std::from_chars(token.data(), token.data() + token.size(), d);
      if (token.find('E') != std::string_view::npos && parsed.ec == std::errc() &&
          parsed.ptr == token.data() + token.size()) {
        char buf[kNumberBuffer];
        const auto written = std::to_chars(buf, buf + sizeof buf, d);
        fixed.append(buf, written.ptr);
      } else {
        fixed.append(token);
      }
      i = end;
      continue;
    }
    fixed.push_back(c);
    ++i;
  }
  return fixed;
}
}  // namespace

long utf8_length(std::string_view s) {
  long n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return -1;
    }
    i += len;
    ++n;
  }
  return n;
}

bj::object parse_object(std::string_view body) {
  if (body.empty()) bad_request("", "请求体不能为空，应为 JSON 对象", "invalid_json");
  bj::parse_options opts;
  opts.max_depth = kMaxDepth;
  boost::system::error_code ec;
  bj::value v = bj::parse(body, ec, {}, opts);
  if (ec) bad_request("", "请求体不是有效的 JSON：" + ec.message(), "invalid_json");
  if (!v.is_object()) bad_request("", "请求体应为 JSON 对象", "invalid_json");
  return std::move(v.as_object());
}

std::optional<std::string> opt_string(const bj::object& o, std::string_view key, std::size_t max_chars) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad_request(std::string(key), "字段应为文本");
  std::string s(v->as_string());
  const long len = utf8_length(s);
  if (len < 0) bad_request(std::string(key), "字段不是有效的 UTF-8 文本");
  if (static_cast<std::size_t>(len) > max_chars) {
    bad_request(std::string(key), "字段过长，最多 " + std::to_string(max_chars) + " 个字符", "too_long");
  }
  if (s.find('\0') != std::string::npos) bad_request(std::string(key), "字段含有非法字符");
  return s;
}

std::string req_string(const bj::object& o, std::string_view key, std::size_t max_chars) {
  auto s = opt_string(o, key, max_chars);
  if (!s || s->empty()) bad_request(std::string(key), "此项为必填项", "required");
  return *s;
}

std::optional<std::int64_t> opt_int(const bj::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_string()) {
    const auto& s = v->as_string();
    std::int64_t out = 0;
    if (s.empty() || s.size() > 18) bad_request(std::string(key), "字段应为整数");
    for (char c : s) {
      if (c < '0' || c > '9') bad_request(std::string(key), "字段应为整数");
      out = out * 10 + (c - '0');
    }
    return out;
  }
  bad_request(std::string(key), "字段应为整数");
}

std::optional<bool> opt_bool(const bj::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) bad_request(std::string(key), "字段应为 true 或 false");
  return v->as_bool();
}

std::string serialize(const bj::value& v) { return plain_numbers(bj::serialize(v)); }

http::Response respond(const bj::value& v, int status) {
  http::Response r;
  r.status = status;
  r.body = json::serialize(v);
  return r;
}

bj::value opt_text(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? bj::value(nullptr) : bj::value(r.text(i));
}
bj::value opt_int(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? bj::value(nullptr) : bj::value(r.integer(i));
}

bj::object row_object(const store::Row& r, std::initializer_list<std::string_view> names) {
  bj::object out;
  std::size_t i = 0;
  for (const auto name : names) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::monostate>) {
            out[name] = nullptr;
          } else {
            out[name] = v;
          }
        },
        r[i++]);
  }
  return out;
}

}  // namespace jiceng::json
