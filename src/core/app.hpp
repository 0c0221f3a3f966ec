#pragma once
// What every handler may use: the store, the field cipher and the clock.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <typeindex>
#include <unordered_map>

#include "crypto/crypto.hpp"
#include "store/db.hpp"

namespace jiceng {

struct RateLimits;

// What modules keep between requests (their caches), one of each type per app, made on first use.
// Keyed by type so that core names no module.
class AppStates final {
 public:
  template <class T>
  T& get() {
    std::lock_guard lock(mu_);
    auto& slot = by_type_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> by_type_;
};

struct App final {
  store::Database& db;
  const crypto::FieldCipher& cipher;
  // Seconds since the epoch; tests and jobs may replace it.
  std::function<std::int64_t()> now;
  std::string media_dir = "data/media";  // photo files, outside the database
  bool demo_mode = false;
  bool secure_cookies = false;
  // Passwords older than this must be changed at the next login (0: never).
  int password_max_age_days = 90;
  // Limits on logins and public intake; null (the command line's in-process runs) for none.
  RateLimits* limits = nullptr;
  // Shared, so that the app stays movable; its entries are thread-safe themselves.
  std::shared_ptr<AppStates> states = std::make_shared<AppStates>();

  template <class T>
  T& state() const {
    return states->get<T>();
  }
};

}  // namespace jiceng
