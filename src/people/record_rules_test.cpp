// The checks an office runs over a member's record, as sentences.
#include "people/record_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/dates.hpp"

namespace jiceng::people {
namespace {

// 11010519491231002X is GB 11643's worked example: born 1949-12-31, female.
MemberFacts clean() {
  MemberFacts m;
  m.name = "王芳";
  m.gender = "female";
  m.ethnicity = "汉族";
  m.birth_date = "1949-12-31";
  m.id_number = "11010519491231002X";
  m.education = "bachelor";
  m.category = "retired";
  m.status = "full";
  m.joined_on = "1975-07-01";
  m.full_on = "1976-07-01";
  return m;
}

const std::int64_t kToday = core::parse_day("2026-12-06");

bool finds(const MemberFacts& m, const std::string& field, const std::string& code) {
  const auto all = record_problems(m, kToday);
  return std::any_of(all.begin(), all.end(), [&](const auto& p) { return p.field == field && p.code == code; });
}

TEST(MemberRecord, AWholeConsistentRecordHasNoFindings) { EXPECT_TRUE(record_problems(clean(), kToday).empty()); }

TEST(MemberRecord, EachMissingItemIsNamed) {
  auto m = clean();
  m.ethnicity.clear();
  m.education.clear();
  m.joined_on.reset();
  const auto all = record_problems(m, kToday);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].message, "民族未填写");
  EXPECT_EQ(all[1].message, "学历未填写");
  EXPECT_EQ(all[2].message, "入党日期未填写");
}

TEST(MemberRecord, TheBirthDateAndGenderMustBeWhatTheIdNumberSays) {
  auto m = clean();
  m.birth_date = "1949-12-30";
  m.gender = "male";
  EXPECT_TRUE(finds(m, "birth_date", "id_mismatch"));
  EXPECT_TRUE(finds(m, "gender", "id_mismatch"));
  EXPECT_NE(record_problems(m, kToday)[0].message.find("1949-12-31"), std::string::npos) << "says what the ID has";
}

TEST(MemberRecord, AnIdNumberWithAWrongCheckDigitIsFound) {
  auto m = clean();
  m.id_number = "110105194912310021";
  EXPECT_TRUE(finds(m, "id_number", "id_invalid"));
}

TEST(MemberRecord, JoiningBeforeEighteenIsFoundWithItsRule) {
  auto m = clean();
  m.joined_on = "1967-12-30";  // a day short of 18
  m.full_on = "1968-12-30";
  EXPECT_TRUE(finds(m, "joined_on", "under_age"));
  m.joined_on = "1967-12-31";
  m.full_on = "1968-12-31";
  EXPECT_FALSE(finds(m, "joined_on", "under_age")) << "on the 18th birthday it is allowed";
  m.joined_on = "1967-12-30";
  const auto all = record_problems(m, kToday);
  EXPECT_NE(all.front().message.find("发展党员工作细则"), std::string::npos);
}

TEST(MemberRecord, BecomingFullBeforeAYearOfProbationIsOutOfOrder) {
  auto m = clean();
  m.full_on = "1976-06-30";
  EXPECT_TRUE(finds(m, "full_on", "early"));
  m.full_on = "1976-07-01";
  EXPECT_FALSE(finds(m, "full_on", "early"));
}

TEST(MemberRecord, AFullMemberNeedsTheDayAndAProbationaryOneHasNone) {
  auto m = clean();
  m.full_on.reset();
  EXPECT_TRUE(finds(m, "full_on", "missing"));
  m = clean();
  m.status = "probationary";
  EXPECT_TRUE(finds(m, "full_on", "not_yet_full"));
}

TEST(MemberRecord, DatesAfterTodayAreFound) {
  auto m = clean();
  m.joined_on = "2027-01-01";
  m.full_on = "2028-01-01";
  EXPECT_TRUE(finds(m, "joined_on", "future"));
  EXPECT_TRUE(finds(m, "full_on", "future"));
}

TEST(MemberRecord, ADateThatIsNoDayIsFound) {
  auto m = clean();
  m.joined_on = "1975-02-30";
  EXPECT_TRUE(finds(m, "joined_on", "bad_date"));
}

}  // namespace
}  // namespace jiceng::people
