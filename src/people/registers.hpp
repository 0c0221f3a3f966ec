#pragma once
namespace jiceng::people {
void add_registers();
}  // namespace jiceng::people
