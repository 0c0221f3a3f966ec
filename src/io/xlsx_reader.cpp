// Reading an .xlsx upload: find the first worksheet and the shared strings through the
// workbook's relationships, then read the sheet's rows as text cells.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/ooxml.hpp"
#include "io/table.hpp"

namespace jiceng::io {
namespace {

using detail::attribute;
using detail::fail_not_xlsx;
using detail::kExcelMaxRow;
using detail::parse_count;
using detail::XmlScanner;

// Old .xls files and password-protected .xlsx files are both OLE compound documents.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

constexpr std::size_t kMaxColumnLetters = 3;  // A .. ZZZ

constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";
constexpr std::string_view kFallbackSheetPart = "xl/worksheets/sheet1.xml";
constexpr std::string_view kFallbackSharedStringsPart = "xl/sharedStrings.xml";
constexpr std::string_view kSharedStringsRelType = "/sharedStrings";

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
    strings.push_back(e.self_closing ? std::string{} : detail::read_rich_text(sc));
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
    if (e.kind == XmlScanner::Kind::kEof) fail_not_xlsx();
    if (e.kind == XmlScanner::Kind::kEnd) return content;
    if (e.kind != XmlScanner::Kind::kStart || e.self_closing) continue;
    if (e.name == "v") {
      content.v = detail::read_plain_text(sc);
    } else if (e.name == "is") {
      content.inline_text = detail::read_rich_text(sc);
    } else {
      detail::skip_element(sc);  // <f> formulas, <extLst>
    }
  }
}

std::string cell_value(std::string_view type, CellContent content, const std::vector<std::string>& shared) {
  if (type == "s") {
    if (!content.v) return {};
    const auto index = parse_count(*content.v);
    if (!index || *index >= shared.size()) fail_not_xlsx();
    return shared[*index];
  }
  if (type == "inlineStr") {
    if (content.inline_text) return std::move(*content.inline_text);
    return detail::decode_ooxml_escapes(content.v.value_or(""));
  }
  if (type == "str") return detail::decode_ooxml_escapes(content.v.value_or(""));
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
      if (in_row) fail_not_xlsx();
      const auto r = attribute(e.attrs, "r");
      std::size_t number = last_row + 1;
      if (r) {
        const auto parsed = parse_count(*r);
        if (!parsed) fail_not_xlsx();
        number = *parsed;
      }
      if (number <= last_row || number > kExcelMaxRow) fail_not_xlsx();
      last_row = row_number = number;
      next_col = 0;
      in_row = !e.self_closing;
      continue;
    }
    if (e.name != "c") continue;
    if (!in_row) fail_not_xlsx();
    std::size_t col = next_col;
    if (const auto ref = attribute(e.attrs, "r")) {
      const auto parsed = column_of(*ref);
      if (!parsed) fail_not_xlsx();
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
    if (!detail::is_utf8(value)) fail_not_xlsx();
    if (col >= cells.size()) {
      rows.charge(col + 1 - cells.size(), 0);
      cells.resize(col + 1);
    }
    rows.charge(0, value.size());
    cells[col] = std::move(value);
  }
  return std::move(rows).finish();
}

}  // namespace

Table parse_xlsx(std::string_view bytes) {
  if (bytes.starts_with(kOleMagic)) {
    throw TableError("这是旧版 Excel（.xls）文件或加了密码的表格，请在 Excel 中另存为不加密的 .xlsx 后再导入");
  }
  detail::ZipReader zip(bytes);
  const auto workbook = zip.read(kWorkbookPart);
  if (!workbook) fail_not_xlsx();

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
  if (!sheet) fail_not_xlsx();
  return read_sheet(*sheet, shared);
}

}  // namespace jiceng::io
