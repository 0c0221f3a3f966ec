#pragma once
// What every handler may use: the store, the field cipher and the clock.
#include <cstdint>
#include <functional>
#include <string>

#include "crypto/crypto.hpp"
#include "store/db.hpp"

namespace jiceng {

struct RateLimits;

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
};

}  // namespace jiceng
