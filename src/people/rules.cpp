#include "people/rules.hpp"

#include <array>
#include <cctype>

namespace jiceng::people {
namespace {

constexpr std::size_t kIdLength = 18;
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";
constexpr int kMinBirthYear = 1900;
constexpr int kMaxBirthYear = 2100;

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool real_day(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const int max = kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
  return d <= max;
}

}  // namespace

std::string normalize_id_number(std::string_view id) {
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.front()))) id.remove_prefix(1);
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.remove_suffix(1);
  std::string out(id);
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

std::optional<std::string> id_number_problem(std::string_view id) {
  if (id.size() != kIdLength) return "身份证号应为 18 位";
  if (!all_digits(id.substr(0, 17))) return "身份证号前 17 位应为数字";
  const char last = id[17];
  if (!(last >= '0' && last <= '9') && last != 'X') return "身份证号末位应为数字或 X";
  const int y = to_int(id.substr(6, 4));
  const int m = to_int(id.substr(10, 2));
  const int d = to_int(id.substr(12, 2));
  if (y < kMinBirthYear || y > kMaxBirthYear || !real_day(y, m, d)) return "身份证号中的出生日期无效";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  if (kCheckChars[sum % 11] != last) return "身份证号校验位错误";
  return std::nullopt;
}

IdNumberInfo id_number_info(std::string_view id) {
  IdNumberInfo info;
  info.birth_date =
      std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" + std::string(id.substr(12, 2));
  info.gender = ((id[16] - '0') % 2 == 1) ? "male" : "female";
  return info;
}

std::optional<std::string> phone_problem(std::string_view phone) {
  if (phone.size() == 11 && phone[0] == '1' && all_digits(phone)) return std::nullopt;
  // Landlines: area code and number, with or without a hyphen.
  std::string digits;
  for (char c : phone) {
    if (c == '-') continue;
    digits += c;
  }
  if (digits.size() >= 7 && digits.size() <= 12 && all_digits(digits)) return std::nullopt;
  return "手机号应为 11 位数字（座机可含区号和短横线）";
}

std::string mask_id_number(std::string_view id) {
  if (id.size() < 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

std::string category_label(std::string_view code) {
  for (const auto& c : kCategories) {
    if (code == c.code) return c.label;
  }
  return std::string(code);
}

}  // namespace jiceng::people
