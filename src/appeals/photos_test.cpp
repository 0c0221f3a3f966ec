#include "appeals/photos.hpp"

#include <gtest/gtest.h>

namespace jiceng::appeals {
namespace {

TEST(Photos, RecognisedByContentNotByName) {
  EXPECT_EQ(sniff_image(std::string("\xFF\xD8\xFF\xE0rest", 8)), "image/jpeg");
  EXPECT_EQ(sniff_image(std::string("\x89PNG\r\n\x1A\n....", 12)), "image/png");
  EXPECT_EQ(sniff_image(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), "image/webp");
  EXPECT_FALSE(sniff_image("GIF89a"));
  EXPECT_FALSE(sniff_image("<svg xmlns='http://www.w3.org/2000/svg'/>"));
  EXPECT_FALSE(sniff_image(std::string("RIFF\x10\x00\x00\x00WAVEfmt ", 16)));
  EXPECT_FALSE(sniff_image(""));
  EXPECT_FALSE(sniff_image("\xFF\xD8"));
}

}  // namespace
}  // namespace jiceng::appeals
