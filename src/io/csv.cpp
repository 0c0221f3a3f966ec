// CSV import and export, plus the row limits and helpers both importers share.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/table.hpp"

namespace jiceng::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr char kQuote = '"';
constexpr char kComma = ',';
constexpr char kFormulaGuard = '\'';
constexpr std::size_t kLettersInAlphabet = 26;

constexpr std::string_view kNotUtf8 = "文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”";

void trim_cr(std::string& s) {
  const auto first = s.find_first_not_of('\r');
  if (first == std::string::npos) {
    s.clear();
    return;
  }
  s.erase(s.find_last_not_of('\r') + 1);
  s.erase(0, first);
}

// Excel, LibreOffice and WPS run a cell as a formula when it starts with one of these, which
// lets a crafted name in the register execute on whoever opens the export.
bool starts_like_formula(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': return true;
    default: return false;
  }
}

// "-3" and "-0.5" are harmless and common (balances, adjustments), so they stay untouched.
bool is_plain_number(std::string_view cell) {
  if (!cell.empty() && cell.front() == '-') cell.remove_prefix(1);
  bool digit = false;
  bool dot = false;
  for (const char c : cell) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

void append_csv_cell(std::string& out, std::string_view cell) {
  std::string guarded;
  if (starts_like_formula(cell) && !is_plain_number(cell)) {
    guarded.reserve(cell.size() + 1);
    guarded += kFormulaGuard;
    guarded += cell;
    cell = guarded;
  }
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += cell;
    return;
  }
  out += kQuote;
  for (const char c : cell) {
    if (c == kQuote) out += kQuote;
    out += c;
  }
  out += kQuote;
}

}  // namespace

namespace detail {

bool is_utf8(std::string_view s) {
  constexpr unsigned char kContinuationMask = 0xC0;
  constexpr unsigned char kContinuationTag = 0x80;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    // 0xC0, 0xC1 and 0xF5.. can only start overlong or out-of-range sequences.
    if (lead >= 0xC2 && lead <= 0xDF) {
      len = 2;
      cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      len = 3;
      cp = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      len = 4;
      cp = lead & 0x07u;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & kContinuationMask) != kContinuationTag) return false;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return false;
    i += len;
  }
  return true;
}

std::string column_name(std::size_t column) {
  std::string name;
  std::size_t n = column + 1;
  while (n > 0) {
    --n;
    name.insert(name.begin(), static_cast<char>('A' + n % kLettersInAlphabet));
    n /= kLettersInAlphabet;
  }
  return name;
}

void RowCollector::charge(std::size_t cells, std::size_t bytes) {
  cells_ += cells;
  bytes_ += bytes;
  if (cells_ > kMaxImportCells || bytes_ > kMaxImportTextBytes) {
    throw TableError("表格内容过多，请拆分成几个较小的文件后分批导入");
  }
}

void RowCollector::add(std::size_t row_number, std::vector<std::string> cells) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    trim_cr(cells[c]);
    if (cells[c].size() > kMaxCellBytes) {
      throw TableError("第 " + std::to_string(row_number) + " 行 " + column_name(c) + " 列的内容过长（超过 " +
                       std::to_string(kMaxCellBytes) + " 字节），请精简后再导入");
    }
  }
  // Blank rows are only materialised once a later row has content, so trailing blanks (Excel
  // often leaves thousands) cost nothing and never count against the row limit.
  if (std::all_of(cells.begin(), cells.end(), [](const std::string& s) { return s.empty(); })) return;
  if (row_number > kMaxImportRows + 1) {
    throw TableError("表格超过 " + std::to_string(kMaxImportRows) + " 行数据（不含表头），请拆分后分批导入");
  }
  if (row_number == 0 || row_number <= rows_.size()) {
    throw TableError("文件中的行顺序错乱，无法导入");
  }
  rows_.resize(row_number - 1);
  rows_.push_back(std::move(cells));
}

Table RowCollector::finish() && { return std::move(rows_); }

}  // namespace detail

Table parse_csv(std::string_view text) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  if (!detail::is_utf8(text)) throw TableError(std::string(kNotUtf8));

  detail::RowCollector rows;
  std::vector<std::string> row;
  std::string cell;
  std::size_t row_number = 1;  // records, not lines: a quoted newline stays within one Excel row
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (text[i] == kQuote) {
      const std::size_t opened_on = row_number;
      ++i;
      for (;;) {
        if (i >= n) throw TableError("第 " + std::to_string(opened_on) + " 行引号未闭合");
        const char c = text[i];
        if (c == kQuote) {
          if (i + 1 < n && text[i + 1] == kQuote) {
            cell += kQuote;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
          cell += '\n';
          i += 2;
          continue;
        }
        cell += c;
        ++i;
      }
    }
    // Unquoted text, or stray text after a closing quote: kept as is, the way Excel reads it.
    const auto end = text.find_first_of(",\r\n", i);
    const std::size_t stop = end == std::string_view::npos ? n : end;
    cell.append(text.substr(i, stop - i));
    i = stop;

    rows.charge(1, cell.size());
    row.push_back(std::move(cell));
    cell.clear();
    if (i >= n) break;
    if (text[i] == kComma) {
      ++i;
      // A comma right at the end still opens one last (empty) cell.
      if (i >= n) {
        rows.charge(1, 0);
        row.emplace_back();
      }
      continue;
    }
    // CRLF, LF, or a lone CR from "CSV (Macintosh)".
    i += (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    rows.add(row_number, std::move(row));
    row.clear();
    ++row_number;
  }
  if (!row.empty()) rows.add(row_number, std::move(row));
  return std::move(rows).finish();
}

std::string write_csv(const Table& t) {
  std::string out(kUtf8Bom);
  for (const auto& row : t) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += kComma;
      append_csv_cell(out, row[c]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace jiceng::io
