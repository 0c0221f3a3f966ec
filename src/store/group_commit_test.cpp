#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/db.hpp"

namespace jiceng::store {
namespace {

// Long enough for threads that announced themselves to reach the queue.
constexpr auto kSettle = std::chrono::milliseconds(100);

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("jiceng-group-" + std::to_string(::getpid()) + ".db");
    TearDown();
    db_ = open("sqlite:" + path_.string(), 4);
    db_->write([](Conn& c) { c.script("CREATE TABLE t (a INTEGER PRIMARY KEY, who TEXT NOT NULL)"); });
  }
  void TearDown() override {
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::int64_t rows() {
    return db_->read([](Conn& c) { return c.scalar("SELECT COUNT(*) FROM t"); });
  }

  std::filesystem::path path_;
  std::unique_ptr<Database> db_;
};

TEST_F(GroupCommitTest, WritesQueuedBehindARunningOneShareTheNextCommit) {
  constexpr int kFollowers = 3;
  std::atomic<int> waiting{0};
  std::atomic<bool> started{false};
  const auto before = db_->group_stats();
  std::thread leader([&] {
    db_->write([&](Conn& c) {
      c.execute("INSERT INTO t (who) VALUES ('leader')");
      started = true;
      // Hold the transaction open until the others have queued behind it.
      while (waiting.load() < kFollowers) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      std::this_thread::sleep_for(kSettle);
    });
  });
  while (!started.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::vector<std::thread> followers;
  for (int i = 0; i < kFollowers; ++i) {
    followers.emplace_back([&, i] {
      waiting.fetch_add(1);
      const auto id = db_->write([&](Conn& c) {
        return c.one("INSERT INTO t (who) VALUES (?) RETURNING a", {"follower" + std::to_string(i)})->integer(0);
      });
      EXPECT_GT(id, 0);
    });
  }
  leader.join();
  for (auto& t : followers) t.join();
  const auto after = db_->group_stats();
  EXPECT_EQ(rows(), 1 + kFollowers);
  EXPECT_EQ(after.writes - before.writes, 1 + kFollowers);
  EXPECT_EQ(after.commits - before.commits, 2) << "the leader alone, then the three followers together";
}

TEST_F(GroupCommitTest, AWriteThatThrowsIsUndoneAloneAndTheOthersCommit) {
  std::atomic<bool> started{false};
  std::atomic<int> queued{0};
  std::thread first([&] {
    db_->write([&](Conn& c) {
      c.execute("INSERT INTO t (who) VALUES ('first')");
      started = true;
      while (queued.load() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      std::this_thread::sleep_for(kSettle);
    });
  });
  while (!started.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread good([&] {
    queued.fetch_add(1);
    db_->write([](Conn& c) { c.execute("INSERT INTO t (who) VALUES ('good')"); });
  });
  std::thread bad([&] {
    queued.fetch_add(1);
    EXPECT_THROW(db_->write([](Conn& c) {
      c.execute("INSERT INTO t (who) VALUES ('bad')");
      throw std::runtime_error("refused");
    }),
                 std::runtime_error);
  });
  first.join();
  good.join();
  bad.join();
  EXPECT_EQ(rows(), 2) << "first and good";
  EXPECT_EQ(db_->group_stats().commits, 3) << "the table, first, then good and bad together";
  EXPECT_EQ(db_->read([](Conn& c) { return c.scalar("SELECT COUNT(*) FROM t WHERE who = 'bad'"); }), 0);
}

TEST_F(GroupCommitTest, ManyConcurrentWritersLoseNothing) {
  constexpr int kThreads = 8, kEach = 100;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        db_->write([&](Conn& c) { c.execute("INSERT INTO t (who) VALUES (?)", {std::to_string(t)}); });
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(rows(), kThreads * kEach);
}

}  // namespace
}  // namespace jiceng::store
