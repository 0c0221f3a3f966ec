#include "demo/fake.hpp"

#include <cstdio>

namespace jiceng::demo {
namespace {
constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdChecks = "10X98765432";
constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// Serials per (region, birth day, sex): 500 each, so a region holds plenty of members per birthday.
constexpr int kIdSerials = 500;
}  // namespace

std::string Fake::name() {
  std::string n = pick(kSurnames);
  n += pick(kGiven);
  if (chance(0.7)) n += pick(kGiven);
  return n;
}

std::string Fake::date(int y0, int y1) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", between(y0, y1), between(1, 12), between(1, 28));
  return buf;
}

std::string Fake::phone() {
  static constexpr std::array<int, 5> kSecond = {3, 5, 7, 8, 9};
  char buf[16];
  std::snprintf(buf, sizeof buf, "1%d%d%08d", kSecond[static_cast<std::size_t>(between(0, 4))], between(0, 9),
                between(0, 99999999));
  return buf;
}

std::string Fake::id_number(std::string_view region, const std::string& birth, bool male) {
  for (;;) {
    std::string body = std::string(region) + birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03d", between(0, kIdSerials - 1) * 2 + (male ? 1 : 0));
    body += buf;
    int sum = 0;
    for (std::size_t i = 0; i < kIdWeights.size(); ++i) sum += (body[i] - '0') * kIdWeights[i];
    body += kIdChecks[static_cast<std::size_t>(sum % 11)];
    if (used_.insert(body).second) return body;
  }
}

std::string polygon(double w, double s, double e, double n) {
  char buf[256];
  std::snprintf(
      buf, sizeof buf,
      "{\"type\":\"Polygon\",\"coordinates\":[[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]]}", w, s, e,
      s, e, n, w, n, w, s);
  return buf;
}

std::string credit_code(std::string_view region, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "91%.*s%09d", static_cast<int>(region.size()), region.data(), n);
  std::string body(buf);
  int sum = 0;
  for (std::size_t i = 0; i < kUsccWeights.size(); ++i)
    sum += static_cast<int>(kUsccChars.find(body[i])) * kUsccWeights[i];
  body += kUsccChars[static_cast<std::size_t>((31 - sum % 31) % 31)];
  return body;
}

}  // namespace jiceng::demo
