#pragma once
// A QR code as an SVG image, drawn from libqrencode's modules, for printing at an activity's door.
#include <string>

namespace jiceng::dual_report {

// An SVG of `text` at error-correction level M with a four-module quiet zone; throws
// std::invalid_argument when the text is too long for a QR code.
std::string qr_svg(const std::string& text);

}  // namespace jiceng::dual_report
