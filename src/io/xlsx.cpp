// XLSX export through libxlsxwriter and import through minizip plus a small XML scanner. The
// scanner only understands the handful of SpreadsheetML parts an import needs; pulling in a full
// XML library for that would bring DTD and entity-expansion attack surface we do not want.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <minizip/unzip.h>

#include "io/table.hpp"

namespace jiceng::io {
namespace {

constexpr std::string_view kNotXlsx = "文件不是有效的 XLSX 表格";

// Old .xls files and password-protected .xlsx files are both OLE compound documents.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// A real sheet of 100 000 rows is far below this; a zip bomb is far above it.
constexpr std::uint64_t kMaxEntryBytes = std::uint64_t{50} << 20;
constexpr std::size_t kReadChunk = std::size_t{64} << 10;
constexpr int kCaseInsensitive = 2;  // minizip's flag for unzLocateFile

constexpr std::size_t kMaxColumnLetters = 3;  // A .. ZZZ
constexpr std::size_t kExcelMaxRow = LXW_ROW_MAX;
constexpr std::size_t kExcelMaxColumn = LXW_COL_MAX;
constexpr std::size_t kExcelMaxCellChars = 32767;

constexpr std::size_t kSheetNameMaxChars = LXW_SHEETNAME_MAX;
constexpr std::string_view kDefaultSheetName = "Sheet1";
constexpr double kMinColumnWidth = 8;
constexpr double kMaxColumnWidth = 50;
constexpr double kColumnPadding = 2;

constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";
constexpr std::string_view kFallbackSheetPart = "xl/worksheets/sheet1.xml";
constexpr std::string_view kFallbackSharedStringsPart = "xl/sharedStrings.xml";
constexpr std::string_view kSharedStringsRelType = "/sharedStrings";

[[noreturn]] void fail() { throw TableError(std::string(kNotXlsx)); }

// ---------------------------------------------------------------------------------------------
// Small text helpers

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
    if (semi == std::string_view::npos) fail();
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
      if (digits.empty() || digits.size() > kMaxRefDigits) fail();
      char32_t cp = 0;
      for (const char d : digits) {
        const int v = hex ? hex_value(d) : (d >= '0' && d <= '9' ? d - '0' : -1);
        if (v < 0) fail();
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      }
      if (!is_valid_code_point(cp)) fail();
      append_utf8(out, cp);
    } else {
      fail();
    }
    i = semi + 1;
  }
}

// Excel stores characters XML cannot carry (and literal "_x" runs) as _xHHHH_ in strings.
std::string decode_ooxml_escapes(std::string s) {
  constexpr std::size_t kEscapeLen = 7;  // _xHHHH_
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '_' && i + kEscapeLen <= s.size() && s[i + 1] == 'x' && s[i + kEscapeLen - 1] == '_') {
      char32_t unit = 0;
      bool ok = true;
      for (std::size_t k = 2; k < kEscapeLen - 1; ++k) {
        const int v = hex_value(s[i + k]);
        if (v < 0) {
          ok = false;
          break;
        }
        unit = unit * 16 + static_cast<char32_t>(v);
      }
      if (ok && is_valid_code_point(unit)) {
        append_utf8(out, unit);
        i += kEscapeLen;
        continue;
      }
    }
    out += s[i];
    ++i;
  }
  return out;
}

