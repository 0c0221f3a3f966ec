#pragma once
// Spreadsheet import and export: CSV and XLSX to and from a plain grid of text cells. Everything
// stays text on purpose, so ID numbers, phone numbers and leading zeros survive both directions.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::io {

// Messages are shown to the person who uploaded the file, so they are in plain Chinese.
class TableError final : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A sheet of text cells: rows[0] is the heading row. Trailing empty rows dropped; cells trimmed of \r.
// Rows may be shorter than the heading row (trailing empty cells are not padded), and an empty row
// in the middle is kept as an empty vector so that row numbers still match what the user sees.
using Table = std::vector<std::vector<std::string>>;

constexpr std::size_t kMaxImportRows = 100000;  // data rows below the heading; more -> TableError
constexpr std::size_t kMaxCellBytes = 4096;     // a longer cell -> TableError naming row and column

// RFC 4180 (quotes, "" escapes, embedded newlines, CRLF, LF or old-Mac CR line ends), UTF-8 BOM
// stripped. Only UTF-8 is accepted; anything else is rejected rather than guessed at.
Table parse_csv(std::string_view text);

// UTF-8 with BOM (so Excel shows Chinese), CRLF line ends, RFC 4180 quoting. A cell that Excel
// would run as a formula (starts with = + - @ tab or CR and is not a plain number) gets a leading '.
std::string write_csv(const Table& t);

// The bytes of an .xlsx file: bold frozen heading row, every cell a text cell, columns sized to
// their content (CJK counted double width, capped).
std::string write_xlsx(const Table& t, const std::string& sheet_name);

// The first worksheet of an .xlsx file. Cells come back as the text Excel stored: strings as
// written, numbers as their stored text (e.g. "1.5"), booleans as TRUE/FALSE.
Table parse_xlsx(std::string_view bytes);

// Shared by csv.cpp and the xlsx_*.cpp files; not for use elsewhere.
namespace detail {

// Caps on what one import may hold in memory, whatever its row count: a few wide rows or a
// zip full of repeated shared strings could otherwise exhaust the server.
constexpr std::size_t kMaxImportCells = 10'000'000;
constexpr std::size_t kMaxImportTextBytes = std::size_t{256} << 20;

bool is_utf8(std::string_view s);
std::string column_name(std::size_t column);  // 0 -> "A", 26 -> "AA", as Excel labels columns

// Gathers parsed rows in order, enforcing the row, cell and size limits, trimming \r and
// dropping trailing empty rows. row_number is 1-based, as Excel numbers rows.
class RowCollector final {
 public:
  // Counts cells and bytes about to be held; throws once an import grows too large.
  void charge(std::size_t cells, std::size_t bytes);
  void add(std::size_t row_number, std::vector<std::string> cells);
  Table finish() &&;

 private:
  Table rows_;
  std::size_t cells_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace detail
}  // namespace jiceng::io
