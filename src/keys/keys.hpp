#pragma once
// The field keys a database is encrypted under, and their rotation (`jiceng keys rotate`).
#include <cstdint>
#include <string>

#include "crypto/crypto.hpp"
#include "store/db.hpp"

namespace jiceng::keys {

// The cipher for this database: the key file's set that the database records as active; for a
// database that records none yet, the file's newest set, which it then records. Throws when the
// key file lacks the recorded set.
crypto::FieldCipher open(store::Database& db, const std::string& key_file);

struct Rotation final {
  std::string old_id;
  std::string new_id;
  std::int64_t values = 0;  // encrypted values rewritten
};

// Makes a new key set and re-encrypts every encrypted column, and recomputes every blind index,
// under it in one transaction, then drops the old set from the key file. A crash at any point
// leaves a database and key file that still open (see keys.cpp). Run it with the server stopped:
// a running server keeps encrypting under the set it started with.
Rotation rotate(store::Database& db, const std::string& key_file, std::int64_t now);

}  // namespace jiceng::keys
