#include "registry/values.hpp"

#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "registry/engine.hpp"

namespace jiceng::registry {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kMaxInteger = 1'000'000'000'000LL;
constexpr std::size_t kMaxListItems = 50;
constexpr char kListSeparator = '\x1f';

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Accepts 2020-01-05, 2020/1/5 and 2020.1.5, the ways Excel users type dates.
std::optional<std::string> normalize_date(const std::string& raw) {
  int parts[3] = {0, 0, 0};
  int idx = 0;
  int digits = 0;
  for (char c : raw) {
    if (c >= '0' && c <= '9') {
      parts[idx] = parts[idx] * 10 + (c - '0');
      if (++digits > 4) return std::nullopt;
    } else if ((c == '-' || c == '/' || c == '.') && idx < 2 && digits > 0) {
      ++idx;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (idx != 2 || digits == 0) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", parts[0], parts[1], parts[2]);
  if (!core::is_valid_date(buf)) return std::nullopt;
  return std::string(buf);
}

std::int64_t lookup_ref(const Field& f, const std::string& raw, Source src, WriteCtx& ctx) {
  if (src == Source::json || (raw.find_first_not_of("0123456789") == std::string::npos && raw.size() < 19)) {
    if (raw.empty() || raw.size() > 18 || raw.find_first_not_of("0123456789") != std::string::npos) {
      bad_request(f.key, f.heading + "应为编号");
    }
    return std::stoll(raw);
  }
  // From a spreadsheet the reference is a name, looked up among what the caller may write (the
  // node must lie where the caller may write the register being written).
  const auto ids = engine::refs().named(ctx.conn, ctx.who, ctx.reg, f.kind, raw);
  if (ids.empty()) bad_request(f.key, "找不到“" + raw + "”，或不在您的管辖范围内");
  if (ids.size() > 1) bad_request(f.key, "“" + raw + "”有重名，请改用编号");
  return ids[0];
}

}  // namespace

store::Value parse_value(const Field& f, const std::string& raw_in, Source src, WriteCtx& ctx) {
  const std::string raw = trim(raw_in);
  if (raw.empty()) return store::null();
  const long len = json::utf8_length(raw);
  if (len < 0) bad_request(f.key, f.heading + "不是有效的 UTF-8 文本");
  if (static_cast<std::size_t>(len) > f.max_len && f.kind != Kind::list) {
    bad_request(f.key, f.heading + "过长，最多 " + std::to_string(f.max_len) + " 个字符", "too_long");
  }
  for (char c : raw) {
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != kListSeparator) || c == 0x7f) {
      bad_request(f.key, f.heading + "含有非法控制字符");
    }
  }
  switch (f.kind) {
    case Kind::text: return raw;
    case Kind::integer: {
      std::size_t i = raw[0] == '-' ? 1 : 0;
      if (i == raw.size() || raw.size() > 15 || raw.find_first_not_of("0123456789", i) != std::string::npos) {
        bad_request(f.key, f.heading + "应为整数");
      }
      const auto v = std::stoll(raw);
      if (v < 0 || v > kMaxInteger) bad_request(f.key, f.heading + "超出合理范围");
      return v;
    }
    case Kind::number: {
      // Plain decimals only ("12", "-3.5"): no exponents, NaN or infinities from a form or a sheet.
      std::size_t i = raw[0] == '-' ? 1 : 0;
      const auto dot = raw.find('.');
      const bool shape = i < raw.size() && raw.size() <= 20 &&
                         raw.find_first_not_of("0123456789.", i) == std::string::npos &&
                         (dot == std::string::npos ||
                          (raw.find('.', dot + 1) == std::string::npos && dot > i && dot + 1 < raw.size()));
      if (!shape) bad_request(f.key, f.heading + "应为数字");
      const double v = std::stod(raw);
      if (v < -kMaxInteger || v > kMaxInteger) bad_request(f.key, f.heading + "超出合理范围");
      return v;
    }
    case Kind::date: {
      auto d = normalize_date(raw);
      if (!d) bad_request(f.key, f.heading + "应为有效日期，如 2020-07-01");
      return *d;
    }
    case Kind::choice: {
      for (const auto& c : f.choices) {
        if (raw == c.value || raw == c.label) return std::string(c.value);
      }
      std::string allowed;
      for (const auto& c : f.choices) allowed += (allowed.empty() ? "" : "、") + std::string(c.label);
      bad_request(f.key, f.heading + "应为以下之一：" + allowed);
    }
    case Kind::boolean: {
      if (raw == "1" || raw == "true" || raw == "是") return std::int64_t{1};
      if (raw == "0" || raw == "false" || raw == "否") return std::int64_t{0};
      bad_request(f.key, f.heading + "应为“是”或“否”");
    }
    case Kind::ref_area:
    case Kind::ref_org:
    case Kind::ref_unit: return lookup_ref(f, raw, src, ctx);
    case Kind::list: {
      bj::array items;
      std::string cur;
      auto flush = [&] {
        auto t = trim(cur);
        cur.clear();
        if (t.empty()) return;
        const long n = json::utf8_length(t);
        if (n < 0 || static_cast<std::size_t>(n) > f.max_len) bad_request(f.key, f.heading + "中某一项过长");
        items.emplace_back(t);
      };
      // Spreadsheets separate items with 、 ， , or ；; JSON arrays arrive joined by \x1f.
      for (std::size_t i = 0; i < raw.size();) {
        if (raw[i] == kListSeparator || raw[i] == ',' || raw[i] == ';') {
          flush();
          ++i;
        } else if (raw.compare(i, 3, "、") == 0 || raw.compare(i, 3, "，") == 0 || raw.compare(i, 3, "；") == 0) {
          flush();
          i += 3;
        } else {
          cur += raw[i++];
        }
      }
      flush();
      if (items.size() > kMaxListItems) bad_request(f.key, f.heading + "最多 50 项");
      return bj::serialize(items);
    }
    case Kind::id_number:
    case Kind::phone: {
      // The rules are the keeping module's (add_spec makes sure a field brings them).
      auto value = f.normalize ? f.normalize(raw) : raw;
      if (auto problem = f.problem(value)) bad_request(f.key, *problem);
      return value;
    }
  }
  return raw;
}

