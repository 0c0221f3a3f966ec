#include "io/blob_store.hpp"

#include <gtest/gtest.h>
#include <filesystem>
#include <string>

#include "crypto/crypto.hpp"
#include "testing/temp_dir.hpp"

namespace jiceng::io {
namespace {

namespace fs = std::filesystem;

constexpr FileType kDocuments[] = {FileType::pdf, FileType::docx, FileType::doc};

class BlobStoreTest : public ::testing::Test {
 protected:
  test::TempDir tmp_{"jiceng-blobs-test"};
  fs::path dir_{tmp_.path()};
};

TEST(Sniff, OnlyTheAllowedTypesFromTheBytes) {
  const std::string png("\x89PNG\r\n\x1A\n....", 12);
  EXPECT_EQ(sniff(png, kImageTypes), "image/png");
  EXPECT_FALSE(sniff(png, kDocuments));
  EXPECT_EQ(sniff("%PDF-1.7\n", kDocuments), "application/pdf");
  EXPECT_FALSE(sniff("%PDF-1.7\n", kImageTypes));
  EXPECT_FALSE(sniff(std::string("PK\x03\x04", 4) + "xl/workbook.xml", kDocuments));
  EXPECT_FALSE(sniff("", kImageTypes));
}

// What a member's record carries (org_life's minutes, the pipeline's forms) is known by its bytes:
// a page made to look like a document, or a spreadsheet, is not one.
TEST(Sniff, DocumentsArePdfWordOrAPhotoOfThePage) {
  EXPECT_EQ(sniff("%PDF-1.7\n", kDocumentTypes), "application/pdf");
  EXPECT_EQ(sniff(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "doc", kDocumentTypes), "application/msword");
  EXPECT_FALSE(sniff("<html><script>alert(1)</script>", kDocumentTypes));
  EXPECT_FALSE(sniff(std::string("PK\x03\x04", 4) + "xl/workbook.xml", kDocumentTypes));
}

TEST(BlobHash, OnlyLowercaseHexOfTheRightLength) {
  EXPECT_TRUE(is_blob_hash(std::string(64, 'a')));
  EXPECT_FALSE(is_blob_hash(std::string(63, 'a')));
  EXPECT_FALSE(is_blob_hash(std::string(64, 'A')));
  EXPECT_FALSE(is_blob_hash("../../etc/passwd"));
}

TEST_F(BlobStoreTest, StoresOncePerContentAndReadsBackByHash) {
  const BlobStore blobs(dir_ / "files");
  const std::string pdf = "%PDF-1.4\nminutes";
  const auto first = blobs.put(pdf, kDocuments);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->hash, crypto::sm3_hex(pdf));
  EXPECT_EQ(first->mime, "application/pdf");
  EXPECT_EQ(blobs.path_of(first->hash), dir_ / "files" / first->hash.substr(0, 2) / first->hash);
  EXPECT_EQ(blobs.put(pdf, kDocuments)->hash, first->hash);
  EXPECT_EQ(blobs.read(first->hash), pdf);
  // Only the file itself is left: no temporary beside it.
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_))
    if (e.is_regular_file()) ++files;
  EXPECT_EQ(files, 1U);
}

TEST_F(BlobStoreTest, RefusesWhatItWillNotKeepOrServe) {
  const BlobStore blobs(dir_);
  EXPECT_FALSE(blobs.put("<html><script>alert(1)</script>", kImageTypes));
  EXPECT_FALSE(fs::exists(dir_) && !fs::is_empty(dir_));
  EXPECT_FALSE(blobs.read(std::string(64, 'a')));  // well formed, never stored
  EXPECT_FALSE(blobs.read("../secret"));
}

}  // namespace
}  // namespace jiceng::io
