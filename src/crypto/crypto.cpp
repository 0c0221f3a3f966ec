#include "crypto/crypto.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace jiceng::crypto {
namespace {

constexpr std::size_t kIvBytes = 16;
constexpr std::size_t kMacHexChars = 64;
constexpr std::size_t kKeyIdChars = 12;

struct SodiumInit final {
  SodiumInit() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  }
};
void ensure_sodium() { static SodiumInit once; }

struct CtxDeleter {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

std::string sm4_cbc(bool encrypt, std::string_view key, std::string_view iv, std::string_view in) {
  std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter> ctx(EVP_CIPHER_CTX_new());
  const EVP_CIPHER* cipher = EVP_sm4_cbc();
  if (!ctx || !cipher) throw std::runtime_error("SM4 is not available in this OpenSSL");
  if (EVP_CipherInit_ex(ctx.get(), cipher, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                        reinterpret_cast<const unsigned char*>(iv.data()), encrypt ? 1 : 0) != 1) {
    throw std::runtime_error("SM4 init failed");
  }
  std::string out(in.size() + kIvBytes, '\0');
  int n1 = 0;
  int n2 = 0;
  if (EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n1,
                       reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n1, &n2) != 1) {
    throw std::runtime_error("SM4 failed");
  }
  out.resize(static_cast<std::size_t>(n1 + n2));
  return out;
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xf]);
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) throw std::invalid_argument("odd hex length");
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("bad hex digit");
  };
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(val(hex[2 * i]) * 16 + val(hex[2 * i + 1]));
  return out;
}

std::string sm3_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sm3(), nullptr) != 1) {
    throw std::runtime_error("SM3 failed");
  }
  return to_hex(std::string_view(reinterpret_cast<char*>(md), len));
}

std::string hmac_sm3_hex(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sm3(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), md, &len) == nullptr) {
    throw std::runtime_error("HMAC-SM3 failed");
  }
  return to_hex(std::string_view(reinterpret_cast<char*>(md), len));
}

std::string random_bytes(std::size_t n) {
  ensure_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits keep a login well under a second on this class of machine.
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id out of memory");
  }
  return out;
}

bool verify_password(std::string_view encoded, std::string_view password) {
  ensure_sodium();
  const std::string enc(encoded);
  return crypto_pwhash_str_verify(enc.c_str(), password.data(), password.size()) == 0;
}

std::string KeySet::id() const { return sm3_hex(enc + mac + index).substr(0, kKeyIdChars); }

KeySet FieldCipher::generate() {
  ensure_sodium();
  std::string raw(3 * kKeyBytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return KeySet{raw.substr(0, kKeyBytes), raw.substr(kKeyBytes, kKeyBytes), raw.substr(2 * kKeyBytes)};
}

// One set per line, three hex keys separated by spaces, newest last. The first format (three
// lines of one key each) still reads as one set.
std::vector<KeySet> FieldCipher::read_key_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read key file " + path);
  std::vector<KeySet> sets;
  std::vector<std::string> loose;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::vector<std::string> keys;
    for (std::string w; words >> w;) keys.push_back(from_hex(w));
    if (keys.size() == 3)
      sets.push_back(KeySet{keys[0], keys[1], keys[2]});
    else if (keys.size() == 1)
      loose.push_back(keys[0]);
    else
      throw std::runtime_error("key file " + path + ": a line must hold one key or a set of three");
  }
  for (std::size_t i = 0; i + 3 <= loose.size(); i += 3)
    sets.insert(sets.begin(), KeySet{loose[i], loose[i + 1], loose[i + 2]});
  if (sets.empty()) throw std::runtime_error("key file " + path + " holds no keys");
  for (const auto& k : sets) {
    if (k.enc.size() != kKeyBytes) throw std::runtime_error("key file " + path + ": an SM4 key must be 16 bytes");
  }
  return sets;
}

void FieldCipher::write_key_file(const std::string& path, const std::vector<KeySet>& sets) {
  namespace fs = std::filesystem;
  if (fs::path(path).has_parent_path()) fs::create_directories(fs::path(path).parent_path());
  const std::string fresh = path + ".new";
  {
    const mode_t old = umask(077);
    std::ofstream out(fresh, std::ios::trunc);
    umask(old);
    out << "# jiceng field keys, one set per line (SM4, HMAC-SM3, blind index; hex), newest last.\n"
        << "# Keep this file outside the database and its backups.\n";
    for (const auto& k : sets) out << to_hex(k.enc) << " " << to_hex(k.mac) << " " << to_hex(k.index) << "\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write key file " + fresh);
  }
  if (const int fd = ::open(fresh.c_str(), O_RDONLY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(fresh, path);
}

FieldCipher FieldCipher::from_key_file(const std::string& path, const std::string& active_id) {
  if (!std::filesystem::exists(path)) write_key_file(path, {generate()});
  auto sets = read_key_file(path);
  std::size_t active = sets.size() - 1;
  if (!active_id.empty()) {
    const auto it = std::find_if(sets.begin(), sets.end(), [&](const KeySet& k) { return k.id() == active_id; });
    if (it == sets.end()) {
      throw std::runtime_error("key file " + path + " lacks the key set " + active_id +
                               " this database is encrypted with; restore the right key file");
    }
    active = static_cast<std::size_t>(it - sets.begin());
  }
  return FieldCipher(std::move(sets), active);
}

FieldCipher::FieldCipher(std::string enc_key, std::string mac_key, std::string index_key)
    : sets_{KeySet{std::move(enc_key), std::move(mac_key), std::move(index_key)}} {
  if (sets_[0].enc.size() != kKeyBytes) throw std::invalid_argument("SM4 key must be 16 bytes");
}

FieldCipher::FieldCipher(std::vector<KeySet> sets, std::size_t active) : sets_(std::move(sets)), active_(active) {
  if (sets_.empty() || active_ >= sets_.size()) throw std::invalid_argument("no active key set");
}

std::string FieldCipher::encrypt(std::string_view plaintext) const {
  ensure_sodium();
  std::string iv(kIvBytes, '\0');
  randombytes_buf(iv.data(), iv.size());
  const auto& k = active();
  const std::string body = to_hex(iv) + to_hex(sm4_cbc(true, k.enc, iv, plaintext));
  return body + hmac_sm3_hex(k.mac, body);
}

std::string FieldCipher::decrypt(std::string_view ciphertext) const {
  if (ciphertext.size() < 2 * kIvBytes + kMacHexChars) throw std::runtime_error("ciphertext too short");
  const auto body = ciphertext.substr(0, ciphertext.size() - kMacHexChars);
  const auto mac = ciphertext.substr(ciphertext.size() - kMacHexChars);
  // The active set first: after a finished rotation every value is under it.
  for (std::size_t n = 0; n < sets_.size(); ++n) {
    const auto& k = sets_[n == 0 ? active_ : (n <= active_ ? n - 1 : n)];
    const std::string expected = hmac_sm3_hex(k.mac, body);
    if (sodium_memcmp(expected.data(), mac.data(), kMacHexChars) != 0) continue;
    const std::string iv = from_hex(body.substr(0, 2 * kIvBytes));
    return sm4_cbc(false, k.enc, iv, from_hex(body.substr(2 * kIvBytes)));
  }
  throw std::runtime_error("ciphertext failed its integrity check");
}

std::string FieldCipher::blind_index(std::string_view plaintext) const {
  return hmac_sm3_hex(active().index, plaintext);
}

}  // namespace jiceng::crypto