bj::value to_json(const Field& f, const store::Value& v) {
  if (std::holds_alternative<std::monostate>(v))
    return f.kind == Kind::list ? bj::value(bj::array{}) : bj::value(nullptr);
  switch (f.kind) {
    case Kind::integer:
    case Kind::ref_area:
    case Kind::ref_org:
    case Kind::ref_unit:
      if (auto p = std::get_if<std::int64_t>(&v)) return *p;
      if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
      return nullptr;
    case Kind::boolean:
      if (auto p = std::get_if<std::int64_t>(&v)) return *p != 0;
      return false;
    case Kind::number:
      if (auto p = std::get_if<double>(&v)) return *p;
      if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
      return nullptr;
    case Kind::list:
      if (auto p = std::get_if<std::string>(&v)) {
        boost::system::error_code ec;
        auto parsed = bj::parse(*p, ec);
        if (!ec && parsed.is_array()) return parsed;
      }
      return bj::array{};
    default:
      if (auto p = std::get_if<std::string>(&v)) return bj::value(*p);
      if (auto p = std::get_if<std::int64_t>(&v)) return *p;
      return nullptr;
  }
}

std::string to_cell(const Field& f, const store::Value& v, const std::string& ref_name) {
  if (std::holds_alternative<std::monostate>(v)) return {};
  switch (f.kind) {
    case Kind::choice: {
      const auto* s = std::get_if<std::string>(&v);
      for (const auto& c : f.choices) {
        if (s && *s == c.value) return c.label;
      }
      return s ? *s : "";
    }
    case Kind::boolean: {
      const auto* p = std::get_if<std::int64_t>(&v);
      return p && *p ? "是" : "否";
    }
    case Kind::ref_area:
    case Kind::ref_org:
    case Kind::ref_unit: return ref_name;
    case Kind::list: {
      auto j = to_json(f, v);
      std::string out;
      for (const auto& item : j.as_array()) {
        if (item.is_string()) out += (out.empty() ? "" : "、") + std::string(item.as_string());
      }
      return out;
    }
    default:
      if (auto p = std::get_if<std::string>(&v)) return *p;
      if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
      if (auto p = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", *p);
        return buf;
      }
      return {};
  }
}

std::string raw_from_json(const Field& f, const bj::value& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_bool()) return v.as_bool() ? "1" : "0";
  if (v.is_double() && f.kind == Kind::number) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7f", v.as_double());
    std::string out = buf;
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out;
  }
  if (v.is_array() && f.kind == Kind::list) {
    std::string out;
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) bad_request(f.key, f.heading + "应为文本列表");
      out += std::string(item.as_string()) + kListSeparator;
    }
    return out;
  }
  bad_request(f.key, f.heading + "的格式不正确");
}

}  // namespace jiceng::registry
