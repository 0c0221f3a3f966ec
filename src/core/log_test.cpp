#include "core/log.hpp"

#include <gtest/gtest.h>

namespace jiceng::log {
namespace {

TEST(Log, AWarningInsideARequestCarriesItsId) {
  testing::internal::CaptureStderr();
  {
    const RequestScope scope("req-42");
    warn("store busy");
  }
  warn("outside any request");
  const auto out = testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find("level=warning rid=req-42 msg=\"store busy\""), std::string::npos) << out;
  EXPECT_NE(out.find("msg=\"outside any request\""), std::string::npos) << out;
  EXPECT_EQ(out.find("rid=req-42 msg=\"outside"), std::string::npos) << out;
}

TEST(Log, AMessageCannotStartALineOfItsOwn) {
  testing::internal::CaptureStderr();
  error("bad\nlevel=info rid=forged \"quoted\"");
  const auto out = testing::internal::GetCapturedStderr();
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
  EXPECT_NE(out.find("msg=\"badlevel=info rid=forged \\\"quoted\\\"\""), std::string::npos) << out;
}

TEST(Log, ARequestIdFromAProxyIsTakenOnlyWhenItIsPlain) {
  EXPECT_TRUE(valid_request_id("f3a9c1e2-7"));
  EXPECT_TRUE(valid_request_id("nginx:1234.5_6"));
  EXPECT_FALSE(valid_request_id(""));
  EXPECT_FALSE(valid_request_id("a b"));
  EXPECT_FALSE(valid_request_id("x\nlevel=error"));
  EXPECT_FALSE(valid_request_id(std::string(65, 'a')));
  EXPECT_NE(new_request_id(), new_request_id());
}

TEST(Log, LevelsAreNamedAsOperatorsTypeThem) {
  EXPECT_EQ(parse_level("warn"), Level::warn);
  EXPECT_EQ(parse_level("off"), Level::off);
  EXPECT_FALSE(parse_level("loud").has_value());
}

}  // namespace
}  // namespace jiceng::log
