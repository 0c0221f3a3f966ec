#pragma once
// Pairings and volunteer teams as registers.
namespace jiceng::pairing {
void add_registers();
}
