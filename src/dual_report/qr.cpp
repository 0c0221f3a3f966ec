#include "dual_report/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace jiceng::dual_report {
namespace {
constexpr int kQuiet = 4;
constexpr int kModulePixels = 8;
struct Free final {
  void operator()(QRcode* q) const { QRcode_free(q); }
};
}  // namespace

std::string qr_svg(const std::string& text) {
  std::unique_ptr<QRcode, Free> q(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M));
  if (!q) throw std::invalid_argument("text too long for a QR code");
  const int n = q->width;
  const int size = (n + 2 * kQuiet) * kModulePixels;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(size) + "\" height=\"" +
                    std::to_string(size) + "\" viewBox=\"0 0 " + std::to_string(n + 2 * kQuiet) + " " +
                    std::to_string(n + 2 * kQuiet) +
                    "\" shape-rendering=\"crispEdges\">"
                    "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One path of unit squares, row by row; the lowest bit of each module says dark.
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      if (q->data[y * n + x] & 1) {
        out += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
      }
    }
  }
  out += "\"/></svg>";
  return out;
}

}  // namespace jiceng::dual_report
