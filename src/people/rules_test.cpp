#include "people/rules.hpp"

#include <gtest/gtest.h>

namespace jiceng::people {
namespace {

// 11010519491231002X is the standard's own worked example.
TEST(IdNumber, AcceptsTheStandardsExample) { EXPECT_EQ(id_number_problem("11010519491231002X"), std::nullopt); }

TEST(IdNumber, RejectsAWrongCheckDigit) {
  EXPECT_EQ(id_number_problem("110105194912310021").value(), "身份证号校验位错误");
}

TEST(IdNumber, RejectsWrongLengthLettersAndImpossibleDates) {
  EXPECT_TRUE(id_number_problem("1101051949123100").has_value());
  EXPECT_TRUE(id_number_problem("11010519491231A02X").has_value());
  EXPECT_EQ(id_number_problem("110105194902300024").value(), "身份证号中的出生日期无效");  // 30 February
}

TEST(IdNumber, DerivesBirthDateAndGender) {
  const auto info = id_number_info("11010519491231002X");
  EXPECT_EQ(info.birth_date, "1949-12-31");
  EXPECT_EQ(info.gender, "female");  // 17th digit 2 is even
}

TEST(IdNumber, NormalizesLowerCaseX) { EXPECT_EQ(normalize_id_number(" 11010519491231002x "), "11010519491231002X"); }

TEST(Mask, HidesTheMiddle) {
  EXPECT_EQ(mask_id_number("370102199003071234"), "3701**********1234");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
}

TEST(Phone, AcceptsMobilesAndLandlines) {
  EXPECT_EQ(phone_problem("13812345678"), std::nullopt);
  EXPECT_EQ(phone_problem("0635-3951234"), std::nullopt);
  EXPECT_TRUE(phone_problem("abc").has_value());
  EXPECT_TRUE(phone_problem("1234567890123456").has_value());
}

TEST(Dates, KnowsLeapYears) {
  EXPECT_TRUE(core::is_valid_date("2024-02-29"));
  EXPECT_FALSE(core::is_valid_date("2023-02-29"));
  EXPECT_FALSE(core::is_valid_date("2023-13-01"));
  EXPECT_FALSE(core::is_valid_date("2023/01/01"));
}

}  // namespace
}  // namespace jiceng::people
