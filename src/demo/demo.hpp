#pragma once
#include <cstdint>
#include <string>

#include "crypto/crypto.hpp"
#include "demo/cogov.hpp"
#include "store/db.hpp"

namespace jiceng::demo {
// Builds a fictitious county shaped like Gaotai in the seeds, deterministically from `seed`,
// into an empty database; throws when the database already holds areas. Returns a summary line.
std::string load(store::Database& db, const crypto::FieldCipher& cipher, std::uint64_t seed, int members,
                 std::int64_t now, const CogovScale& cogov = {});
}  // namespace jiceng::demo
