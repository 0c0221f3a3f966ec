// The XML half of reading .xlsx parts: character data and attribute decoding, and a pull scanner
// that understands just enough XML for SpreadsheetML.
#include <optional>
#include <string>
#include <string_view>

#include "io/ooxml.hpp"
#include "io/table.hpp"

namespace jiceng::io::detail {
namespace {

constexpr std::string_view kNotXlsx = "文件不是有效的 XLSX 表格";

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_valid_code_point(char32_t cp) { return cp != 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

// Decodes XML character data: the five predefined entities, numeric references, and XML's
// line-end normalisation (a literal CR never survives an XML parser, only &#13; does).
void append_xml_text(std::string& out, std::string_view raw) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c == '\r') {
      out += '\n';
      i += (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    const auto semi = raw.find(';', i);
    if (semi == std::string_view::npos) fail_not_xlsx();
    const auto name = raw.substr(i + 1, semi - i - 1);
    if (name == "amp") {
      out += '&';
    } else if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (name.size() >= 2 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const auto digits = name.substr(hex ? 2 : 1);
      constexpr std::size_t kMaxRefDigits = 8;
      if (digits.empty() || digits.size() > kMaxRefDigits) fail_not_xlsx();
      char32_t cp = 0;
      for (const char d : digits) {
        const int v = hex ? hex_value(d) : (d >= '0' && d <= '9' ? d - '0' : -1);
        if (v < 0) fail_not_xlsx();
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      }
      if (!is_valid_code_point(cp)) fail_not_xlsx();
      append_utf8(out, cp);
    } else {
      fail_not_xlsx();
    }
    i = semi + 1;
  }
}

std::string_view local_name(std::string_view qname) {
  const auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void append_event_text(std::string& out, const XmlScanner::Event& e) {
  if (e.cdata) {
    out += e.text;
  } else {
    append_xml_text(out, e.text);
  }
}

}  // namespace

[[noreturn]] void fail_not_xlsx() { throw TableError(std::string(kNotXlsx)); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::size_t> parse_count(std::string_view s) {
  constexpr std::size_t kMaxDigits = 12;  // far beyond any row or string index, far below overflow
  if (s.empty() || s.size() > kMaxDigits) return std::nullopt;
  std::size_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  return v;
}

std::optional<char32_t> ooxml_escape_at(std::string_view s, std::size_t i) {
  if (s[i] != '_' || i + kOoxmlEscapeLen > s.size() || s[i + 1] != 'x' || s[i + kOoxmlEscapeLen - 1] != '_') {
    return std::nullopt;
  }
  char32_t unit = 0;
  for (std::size_t k = 2; k < kOoxmlEscapeLen - 1; ++k) {
    const int v = hex_value(s[i + k]);
    if (v < 0) return std::nullopt;
    unit = unit * 16 + static_cast<char32_t>(v);
  }
  return unit;
}

std::string decode_ooxml_escapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (const auto unit = ooxml_escape_at(s, i); unit && is_valid_code_point(*unit)) {
      append_utf8(out, *unit);
      i += kOoxmlEscapeLen;
      continue;
    }
    out += s[i];
    ++i;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

XmlScanner::Event XmlScanner::next() {
  for (;;) {
    if (pos_ >= xml_.size()) return {};
    if (xml_[pos_] != '<') {
      const auto lt = xml_.find('<', pos_);
      const auto end = lt == std::string_view::npos ? xml_.size() : lt;
      Event e;
      e.kind = Kind::kText;
      e.text = xml_.substr(pos_, end - pos_);
      pos_ = end;
      return e;
    }
    const auto rest = xml_.substr(pos_);
    if (rest.starts_with("<!--")) {
      skip_past("-->");
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      constexpr std::size_t kOpen = 9;
      const auto close = xml_.find("]]>", pos_ + kOpen);
      if (close == std::string_view::npos) fail_not_xlsx();
      Event e;
      e.kind = Kind::kText;
      e.cdata = true;
      e.text = xml_.substr(pos_ + kOpen, close - pos_ - kOpen);
      pos_ = close + 3;
      return e;
    }
    if (rest.starts_with("<?")) {
      skip_past("?>");
      continue;
    }
    // Spreadsheet parts never carry a DTD; refusing one rules out entity-expansion tricks.
    if (rest.starts_with("<!")) fail_not_xlsx();
    if (rest.starts_with("</")) {
      const auto gt = xml_.find('>', pos_);
      if (gt == std::string_view::npos) fail_not_xlsx();
      auto name = xml_.substr(pos_ + 2, gt - pos_ - 2);
      while (!name.empty() && is_xml_space(name.back())) name.remove_suffix(1);
      Event e;
      e.kind = Kind::kEnd;
      e.name = local_name(name);
      pos_ = gt + 1;
      return e;
    }
    return start_tag();
  }
}

void XmlScanner::skip_past(std::string_view terminator) {
  const auto at = xml_.find(terminator, pos_);
  if (at == std::string_view::npos) fail_not_xlsx();
  pos_ = at + terminator.size();
}

XmlScanner::Event XmlScanner::start_tag() {
  std::size_t i = pos_ + 1;
  const std::size_t name_begin = i;
  while (i < xml_.size() && !is_xml_space(xml_[i]) && xml_[i] != '/' && xml_[i] != '>') ++i;
  if (i == name_begin) fail_not_xlsx();
  Event e;
  e.kind = Kind::kStart;
  e.name = local_name(xml_.substr(name_begin, i - name_begin));
  const std::size_t attrs_begin = i;
  // Attribute values may legally contain '>', so quotes are skipped as a whole.
  while (i < xml_.size() && xml_[i] != '>') {
    if (xml_[i] == '"' || xml_[i] == '\'') {
      const auto close = xml_.find(xml_[i], i + 1);
      if (close == std::string_view::npos) fail_not_xlsx();
      i = close;
    }
    ++i;
  }
  if (i >= xml_.size()) fail_not_xlsx();
  std::size_t attrs_end = i;
  if (attrs_end > attrs_begin && xml_[attrs_end - 1] == '/') {
    e.self_closing = true;
    --attrs_end;
  }
  e.attrs = xml_.substr(attrs_begin, attrs_end - attrs_begin);
  pos_ = i + 1;
  return e;
}

std::optional<std::string> attribute(std::string_view attrs, std::string_view wanted) {
  std::size_t i = 0;
  const std::size_t n = attrs.size();
  while (i < n) {
    while (i < n && is_xml_space(attrs[i])) ++i;
    if (i >= n) break;
    const std::size_t name_begin = i;
    while (i < n && attrs[i] != '=' && !is_xml_space(attrs[i])) ++i;
    const auto qname = attrs.substr(name_begin, i - name_begin);
    while (i < n && is_xml_space(attrs[i])) ++i;
    if (i >= n || attrs[i] != '=') fail_not_xlsx();
    ++i;
    while (i < n && is_xml_space(attrs[i])) ++i;
    if (i >= n || (attrs[i] != '"' && attrs[i] != '\'')) fail_not_xlsx();
    const char quote = attrs[i];
    const auto close = attrs.find(quote, i + 1);
    if (close == std::string_view::npos) fail_not_xlsx();
    const auto raw = attrs.substr(i + 1, close - i - 1);
    i = close + 1;
    if (qname == "xmlns" || qname.starts_with("xmlns:")) continue;
    if (local_name(qname) == wanted) {
      std::string value;
      append_xml_text(value, raw);
      return value;
    }
  }
  return std::nullopt;
}

namespace {

// Consumes through the end tag that matches the start tag just read, gathering the character
// data on the way into `text` when one is given.
void read_to_end(XmlScanner& sc, std::string* text) {
  std::size_t depth = 0;
  for (;;) {
    const auto e = sc.next();
    switch (e.kind) {
      case XmlScanner::Kind::kEof: fail_not_xlsx();
      case XmlScanner::Kind::kStart:
        if (!e.self_closing) ++depth;
        break;
      case XmlScanner::Kind::kEnd:
        if (depth == 0) return;
        --depth;
        break;
      case XmlScanner::Kind::kText:
        if (text) append_event_text(*text, e);
        break;
    }
  }
}

}  // namespace

void skip_element(XmlScanner& sc) { read_to_end(sc, nullptr); }

std::string read_plain_text(XmlScanner& sc) {
  std::string text;
  read_to_end(sc, &text);
  return text;
}

std::string read_rich_text(XmlScanner& sc) {
  std::string text;
  std::size_t depth = 0;
  std::size_t t_depth = 0;    // depth of the <t> being read, 0 when none
  std::size_t rph_depth = 0;  // depth of the enclosing <rPh>, 0 when none
  for (;;) {
    const auto e = sc.next();
    switch (e.kind) {
      case XmlScanner::Kind::kEof: fail_not_xlsx();
      case XmlScanner::Kind::kStart:
        if (e.self_closing) break;
        ++depth;
        if (e.name == "rPh" && rph_depth == 0) rph_depth = depth;
        if (e.name == "t" && rph_depth == 0 && t_depth == 0) t_depth = depth;
        break;
      case XmlScanner::Kind::kEnd:
        if (depth == 0) return decode_ooxml_escapes(std::move(text));
        if (depth == rph_depth) rph_depth = 0;
        if (depth == t_depth) t_depth = 0;
        --depth;
        break;
      case XmlScanner::Kind::kText:
        if (t_depth != 0) append_event_text(text, e);
        break;
    }
  }
}

}  // namespace jiceng::io::detail
