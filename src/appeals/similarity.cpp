#include "appeals/similarity.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace jiceng::appeals {
namespace {

// Code points of the text, without ASCII punctuation, spaces and common CJK punctuation.
std::vector<char32_t> letters(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) break;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    const bool ascii_skip = cp < 0x80 && !std::isalnum(static_cast<int>(cp));
    const bool cjk_punct =
        (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20);
    if (!ascii_skip && !cjk_punct)
      out.push_back(cp < 0x80 ? static_cast<char32_t>(std::tolower(static_cast<int>(cp))) : cp);
  }
  return out;
}

std::vector<std::uint64_t> trigrams(std::string_view s) {
  const auto l = letters(s);
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 2 < l.size(); ++i) {
    out.push_back((static_cast<std::uint64_t>(l[i]) << 42) | (static_cast<std::uint64_t>(l[i + 1]) << 21) | l[i + 2]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

double trigram_similarity(std::string_view a, std::string_view b) {
  const auto ta = trigrams(a);
  const auto tb = trigrams(b);
  if (ta.empty() || tb.empty()) return 0.0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < ta.size() && j < tb.size();) {
    if (ta[i] == tb[j]) {
      ++common;
      ++i;
      ++j;
    } else if (ta[i] < tb[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(ta.size() + tb.size() - common);
}

}  // namespace jiceng::appeals
