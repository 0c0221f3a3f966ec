#include "core/module.hpp"

namespace jiceng {
namespace {

// Set once, before any request or sweep runs, and only read after; the list it points at is the
// composition root's constant array.
std::span<const Module* const> g_installed;

}  // namespace

void install_modules(std::span<const Module* const> all) { g_installed = all; }

std::span<const Module* const> installed_modules() { return g_installed; }

}  // namespace jiceng
