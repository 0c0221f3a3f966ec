// The plumbing every Open311 route shares.
#include "open311/handler.hpp"

#include <cctype>

namespace jiceng::open311 {

http::Response reply(Format f, std::string body, int status) {
  http::Response r;
  r.status = status;
  r.content_type = f == Format::json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Format format_of_path(const std::string& path) {
  const auto slash = path.rfind('/');
  const auto split = split_format(slash == std::string::npos ? path : path.substr(slash + 1));
  return split ? split->second : Format::json;
}

std::string param(const std::multimap<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? "" : it->second;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> list_param(const std::multimap<std::string, std::string>& q, const std::string& key) {
  std::vector<std::string> out;
  const auto [from, to] = q.equal_range(key);
  for (auto it = from; it != to; ++it) {
    std::string_view v = it->second;
    while (true) {
      const auto comma = v.find(',');
      auto item = trimmed(v.substr(0, comma));
      if (!item.empty()) out.push_back(std::move(item));
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  return out;
}

std::optional<std::int64_t> date_param(const std::multimap<std::string, std::string>& q, const std::string& key,
                                       std::int64_t fallback) {
  const auto text = trimmed(param(q, key));
  return text.empty() ? std::optional(fallback) : parse_w3c(text);
}

bool is_number(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string base_url(const Ctx& ctx) { return "http://" + ctx.req.header("host").value_or("127.0.0.1:8080"); }

std::string photo_link(const Ctx& ctx, const std::string& hash) { return base_url(ctx) + "/api/v1/photos/" + hash; }

std::optional<Format> format_of(Ctx& ctx, const std::string& name) {
  auto it = ctx.params.find(name);
  if (it == ctx.params.end()) return std::nullopt;
  auto split = split_format(it->second);
  if (!split) return std::nullopt;
  ctx.params[name] = split->first;
  return split->second;
}

}  // namespace jiceng::open311
