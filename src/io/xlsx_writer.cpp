// Writing an .xlsx export through libxlsxwriter: every cell a text cell, so ID numbers and phone
// numbers survive being opened in Excel, and columns sized to what they hold.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/ooxml.hpp"
#include "io/table.hpp"

namespace jiceng::io {
namespace {

using detail::kExcelMaxRow;
static_assert(kExcelMaxRow == LXW_ROW_MAX, "the reader's row limit is the writer's");
constexpr std::size_t kExcelMaxColumn = LXW_COL_MAX;
constexpr std::size_t kExcelMaxCellChars = 32767;

constexpr std::size_t kSheetNameMaxChars = LXW_SHEETNAME_MAX;
constexpr std::string_view kDefaultSheetName = "Sheet1";
constexpr double kMinColumnWidth = 8;
constexpr double kMaxColumnWidth = 50;
constexpr double kColumnPadding = 2;

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
  constexpr std::string_view kEscapedUnderscore = "_x005F";
  if (cell.find("_x") == std::string::npos) return cell;
  std::string out;
  out.reserve(cell.size() + kEscapedUnderscore.size());
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (detail::ooxml_escape_at(cell, i)) out += kEscapedUnderscore;
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
  // Rows go out in order, so each is flushed to disk as the next begins and text is written inline
  // instead of through a shared-strings table: a 30,000-row sheet no longer sits in memory twice.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new_opt(tmp.path.c_str(), &options));
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

}  // namespace jiceng::io
