#pragma once
// Pure rules about people: resident ID numbers (GB 11643-1999), phone numbers, masking.
#include <optional>
#include <string>
#include <string_view>

#include "core/dates.hpp"

namespace jiceng::people {

struct IdNumberInfo final {
  std::string birth_date;  // YYYY-MM-DD
  std::string gender;      // "male" | "female"
};

// Why an ID number is not valid, in words a clerk understands; nullopt when it is valid.
std::optional<std::string> id_number_problem(std::string_view id);
// Birth date and gender encoded in a valid 18-character ID number.
IdNumberInfo id_number_info(std::string_view id);
// Upper-cases a trailing x and strips surrounding spaces.
std::string normalize_id_number(std::string_view id);

std::optional<std::string> phone_problem(std::string_view phone);

// "370102199003071234" → "3701**********1234"; "13812345678" → "138****5678".
std::string mask_id_number(std::string_view id);
std::string mask_phone(std::string_view phone);

// A member's 人员类别 (category): the register's choices, and the label every sheet prints.
struct Category final {
  const char* code;
  const char* label;  // zh-CN
};
inline constexpr Category kCategories[] = {
    {"in_service", "在职"}, {"retired", "离退休"}, {"rural", "农村"}, {"mobile", "流动"}, {"student", "学生"}};
// The label of a category code; the code itself when it is not one.
std::string category_label(std::string_view code);

// YYYY-MM-DD, a real calendar day: now in core/dates.hpp (issue 14); this name forwards to it.

}  // namespace jiceng::people
