#include "core/content_coding.hpp"

#include <cctype>
#include <optional>

namespace jiceng::core {
namespace {

// Weights are read in thousandths (q=0.5 → 500), the precision RFC 9110 allows.
constexpr int kQMax = 1000;
// An unnamed identity still beats nothing, and loses to anything the client named.
constexpr int kImplicitIdentity = 1;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// "q=0.8" → 800; a malformed weight makes the whole element ignored (nullopt).
std::optional<int> weight_of(std::string_view params) {
  int q = kQMax;
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos || !iequals(trim(param.substr(0, eq)), "q")) continue;  // another parameter
    const auto value = trim(param.substr(eq + 1));
    if (value.empty() || (value[0] != '0' && value[0] != '1')) return std::nullopt;
    const auto dot = value.find('.');
    int whole = value[0] - '0';
    int thousandths = 0;
    if (dot != std::string_view::npos) {
      if (dot != 1) return std::nullopt;
      auto digits = value.substr(2);
      if (digits.size() > 3) return std::nullopt;
      for (std::size_t i = 0; i < 3; ++i) {
        const char ch = i < digits.size() ? digits[i] : '0';
        if (ch < '0' || ch > '9') return std::nullopt;
        thousandths = thousandths * 10 + (ch - '0');
      }
    } else if (value.size() != 1) {
      return std::nullopt;
    }
    q = whole * kQMax + thousandths;
    if (q > kQMax) return std::nullopt;
  }
  return q;
}

}  // namespace

Coding choose_coding(std::string_view header, bool have_br, bool have_gzip) {
  std::optional<int> br, gzip, identity, star;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto element = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    if (element.empty()) continue;
    const auto semi = element.find(';');
    const auto name = trim(element.substr(0, semi));
    const auto q = weight_of(semi == std::string_view::npos ? std::string_view{} : element.substr(semi + 1));
    if (!q) continue;
    if (iequals(name, "br"))
      br = q;
    else if (iequals(name, "gzip") || iequals(name, "x-gzip"))
      gzip = q;
    else if (iequals(name, "identity"))
      identity = q;
    else if (name == "*")
      star = q;
  }
  const int q_br = have_br ? br.value_or(star.value_or(0)) : 0;
  const int q_gzip = have_gzip ? gzip.value_or(star.value_or(0)) : 0;
  const int q_identity = identity.value_or(star && *star == 0 ? 0 : kImplicitIdentity);
  // Ties go to the smaller body: brotli, then gzip, then identity.
  if (q_br > 0 && q_br >= q_gzip && q_br >= q_identity) return Coding::br;
  if (q_gzip > 0 && q_gzip >= q_identity) return Coding::gzip;
  return Coding::identity;
}

std::string_view coding_token(Coding c) {
  switch (c) {
    case Coding::br: return "br";
    case Coding::gzip: return "gzip";
    case Coding::identity: return "";
  }
  return "";
}

}  // namespace jiceng::core
