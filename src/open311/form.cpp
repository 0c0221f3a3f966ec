#include "open311/form.hpp"

#include <cctype>

namespace jiceng::open311 {
namespace {

constexpr std::size_t kMaxBoundary = 70;  // RFC 2046

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `; key=value; key="quoted \" value"` after a header's main value, by key (case-insensitive).
std::optional<std::string> header_param(std::string_view header, std::string_view key) {
  std::size_t pos = header.find(';');
  while (pos != std::string_view::npos && pos < header.size()) {
    ++pos;
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == '\t')) ++pos;
    const auto eq = header.find('=', pos);
    if (eq == std::string_view::npos) return std::nullopt;
    if (const auto semi = header.find(';', pos); semi < eq) {  // a parameter without a value
      pos = semi;
      continue;
    }
    const auto name = trim(header.substr(pos, eq - pos));
    std::string value;
    std::size_t end = eq + 1;
    if (end < header.size() && header[end] == '"') {
      for (++end; end < header.size() && header[end] != '"'; ++end) {
        if (header[end] == '\\' && end + 1 < header.size()) ++end;
        value += header[end];
      }
      if (end < header.size()) ++end;  // the closing quote
      end = header.find(';', end);
    } else {
      end = header.find(';', end);
      value = std::string(
          trim(header.substr(eq + 1, end == std::string_view::npos ? std::string_view::npos : end - eq - 1)));
    }
    if (iequals(name, key)) return value;
    pos = end;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto semi = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data")) return std::nullopt;
  auto b = header_param(content_type, "boundary");
  if (!b || b->empty() || b->size() > kMaxBoundary) return std::nullopt;
  return b;
}

std::optional<Form> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  Form form;
  // Anything before the first delimiter is a preamble, ignored.
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  for (std::size_t parts = 0;; ++parts) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return form;  // the close delimiter
    if (parts == kMaxParts) return std::nullopt;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    const auto head_end = body.find("\r\n\r\n", pos);
    // A part without headers starts straight with the blank line.
    const bool no_headers = body.substr(pos, 2) == "\r\n";
    if (!no_headers && head_end == std::string_view::npos) return std::nullopt;
    const auto head = no_headers ? std::string_view() : body.substr(pos, head_end - pos);
    const auto content_start = no_headers ? pos + 2 : head_end + 4;
    const auto content_end = body.find(next_delimiter, content_start);
    if (content_end == std::string_view::npos) return std::nullopt;
    std::optional<std::string> name;
    std::optional<std::string> filename;
    for (std::size_t line_start = 0; line_start <= head.size();) {
      auto line_end = head.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = head.size();
      const auto line = head.substr(line_start, line_end - line_start);
      const auto colon = line.find(':');
      if (colon != std::string_view::npos && iequals(trim(line.substr(0, colon)), "content-disposition")) {
        const auto value = line.substr(colon + 1);
        name = header_param(value, "name");
        filename = header_param(value, "filename");
      }
      line_start = line_end + 2;
    }
    if (!name) return std::nullopt;  // every form-data part names its field
    const auto content = body.substr(content_start, content_end - content_start);
    if (filename)
      form.files.push_back(FilePart{*name, *filename, std::string(content)});
    else
      form.fields.emplace(*name, std::string(content));
    pos = content_end + 2;
  }
}

}  // namespace jiceng::open311
