#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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

TEST(FieldCipher, DecryptsUnderAnySetAndWritesUnderTheActiveOne) {
  const auto a = FieldCipher::generate();
  const auto b = FieldCipher::generate();
  const FieldCipher old_only({a}, 0);
  const FieldCipher both({a, b}, 1);
  const auto under_a = old_only.encrypt("13812345678");
  EXPECT_EQ(both.decrypt(under_a), "13812345678");
  EXPECT_THROW(FieldCipher({b}, 0).decrypt(under_a), std::runtime_error);
  EXPECT_EQ(FieldCipher({b}, 0).decrypt(both.encrypt("x")), "x");
  EXPECT_NE(both.blind_index("370102199003071234"), old_only.blind_index("370102199003071234"));
  EXPECT_EQ(both.active().id(), b.id());
}

TEST(FieldCipher, KeyFilesRoundTripAndTheFirstFormatStillReads) {
  const auto dir = std::filesystem::temp_directory_path() / ("jiceng-keys-" + random_token(6));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "jiceng.key").string();
  const auto a = FieldCipher::generate();
  const auto b = FieldCipher::generate();
  FieldCipher::write_key_file(path, {a, b});
  const auto sets = FieldCipher::read_key_file(path);
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[1].id(), b.id());
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  EXPECT_EQ(FieldCipher::from_key_file(path).active().id(), b.id());
  EXPECT_EQ(FieldCipher::from_key_file(path, a.id()).active().id(), a.id());
  EXPECT_THROW(FieldCipher::from_key_file(path, "not-a-set"), std::runtime_error);
  {
    std::ofstream legacy(path, std::ios::trunc);
    legacy << "# old\n" << to_hex(a.enc) << "\n" << to_hex(a.mac) << "\n" << to_hex(a.index) << "\n";
  }
  EXPECT_EQ(FieldCipher::from_key_file(path).active().id(), a.id());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace jiceng::crypto
