#pragma once
// 国密 primitives through OpenSSL 3 (SM3, HMAC-SM3, SM4) and libsodium (argon2id, randomness).
#include <array>
#include <string>
#include <string_view>

namespace jiceng::crypto {

std::string sm3_hex(std::string_view data);
std::string hmac_sm3_hex(std::string_view key, std::string_view data);
std::string random_bytes(std::size_t n);
std::string random_token(std::size_t bytes = 32);  // URL-safe base64, no padding
std::string to_hex(std::string_view bytes);
std::string from_hex(std::string_view hex);  // throws std::invalid_argument

std::string hash_password(std::string_view password);  // argon2id, libsodium's encoded string
bool verify_password(std::string_view encoded, std::string_view password);

// Field encryption for sensitive personal data: SM4-CBC with a random IV, then HMAC-SM3 over
// IV and ciphertext (encrypt-then-MAC). The blind index lets a unique column find a value
// without decrypting every row.
class FieldCipher final {
 public:
  static constexpr std::size_t kKeyBytes = 16;
  // Loads the key file, creating it (mode 0600) with fresh random keys when absent.
  static FieldCipher from_key_file(const std::string& path);
  FieldCipher(std::string enc_key, std::string mac_key, std::string index_key);

  std::string encrypt(std::string_view plaintext) const;   // hex text, safe in any column
  std::string decrypt(std::string_view ciphertext) const;  // throws std::runtime_error when tampered
  std::string blind_index(std::string_view plaintext) const;

 private:
  std::string enc_key_;
  std::string mac_key_;
  std::string index_key_;
};

}  // namespace jiceng::crypto
