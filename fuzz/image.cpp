// Photo uploads: the type is sniffed from the bytes, never taken from the client.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "appeals/photos.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto type = jiceng::appeals::sniff_image(std::string_view(reinterpret_cast<const char*>(data), size));
  if (type && *type != "image/jpeg" && *type != "image/png" && *type != "image/webp") std::abort();
  return 0;
}
