#pragma once
// What reading and writing .xlsx files share: the zip container, read straight from memory, and
// a small XML scanner for the handful of SpreadsheetML parts an import needs. Pulling in a full
// XML library for that would bring DTD and entity-expansion attack surface we do not want.
// Internal to io/ (xlsx_reader.cpp, xlsx_writer.cpp).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::io::detail {

// The most rows a worksheet holds, in Excel and so in libxlsxwriter (checked where that is used).
constexpr std::size_t kExcelMaxRow = 1'048'576;

// Whatever is wrong with an upload that claims to be .xlsx, the person sees the same message.
[[noreturn]] void fail_not_xlsx();

int hex_value(char c);  // -1 unless c is a hex digit
// Decimal digits only, at most 12 of them (far beyond any row or string index, far below overflow).
std::optional<std::size_t> parse_count(std::string_view s);

// Excel stores characters XML cannot carry (and literal "_x" runs) as _xHHHH_ in strings.
constexpr std::size_t kOoxmlEscapeLen = 7;  // _xHHHH_
// The UTF-16 unit of the _xHHHH_ escape that starts at s[i]; nullopt when none starts there.
std::optional<char32_t> ooxml_escape_at(std::string_view s, std::size_t i);
std::string decode_ooxml_escapes(std::string s);

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

  Event next();

 private:
  void skip_past(std::string_view terminator);
  Event start_tag();

  std::string_view xml_;
  std::size_t pos_ = 0;
};

// The decoded value of the attribute with this local name; xmlns declarations are skipped so
// that xmlns:r never passes for r.
std::optional<std::string> attribute(std::string_view attrs, std::string_view wanted);

// Each is called just after a non-empty start tag and consumes through its matching end tag.
void skip_element(XmlScanner& sc);
// All character data up to the matching end tag, e.g. the content of <v>.
std::string read_plain_text(XmlScanner& sc);
// The visible text of an <si> or <is>: plain <t>, or the <t> of each rich-text <r> run. Phonetic
// guides (<rPh>, furigana/pinyin) hold <t> too but are not part of the cell's value.
std::string read_rich_text(XmlScanner& sc);

// Reads zip entries straight from memory through minizip's I/O hooks, so an upload never touches
// the disk.
class ZipReader final {
 public:
  struct MemoryFile final {
    std::string_view data;
    std::uint64_t pos = 0;
  };

  explicit ZipReader(std::string_view bytes);
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // nullopt when the entry does not exist; throws when it exists but cannot be read.
  std::optional<std::string> read(std::string_view name);

 private:
  struct Closer final {
    void operator()(void* zip) const;
  };
  MemoryFile file_;  // must outlive zip_, which reads through it
  std::unique_ptr<void, Closer> zip_;
};

}  // namespace jiceng::io::detail
