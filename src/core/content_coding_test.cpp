#include "core/content_coding.hpp"

#include <gtest/gtest.h>

namespace jiceng::core {
namespace {

TEST(ContentCoding, PrefersBrotliThenGzip) {
  EXPECT_EQ(choose_coding("gzip, deflate, br, zstd", true, true), Coding::br);
  EXPECT_EQ(choose_coding("gzip, deflate, br", false, true), Coding::gzip) << "no .br beside the file";
  EXPECT_EQ(choose_coding("gzip, deflate", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br", false, true), Coding::identity);
}

TEST(ContentCoding, NoHeaderOrNothingKnownIsIdentity) {
  EXPECT_EQ(choose_coding("", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("identity", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("deflate, zstd", true, true), Coding::identity);
  EXPECT_EQ(choose_coding(" , ,", true, true), Coding::identity);
}

TEST(ContentCoding, WeightsDecide) {
  EXPECT_EQ(choose_coding("br;q=0.5, gzip;q=0.8", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br;q=0, gzip", true, true), Coding::gzip) << "q=0 refuses";
  EXPECT_EQ(choose_coding("gzip;q=0, br;q=0", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("gzip;q=0.3, identity;q=0.5", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("GZIP ; Q=1.000", true, true), Coding::gzip) << "names and q are case-insensitive";
  EXPECT_EQ(choose_coding("*", true, true), Coding::br);
  EXPECT_EQ(choose_coding("*;q=0.5, br;q=0", true, true), Coding::gzip);
}

TEST(ContentCoding, MalformedWeightsAreIgnored) {
  EXPECT_EQ(choose_coding("br;q=2", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("br;q=0.5x, gzip;q=0.1", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br;q=, gzip;q", true, true), Coding::gzip) << "a bare q is not a weight";
  EXPECT_EQ(choose_coding("br;q=1.0001", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("br;level=5", true, true), Coding::br) << "other parameters do not matter";
}

TEST(ContentCoding, Tokens) {
  EXPECT_EQ(coding_token(Coding::br), "br");
  EXPECT_EQ(coding_token(Coding::gzip), "gzip");
  EXPECT_EQ(coding_token(Coding::identity), "");
}

}  // namespace
}  // namespace jiceng::core
