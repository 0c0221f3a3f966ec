#pragma once
// A bounded pool of connections shared by the drivers: lease one, it comes back on destruction.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/db.hpp"

namespace jiceng::store {

class ConnPool final {
 public:
  using Factory = std::function<std::unique_ptr<Conn>()>;
  ConnPool(Factory factory, int max_size) : factory_(std::move(factory)), max_size_(max_size) {}

  std::unique_ptr<Conn> take() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty() || created_ < max_size_; });
    ++in_use_;
    if (!free_.empty()) {
      auto c = std::move(free_.back());
      free_.pop_back();
      return c;
    }
    ++created_;
    lock.unlock();
    try {
      return factory_();
    } catch (...) {
      std::lock_guard relock(mu_);
      --created_;
      --in_use_;
      cv_.notify_one();
      throw;
    }
  }
  void give(std::unique_ptr<Conn> c) {
    {
      std::lock_guard lock(mu_);
      --in_use_;
      if (c) {
        free_.push_back(std::move(c));
      } else {
        --created_;  // a broken connection is dropped and replaced on demand
      }
    }
    cv_.notify_one();
  }
  int created() const {
    std::lock_guard lock(mu_);
    return created_;
  }
  int in_use() const {
    std::lock_guard lock(mu_);
    return in_use_;
  }

 private:
  Factory factory_;
  int max_size_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> free_;
  int created_ = 0;
  int in_use_ = 0;
};

}  // namespace jiceng::store
