// Spreadsheet import: CSV and XLSX parsing. A TableError is the answer a person sees; anything
// else escaping is a bug.
#include <cstdint>
#include <string_view>

#include "io/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    (void)jiceng::io::parse_csv(bytes);
  } catch (const jiceng::io::TableError&) {
  }
  try {
    (void)jiceng::io::parse_xlsx(bytes);
  } catch (const jiceng::io::TableError&) {
  }
  return 0;
}