std::string_view local_name(std::string_view qname) {
  const auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// ---------------------------------------------------------------------------------------------
// A pull scanner over well-formed-enough XML. It does not check nesting; callers track depth.

class XmlScanner final {
 public:
  enum class Kind { kStart, kEnd, kText, kEof };
  struct Event final {
    Kind kind = Kind::kEof;
    std::string_view name;   // local name, namespace prefix dropped (some writers use x:row)
    std::string_view attrs;  // raw attribute text of a start tag
    std::string_view text;   // raw character data
    bool self_closing = false;
    bool cdata = false;
  };

  explicit XmlScanner(std::string_view xml) : xml_(xml) {
    if (xml_.starts_with("\xEF\xBB\xBF")) xml_.remove_prefix(3);
  }

  Event next() {
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
        if (close == std::string_view::npos) fail();
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
      if (rest.starts_with("<!")) fail();
      if (rest.starts_with("</")) {
        const auto gt = xml_.find('>', pos_);
        if (gt == std::string_view::npos) fail();
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

 private:
  void skip_past(std::string_view terminator) {
    const auto at = xml_.find(terminator, pos_);
    if (at == std::string_view::npos) fail();
    pos_ = at + terminator.size();
  }

  Event start_tag() {
    std::size_t i = pos_ + 1;
    const std::size_t name_begin = i;
    while (i < xml_.size() && !is_xml_space(xml_[i]) && xml_[i] != '/' && xml_[i] != '>') ++i;
    if (i == name_begin) fail();
    Event e;
    e.kind = Kind::kStart;
    e.name = local_name(xml_.substr(name_begin, i - name_begin));
    const std::size_t attrs_begin = i;
    // Attribute values may legally contain '>', so quotes are skipped as a whole.
    while (i < xml_.size() && xml_[i] != '>') {
      if (xml_[i] == '"' || xml_[i] == '\'') {
        const auto close = xml_.find(xml_[i], i + 1);
        if (close == std::string_view::npos) fail();
        i = close;
      }
      ++i;
    }
    if (i >= xml_.size()) fail();
    std::size_t attrs_end = i;
    if (attrs_end > attrs_begin && xml_[attrs_end - 1] == '/') {
      e.self_closing = true;
      --attrs_end;
    }
    e.attrs = xml_.substr(attrs_begin, attrs_end - attrs_begin);
    pos_ = i + 1;
    return e;
  }

  std::string_view xml_;
  std::size_t pos_ = 0;
};

// The decoded value of the attribute with this local name; xmlns declarations are skipped so
// that xmlns:r never passes for r.
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
    if (i >= n || attrs[i] != '=') fail();
    ++i;
    while (i < n && is_xml_space(attrs[i])) ++i;
    if (i >= n || (attrs[i] != '"' && attrs[i] != '\'')) fail();
    const char quote = attrs[i];
    const auto close = attrs.find(quote, i + 1);
    if (close == std::string_view::npos) fail();
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

void append_event_text(std::string& out, const XmlScanner::Event& e) {
  if (e.cdata) {
    out += e.text;
  } else {
    append_xml_text(out, e.text);
  }
}

// Called just after a non-empty start tag; consumes through its matching end tag.
void skip_element(XmlScanner& sc) {
  std::size_t depth = 0;
  for (;;) {
    const auto e = sc.next();
    switch (e.kind) {
      case XmlScanner::Kind::kEof: fail();
      case XmlScanner::Kind::kStart:
        if (!e.self_closing) ++depth;
        break;
      case XmlScanner::Kind::kEnd:
        if (depth == 0) return;
        --depth;
        break;
      case XmlScanner::Kind::kText: break;
    }
  }
}

// All character data up to the matching end tag, e.g. the content of <v>.
std::string read_plain_text(XmlScanner& sc) {
  std::string text;
  std::size_t depth = 0;
  for (;;) {
    const auto e = sc.next();
    switch (e.kind) {
      case XmlScanner::Kind::kEof: fail();
      case XmlScanner::Kind::kStart:
        if (!e.self_closing) ++depth;
        break;
      case XmlScanner::Kind::kEnd:
        if (depth == 0) return text;
        --depth;
        break;
      case XmlScanner::Kind::kText: append_event_text(text, e); break;
    }
  }
}

// The visible text of an <si> or <is>: plain <t>, or the <t> of each rich-text <r> run. Phonetic
// guides (<rPh>, furigana/pinyin) hold <t> too but are not part of the cell's value.
std::string read_rich_text(XmlScanner& sc) {
  std::string text;
  std::size_t depth = 0;
  std::size_t t_depth = 0;    // depth of the <t> being read, 0 when none
  std::size_t rph_depth = 0;  // depth of the enclosing <rPh>, 0 when none
  for (;;) {
    const auto e = sc.next();
    switch (e.kind) {
      case XmlScanner::Kind::kEof: fail();
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

// ---------------------------------------------------------------------------------------------
// Reading zip entries straight from memory through minizip's I/O hooks, so an upload never
// touches the disk.

struct MemoryFile final {
  std::string_view data;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK mem_open(voidpf opaque, const void* /*filename*/, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return nullptr;
  static_cast<MemoryFile*>(opaque)->pos = 0;
  return opaque;
}

uLong ZCALLBACK mem_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const std::uint64_t avail = f->pos < f->data.size() ? f->data.size() - f->pos : 0;
  const auto n = static_cast<uLong>(std::min<std::uint64_t>(avail, size));
  if (n > 0) std::memcpy(buf, f->data.data() + f->pos, n);
  f->pos += n;
  return n;
}

uLong ZCALLBACK mem_write(voidpf /*opaque*/, voidpf /*stream*/, const void* /*buf*/, uLong /*size*/) { return 0; }

ZPOS64_T ZCALLBACK mem_tell(voidpf /*opaque*/, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }

long ZCALLBACK mem_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = f->pos; break;
    case ZLIB_FILEFUNC_SEEK_END: base = f->data.size(); break;
    default: return -1;
  }
  if (offset > f->data.size() || base + offset > f->data.size()) return -1;
  f->pos = base + offset;
  return 0;
}

int ZCALLBACK mem_close(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }
int ZCALLBACK mem_error(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

class ZipReader final {
 public:
  explicit ZipReader(std::string_view bytes) : file_{bytes} {
    zlib_filefunc64_def io{};
    io.zopen64_file = mem_open;
    io.zread_file = mem_read;
    io.zwrite_file = mem_write;
    io.ztell64_file = mem_tell;
    io.zseek64_file = mem_seek;
    io.zclose_file = mem_close;
    io.zerror_file = mem_error;
    io.opaque = &file_;
    zip_.reset(unzOpen2_64("upload.xlsx", &io));
    if (!zip_) fail();
  }
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // nullopt when the entry does not exist; throws when it exists but cannot be read.
  std::optional<std::string> read(std::string_view name) {
    const std::string path(name);
    if (unzLocateFile(zip_.get(), path.c_str(), kCaseInsensitive) != UNZ_OK) return std::nullopt;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_.get(), &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) fail();
    if (info.uncompressed_size > kMaxEntryBytes) too_big();
    if (unzOpenCurrentFile(zip_.get()) != UNZ_OK) fail();
    std::string out;
    out.reserve(static_cast<std::size_t>(info.uncompressed_size));
    std::vector<char> chunk(kReadChunk);
    for (;;) {
      const int n = unzReadCurrentFile(zip_.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
      if (n < 0) fail();
      if (n == 0) break;
      out.append(chunk.data(), static_cast<std::size_t>(n));
      // The declared size is only a claim; the inflated bytes are what count.
      if (out.size() > kMaxEntryBytes) too_big();
    }
    if (unzCloseCurrentFile(zip_.get()) != UNZ_OK) fail();  // CRC mismatch lands here
    return out;
  }

 private:
  [[noreturn]] static void too_big() {
    throw TableError("表格文件过大（解压后超过 " + std::to_string(kMaxEntryBytes >> 20) + " MB），请拆分后分批导入");
  }

  struct Closer final {
    void operator()(unzFile z) const { unzClose(z); }
  };
  MemoryFile file_;  // must outlive zip_, which reads through it
  std::unique_ptr<void, Closer> zip_;
};

// ---------------------------------------------------------------------------------------------
// Finding the parts

struct Relationship final {
  std::string id;
  std::string type;
  std::string target;
};

std::vector<Relationship> read_relationships(std::string_view xml) {
  std::vector<Relationship> rels;
  XmlScanner sc(xml);
  for (auto e = sc.next(); e.kind != XmlScanner::Kind::kEof; e = sc.next()) {
    if (e.kind != XmlScanner::Kind::kStart || e.name != "Relationship") continue;
    auto target = attribute(e.attrs, "Target");
    if (!target) continue;
    rels.push_back(
        {attribute(e.attrs, "Id").value_or(""), attribute(e.attrs, "Type").value_or(""), std::move(*target)});
  }
  return rels;
}

// Relationship targets are relative to xl/ unless absolute; ".." is rare but legal.
std::string resolve_part(std::string_view target) {
  std::vector<std::string_view> parts;
  std::string_view rest = target;
  if (rest.starts_with('/')) {
    rest.remove_prefix(1);
  } else {
    parts.push_back("xl");
  }
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string path;
  for (const auto p : parts) {
    if (!path.empty()) path += '/';
    path += p;
  }
  return path;
}

std::optional<std::string> first_sheet_relationship_id(std::string_view workbook_xml) {
  XmlScanner sc(workbook_xml);
  for (auto e = sc.next(); e.kind != XmlScanner::Kind::kEof; e = sc.next()) {
    if (e.kind == XmlScanner::Kind::kStart && e.name == "sheet") return attribute(e.attrs, "id");
  }
  return std::nullopt;
}

std::vector<std::string> read_shared_strings(std::string_view xml) {
  std::vector<std::string> strings;
  XmlScanner sc(xml);
  for (auto e = sc.next(); e.kind != XmlScanner::Kind::kEof; e = sc.next()) {
    if (e.kind != XmlScanner::Kind::kStart || e.name != "si") continue;
    strings.push_back(e.self_closing ? std::string{} : read_rich_text(sc));
  }
  return strings;
}

// "B3" -> 1. Letters only are used: the row comes from the enclosing <row>.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t col = 0;
  std::size_t letters = 0;
  while (letters < ref.size()) {
    char c = ref[letters];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    ++letters;
  }
  if (letters == 0 || letters > kMaxColumnLetters) return std::nullopt;
  const auto digits = ref.substr(letters);
  if (!digits.empty() && !parse_count(digits)) return std::nullopt;
  return col - 1;
}

struct CellContent final {
  std::optional<std::string> v;
  std::optional<std::string> inline_text;
};

// Called just after a non-empty <c>; consumes through </c>.
CellContent read_cell(XmlScanner& sc) {
  CellContent content;
  for (;;) {
    const auto e = sc.next();
    if (e.kind == XmlScanner::Kind::kEof) fail();
    if (e.kind == XmlScanner::Kind::kEnd) return content;
    if (e.kind != XmlScanner::Kind::kStart || e.self_closing) continue;
    if (e.name == "v") {
      content.v = read_plain_text(sc);
    } else if (e.name == "is") {
      content.inline_text = read_rich_text(sc);
    } else {
      skip_element(sc);  // <f> formulas, <extLst>
    }
  }
}

std::string cell_value(std::string_view type, CellContent content, const std::vector<std::string>& shared) {
  if (type == "s") {
    if (!content.v) return {};
    const auto index = parse_count(*content.v);
    if (!index || *index >= shared.size()) fail();
    return shared[*index];
  }
  if (type == "inlineStr") {
    if (content.inline_text) return std::move(*content.inline_text);
    return decode_ooxml_escapes(content.v.value_or(""));
  }
  if (type == "str") return decode_ooxml_escapes(content.v.value_or(""));
  // Shown as Excel shows them, rather than as the 1/0 stored in the file.
  if (type == "b") {
    if (content.v == "1") return "TRUE";
    if (content.v == "0") return "FALSE";
  }
  return content.v.value_or("");  // n, e, d: the stored text
}

Table read_sheet(std::string_view xml, const std::vector<std::string>& shared) {
  detail::RowCollector rows;
  XmlScanner sc(xml);
  std::size_t last_row = 0;
  std::size_t row_number = 0;
  std::size_t next_col = 0;
  bool in_row = false;
  std::vector<std::string> cells;
  for (auto e = sc.next(); e.kind != XmlScanner::Kind::kEof; e = sc.next()) {
    if (e.kind == XmlScanner::Kind::kEnd) {
      if (e.name == "sheetData") break;
      if (e.name == "row" && in_row) {
        rows.add(row_number, std::move(cells));
        cells.clear();
        in_row = false;
      }
      continue;
    }
    if (e.kind != XmlScanner::Kind::kStart) continue;
    if (e.name == "row") {
      if (in_row) fail();
      const auto r = attribute(e.attrs, "r");
      std::size_t number = last_row + 1;
      if (r) {
        const auto parsed = parse_count(*r);
        if (!parsed) fail();
        number = *parsed;
      }
      if (number <= last_row || number > kExcelMaxRow) fail();
      last_row = row_number = number;
      next_col = 0;
      in_row = !e.self_closing;
      continue;
    }
    if (e.name != "c") continue;
    if (!in_row) fail();
    std::size_t col = next_col;
    if (const auto ref = attribute(e.attrs, "r")) {
      const auto parsed = column_of(*ref);
      if (!parsed) fail();
      col = *parsed;
    }
    next_col = col + 1;
    if (e.self_closing) continue;
    auto value = cell_value(attribute(e.attrs, "t").value_or("n"), read_cell(sc), shared);
    if (value.empty()) continue;
    if (value.size() > kMaxCellBytes) {
      // Checked here as well as in the collector so one huge cell is not copied around first.
      throw TableError("第 " + std::to_string(row_number) + " 行 " + detail::column_name(col) + " 列的内容过长（超过 " +
                       std::to_string(kMaxCellBytes) + " 字节），请精简后再导入");
    }
    if (!detail::is_utf8(value)) fail();
    if (col >= cells.size()) {
      rows.charge(col + 1 - cells.size(), 0);
      cells.resize(col + 1);
    }
    rows.charge(0, value.size());
    cells[col] = std::move(value);
  }
  return std::move(rows).finish();
}

// ---------------------------------------------------------------------------------------------
// Writing

struct TempFile final {
  std::string path;
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "jiceng-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw TableError("生成 Excel 文件失败：无法创建临时文件");
    ::close(fd);
    path = std::move(pattern);
  }
  ~TempFile() { ::unlink(path.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

// workbook_close both writes and frees, so it has to run on every path out.
struct WorkbookCloser final {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Calls f(code_point) for each character of valid UTF-8 text.
template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    len = std::min(len, s.size() - i);
    char32_t cp = len == 1 ? lead : lead & (0x3Fu >> (len - 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    f(cp, s.substr(i, len));
    i += len;
  }
}

// libxlsxwriter escapes control characters as _xHHHH_ but leaves text that already looks like
// such an escape alone, so Excel (and parse_xlsx) would turn a literal "_x0041_" into "A".
// Excel's own remedy is to escape the underscore itself as _x005F_.
std::string protect_literal_escapes(const std::string& cell) {
  constexpr std::size_t kEscapeLen = 7;  // _xHHHH_
  constexpr std::string_view kEscapedUnderscore = "_x005F";
  if (cell.find("_x") == std::string::npos) return cell;
  std::string out;
  out.reserve(cell.size() + kEscapedUnderscore.size());
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '_' && i + kEscapeLen <= cell.size() && cell[i + 1] == 'x' && cell[i + kEscapeLen - 1] == '_' &&
        std::all_of(cell.begin() + static_cast<std::ptrdiff_t>(i + 2),
                    cell.begin() + static_cast<std::ptrdiff_t>(i + kEscapeLen - 1),
                    [](char c) { return hex_value(c) >= 0; })) {
      out += kEscapedUnderscore;
    }
    out += cell[i];
  }
  return out;
}

// Roughly how many character widths Excel needs to show the cell's longest line.
double display_width(std::string_view cell) {
  double widest = 0;
  double line = 0;
  for_each_code_point(cell, [&](char32_t cp, std::string_view) {
    if (cp == '\n') {
      line = 0;
      return;
    }
    line += is_wide(cp) ? 2 : 1;
    widest = std::max(widest, line);
  });
  return widest;
}

// Excel refuses names over 31 characters, with : \ / ? * [ ], or wrapped in apostrophes.
std::string safe_sheet_name(const std::string& name) {
  if (!detail::is_utf8(name)) return std::string(kDefaultSheetName);
  std::string out;
  std::size_t chars = 0;
  for_each_code_point(name, [&](char32_t cp, std::string_view bytes) {
    if (chars >= kSheetNameMaxChars || cp < 0x20) return;
    if (cp < 0x80 && std::string_view(":\\/?*[]").find(static_cast<char>(cp)) != std::string_view::npos) {
      out += '_';
    } else {
      out += bytes;
    }
    ++chars;
  });
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? std::string(kDefaultSheetName) : out;
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TableError("生成 Excel 文件失败：无法读取临时文件");
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

}  // namespace

std::string write_xlsx(const Table& t, const std::string& sheet_name) {
  if (t.size() > kExcelMaxRow) {
    throw TableError("数据超过 Excel 的 " + std::to_string(kExcelMaxRow) + " 行上限，无法导出为 XLSX");
  }
  std::size_t columns = 0;
  for (const auto& row : t) columns = std::max(columns, row.size());
  if (columns > kExcelMaxColumn) {
    throw TableError("数据超过 Excel 的 " + std::to_string(kExcelMaxColumn) + " 列上限，无法导出为 XLSX");
  }

  const TempFile tmp;
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(tmp.path.c_str()));
  if (!wb) throw TableError("生成 Excel 文件失败");

  // "@" is Excel's text format: cells typed into the sheet later (say, a new ID number in an
  // import template) stay text instead of turning into 1.10105E+17.
  constexpr const char* kTextFormat = "@";
  lxw_format* heading = workbook_add_format(wb.get());
  format_set_bold(heading);
  format_set_num_format(heading, kTextFormat);
  lxw_format* text = workbook_add_format(wb.get());
  format_set_num_format(text, kTextFormat);

  const std::string name = safe_sheet_name(sheet_name);
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), name.c_str());
  if (!ws) ws = workbook_add_worksheet(wb.get(), std::string(kDefaultSheetName).c_str());
  if (!ws) throw TableError("生成 Excel 文件失败");

  std::vector<double> widths(columns, 0);
  for (std::size_t r = 0; r < t.size(); ++r) {
    for (std::size_t c = 0; c < t[r].size(); ++c) {
      const auto& cell = t[r][c];
      if (cell.empty()) continue;  // a blank cell is simply absent in the file
      const auto where = "第 " + std::to_string(r + 1) + " 行 " + detail::column_name(c) + " 列";
      if (!detail::is_utf8(cell)) throw TableError(where + "含有无法识别的字符，无法导出");
      std::size_t chars = 0;
      for_each_code_point(cell, [&](char32_t, std::string_view) { ++chars; });
      if (chars > kExcelMaxCellChars) {
        throw TableError(where + "的内容超过 Excel 单元格 " + std::to_string(kExcelMaxCellChars) + " 个字符的上限");
      }
      const auto stored = protect_literal_escapes(cell);
      const auto err = worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), stored.c_str(),
                                              r == 0 ? heading : text);
      if (err != LXW_NO_ERROR) throw TableError("生成 Excel 文件失败：" + where + "无法写入");
      widths[c] = std::max(widths[c], display_width(cell));
    }
  }
  for (std::size_t c = 0; c < columns; ++c) {
    const double width = std::clamp(widths[c] + kColumnPadding, kMinColumnWidth, kMaxColumnWidth);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, text);
  }
  if (!t.empty()) worksheet_freeze_panes(ws, 1, 0);  // heading stays visible while scrolling

  const lxw_error closed = workbook_close(wb.release());
  if (closed != LXW_NO_ERROR) throw TableError("生成 Excel 文件失败");
  return read_whole_file(tmp.path);
}

