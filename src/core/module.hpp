#pragma once
// What a module brings to the application. The composition root (src/app/modules.cpp) holds the
// one list; the router, the background sweeper, the test sweep route and `jiceng demo` walk it, so
// adding a module is its folder and one line there.
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/router.hpp"

namespace jiceng {

namespace demo {
struct Seed;  // the demo county being built (demo/seed.hpp)
}

// What one background pass did, as named counts ("escalated", 3), for the log and the test route.
using SweepCounts = std::vector<std::pair<std::string_view, std::int64_t>>;

struct Module final {
  std::string_view name;
  // Its registers, described as data, into the registry; once per process, before any routes.
  void (*add_registers)() = nullptr;
  void (*routes)(Router&) = nullptr;
  // Work that falls due with time (deadlines, votes that close), run by the background sweeper.
  SweepCounts (*sweep)(App&) = nullptr;
  // Its part of the demo county, after the modules before it in the list have seeded theirs.
  void (*seed)(demo::Seed&) = nullptr;
  // The tables its migrations create: only it writes them and no other module reads them
  // (scripts/check_tables.py lists the reads that remain).
  std::span<const std::string_view> tables = {};
};

}  // namespace jiceng
