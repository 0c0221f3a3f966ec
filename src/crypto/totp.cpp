#include "crypto/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>
#include <stdexcept>

namespace jiceng::crypto {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int kWindowSteps = 1;

std::string uri_escape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=' || ch == '-') continue;
    const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    int v = -1;
    if (up >= 'A' && up <= 'Z')
      v = up - 'A';
    else if (up >= '2' && up <= '7')
      v = up - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::string hotp(std::string_view secret, std::int64_t step, int digits) {
  std::array<unsigned char, 8> counter{};
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(), md, &len)) {
    throw std::runtime_error("HMAC-SHA1 failed");
  }
  const int offset = md[len - 1] & 0x0f;
  const std::uint32_t bin =
      ((md[offset] & 0x7fu) << 24) | (md[offset + 1] << 16) | (md[offset + 2] << 8) | md[offset + 3];
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code, std::int64_t now) {
  if (code.size() != 6) return std::nullopt;
  const std::int64_t current = now / kTotpStepSeconds;
  for (std::int64_t s = current - kWindowSteps; s <= current + kWindowSteps; ++s) {
    if (hotp(secret, s) == code) return s;
  }
  return std::nullopt;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  return "otpauth://totp/" + uri_escape(issuer) + ":" + uri_escape(account) + "?secret=" + base32_encode(secret) +
         "&issuer=" + uri_escape(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace jiceng::crypto
