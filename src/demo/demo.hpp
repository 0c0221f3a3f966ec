#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "demo/seed.hpp"
#include "store/db.hpp"

namespace jiceng::demo {
// Builds a fictitious county shaped like Gaotai in the seeds, deterministically from `seed`,
// into an empty database: every module seeds its part, in the order of the module list.
// Throws when the database already holds areas. Returns a summary line.
std::string load(store::Database& db, const crypto::FieldCipher& cipher, std::uint64_t seed, int members,
                 std::int64_t now, const CogovScale& cogov = {});
// The demo accounts that still open with the published demo password: the server refuses to
// listen beyond loopback while there are any.
std::vector<std::string> accounts_with_demo_password(store::Database& db);
}  // namespace jiceng::demo
