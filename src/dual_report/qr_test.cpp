#include "dual_report/qr.hpp"

#include <gtest/gtest.h>

namespace jiceng::dual_report {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

TEST(Qr, DrawsTheThreeFinderPatternsInsideTheQuietZone) {
  const auto svg = qr_svg("/m/#/checkin/12?code=abc");
  ASSERT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("viewBox=\"0 0 33 33\""), std::string::npos);  // version 2: 25 modules + 2 × 4 quiet
  // Each finder pattern's top-left module is dark: (4,4), (4+18,4) and (4,4+18).
  EXPECT_NE(svg.find("M4 4h1v1h-1z"), std::string::npos);
  EXPECT_NE(svg.find("M22 4h1v1h-1z"), std::string::npos);
  EXPECT_NE(svg.find("M4 22h1v1h-1z"), std::string::npos);
  EXPECT_EQ(svg.find("M0 0h"), std::string::npos);  // the quiet zone stays white
  EXPECT_GT(count(svg, "h1v1h-1z"), 200u);
}

TEST(Qr, RefusesTextTooLongForAnyVersion) { EXPECT_THROW(qr_svg(std::string(5000, 'x')), std::invalid_argument); }

}  // namespace
}  // namespace jiceng::dual_report
