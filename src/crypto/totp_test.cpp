#include "crypto/totp.hpp"

#include <gtest/gtest.h>

namespace jiceng::crypto {
namespace {

constexpr char kRfcSecret[] = "12345678901234567890";

// RFC 6238 appendix B (SHA1), read at 8 digits and at the 6 an authenticator shows.
TEST(Totp, MatchesTheRfcVectors) {
  EXPECT_EQ(hotp(kRfcSecret, 59 / 30, 8), "94287082");
  EXPECT_EQ(hotp(kRfcSecret, 1111111109 / 30, 8), "07081804");
  EXPECT_EQ(hotp(kRfcSecret, 20000000000 / 30, 8), "65353130");
  EXPECT_EQ(hotp(kRfcSecret, 59 / 30), "287082");
}

TEST(Totp, AcceptsOneStepEitherSideAndNothingFurther) {
  const std::int64_t now = 1111111109;
  EXPECT_EQ(totp_match(kRfcSecret, hotp(kRfcSecret, now / 30), now), now / 30);
  EXPECT_TRUE(totp_match(kRfcSecret, hotp(kRfcSecret, now / 30 - 1), now).has_value());
  EXPECT_FALSE(totp_match(kRfcSecret, hotp(kRfcSecret, now / 30 - 3), now).has_value());
  EXPECT_FALSE(totp_match(kRfcSecret, "12345", now).has_value());
}

TEST(Base32, RoundTripsAndRejectsForeignCharacters) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");  // RFC 4648 section 10
  EXPECT_EQ(base32_decode("mzxw 6ytb oi==").value_or(""), "foobar");
  EXPECT_FALSE(base32_decode("MZXW1").has_value());
  const std::string bytes("\x00\xff\x10\x80", 4);
  EXPECT_EQ(base32_decode(base32_encode(bytes)).value_or(""), bytes);
}

TEST(Totp, UriNamesIssuerAndAccount) {
  EXPECT_EQ(totp_uri("基层", "grid wang", "foobar"),
            "otpauth://totp/%E5%9F%BA%E5%B1%82:grid%20wang?secret=MZXW6YTBOI&issuer=%E5%9F%BA%E5%B1%82"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace jiceng::crypto
