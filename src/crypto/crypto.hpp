#pragma once
// 国密 primitives through OpenSSL 3 (SM3, HMAC-SM3, SM4) and libsodium (argon2id, randomness).
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::crypto {

std::string sm3_hex(std::string_view data);
std::string hmac_sm3_hex(std::string_view key, std::string_view data);
std::string random_bytes(std::size_t n);
std::string random_token(std::size_t bytes = 32);  // URL-safe base64, no padding
std::string to_hex(std::string_view bytes);
std::string from_hex(std::string_view hex);  // throws std::invalid_argument

std::string hash_password(std::string_view password);  // argon2id, libsodium's encoded string
bool verify_password(std::string_view encoded, std::string_view password);

// One generation of field keys: SM4 key, HMAC-SM3 key, blind-index key.
struct KeySet final {
  std::string enc;
  std::string mac;
  std::string index;
  std::string id() const;  // a short fingerprint, safe to store and print
};

// Field encryption for sensitive personal data: SM4-CBC with a random IV, then HMAC-SM3 over
// IV and ciphertext (encrypt-then-MAC). The blind index lets a unique column find a value
// without decrypting every row. It encrypts and indexes with the active key set and decrypts
// with whichever set's MAC matches, so a rotation can be part done when the server starts.
class FieldCipher final {
 public:
  static constexpr std::size_t kKeyBytes = 16;
  // Loads the key file, creating it (mode 0600) with fresh random keys when absent. The active
  // set is the one whose id is `active_id`, or the newest when that is empty; throws when the
  // file holds no such set.
  static FieldCipher from_key_file(const std::string& path, const std::string& active_id = "");
  static std::vector<KeySet> read_key_file(const std::string& path);
  // Replaces the file (via a new file and a rename, mode 0600) with these sets, newest last.
  static void write_key_file(const std::string& path, const std::vector<KeySet>& sets);
  static KeySet generate();

  FieldCipher(std::string enc_key, std::string mac_key, std::string index_key);
  FieldCipher(std::vector<KeySet> sets, std::size_t active);

  std::string encrypt(std::string_view plaintext) const;   // hex text, safe in any column
  std::string decrypt(std::string_view ciphertext) const;  // throws std::runtime_error when tampered
  std::string blind_index(std::string_view plaintext) const;
  const KeySet& active() const { return sets_[active_]; }

 private:
  std::vector<KeySet> sets_;
  std::size_t active_ = 0;
};

}  // namespace jiceng::crypto