Table parse_xlsx(std::string_view bytes) {
  if (bytes.starts_with(kOleMagic)) {
    throw TableError("这是旧版 Excel（.xls）文件或加了密码的表格，请在 Excel 中另存为不加密的 .xlsx 后再导入");
  }
  ZipReader zip(bytes);
  const auto workbook = zip.read(kWorkbookPart);
  if (!workbook) fail();

  std::vector<Relationship> rels;
  if (const auto rels_xml = zip.read(kWorkbookRelsPart)) rels = read_relationships(*rels_xml);

  std::string sheet_part(kFallbackSheetPart);
  if (const auto id = first_sheet_relationship_id(*workbook)) {
    const auto it = std::find_if(rels.begin(), rels.end(), [&](const Relationship& r) { return r.id == *id; });
    if (it != rels.end()) sheet_part = resolve_part(it->target);
  }
  std::string strings_part(kFallbackSharedStringsPart);
  const auto sst = std::find_if(rels.begin(), rels.end(),
                                [](const Relationship& r) { return r.type.ends_with(kSharedStringsRelType); });
  if (sst != rels.end()) strings_part = resolve_part(sst->target);

  std::vector<std::string> shared;
  if (const auto strings_xml = zip.read(strings_part)) shared = read_shared_strings(*strings_xml);
  auto sheet = zip.read(sheet_part);
  if (!sheet && sheet_part != kFallbackSheetPart) sheet = zip.read(kFallbackSheetPart);
  if (!sheet) fail();
  return read_sheet(*sheet, shared);
}

}  // namespace jiceng::io
