#include "store/bulk.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace jiceng::store {
namespace {

class BulkInsertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("jiceng-bulk-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    db_ = open("sqlite:" + path_.string(), 1);
    db_->write([](Conn& c) { c.script("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)"); });
  }
  void TearDown() override {
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
  std::unique_ptr<Database> db_;
};

TEST_F(BulkInsertTest, WritesEveryRowAcrossFullAndPartialStatements) {
  constexpr std::int64_t kRows = 1234;  // two full statements of 500 and a partial one
  db_->write([&](Conn& c) {
    BulkInsert bulk(c, "INSERT INTO t (a, b)", 2);
    for (std::int64_t i = 1; i <= kRows; ++i) bulk.add({i, "row" + std::to_string(i)});
    bulk.flush();
    EXPECT_EQ(bulk.written(), static_cast<std::size_t>(kRows));
  });
  db_->read([&](Conn& c) {
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM t"), kRows);
    EXPECT_EQ(c.one("SELECT b FROM t WHERE a = 1234")->text(0), "row1234");
  });
}

TEST_F(BulkInsertTest, AppliesTheTailToEveryStatement) {
  db_->write([&](Conn& c) {
    BulkInsert bulk(c, "INSERT INTO t (a, b)", 2, "ON CONFLICT (a) DO UPDATE SET b = excluded.b");
    bulk.add({std::int64_t{1}, std::string("first")});
    bulk.add({std::int64_t{1}, std::string("second")});
    bulk.flush();
  });
  EXPECT_EQ(db_->read([](Conn& c) { return c.one("SELECT b FROM t WHERE a = 1")->text(0); }), "second");
}

TEST_F(BulkInsertTest, RefusesARowOfTheWrongWidth) {
  db_->write([&](Conn& c) {
    BulkInsert bulk(c, "INSERT INTO t (a, b)", 2);
    EXPECT_THROW(bulk.add({std::int64_t{1}}), std::invalid_argument);
  });
}

}  // namespace
}  // namespace jiceng::store
