#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226, HMAC-SHA1, 30 s steps, 6 digits): the
// scheme every authenticator app speaks.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::crypto {

constexpr std::int64_t kTotpStepSeconds = 30;
constexpr std::size_t kTotpSecretBytes = 20;

std::string base32_encode(std::string_view bytes);                // RFC 4648 alphabet, no padding
std::optional<std::string> base32_decode(std::string_view text);  // ignores case, spaces and padding

// The code for time step `step` (unix seconds / 30), zero-padded to `digits`.
std::string hotp(std::string_view secret, std::int64_t step, int digits = 6);

// The step `code` matches within one step either side of `now`, or nullopt. The caller refuses a
// step it has already accepted, so a code cannot be replayed.
std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code, std::int64_t now);

// The otpauth:// URI authenticator apps read from a QR code.
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace jiceng::crypto
