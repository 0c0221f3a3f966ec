#include "core/text.hpp"

namespace jiceng::core {

std::vector<std::string> split_list(std::string_view list, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < list.size()) {
    auto end = list.find(separator, start);
    if (end == std::string_view::npos) end = list.size();
    if (end > start) out.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace jiceng::core
