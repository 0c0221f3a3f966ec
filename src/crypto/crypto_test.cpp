#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

namespace jiceng::crypto {
namespace {

// GB/T 32905-2016 appendix A, example 1.
TEST(Sm3, MatchesTheStandardsVector) {
  EXPECT_EQ(sm3_hex("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

TEST(FieldCipher, RoundTripsAndHidesThePlaintext) {
  const FieldCipher c(std::string(16, 'k'), "mac-key", "index-key");
  const auto ct = c.encrypt("370102199003071234");
  EXPECT_EQ(ct.find("370102199003071234"), std::string::npos);
  EXPECT_EQ(c.decrypt(ct), "370102199003071234");
  EXPECT_NE(c.encrypt("370102199003071234"), ct);  // random IV
  EXPECT_EQ(c.blind_index("a"), c.blind_index("a"));
}

TEST(FieldCipher, DetectsTampering) {
  const FieldCipher c(std::string(16, 'k'), "mac-key", "index-key");
  auto ct = c.encrypt("13812345678");
  ct[40] = ct[40] == 'a' ? 'b' : 'a';
  EXPECT_THROW(c.decrypt(ct), std::runtime_error);
}

TEST(Passwords, VerifyOnlyTheRightOne) {
  const auto h = hash_password("jiceng-demo");
  EXPECT_TRUE(verify_password(h, "jiceng-demo"));
  EXPECT_FALSE(verify_password(h, "jiceng-dem0"));
}

}  // namespace
}  // namespace jiceng::crypto
