#pragma once
// An enum's wire names (and zh-CN labels) kept as one table, a row per value in declaration order,
// so that reading a name and naming a value are written once for every enum that crosses the wire.
#include <cstddef>
#include <optional>
#include <string_view>

namespace jiceng::core {

template <class E>
struct Named final {
  E value;
  std::string_view name;
  std::string_view label = {};
};

// The value `name` names in `table` (rows with a `value` and a `name`); nullopt when none does.
template <class Table>
constexpr auto parse_named(const Table& table, std::string_view name) -> std::optional<decltype(table[0].value)> {
  for (const auto& row : table) {
    if (row.name == name) return row.value;
  }
  return std::nullopt;
}

// The same for a table of names alone, whose row i names the enum's value i.
template <class E, class Table>
constexpr std::optional<E> parse_indexed(const Table& table, std::string_view name) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].name == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

// The row of `value`: the table lists every value of the enum in declaration order.
template <class Table, class E>
constexpr const auto& row_of(const Table& table, E value) {
  return table[static_cast<std::size_t>(value)];
}

}  // namespace jiceng::core
