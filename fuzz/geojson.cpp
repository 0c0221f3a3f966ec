// Grid boundaries as GeoJSON: the check every uploaded boundary passes before it is stored.
#include <cstdint>
#include <string_view>

#include "orgs/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)jiceng::orgs::geometry_problem(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
