#pragma once
// Small helpers for text the store keeps in one column.
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::core {

// The non-empty parts of `list` between `separator`s: "a,,b" → {"a", "b"}.
std::vector<std::string> split_list(std::string_view list, char separator);

}  // namespace jiceng::core
