#include "auth/password_policy.hpp"

#include <gtest/gtest.h>

namespace jiceng::auth {
namespace {

TEST(PasswordPolicy, NeedsEightCharactersOfThreeClasses) {
  EXPECT_TRUE(password_problem("Ab1!", "x").has_value());         // short
  EXPECT_TRUE(password_problem("abcdefgh1", "x").has_value());    // two classes
  EXPECT_TRUE(password_problem("jiceng-demo", "x").has_value());  // the demo password: two classes
  EXPECT_FALSE(password_problem("abcdefG1", "x").has_value());
  EXPECT_FALSE(password_problem("abcd-ef1", "x").has_value());
  EXPECT_FALSE(password_problem("ABCD-EF1", "x").has_value());
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  // Four Chinese characters are 12 bytes but only four characters.
  EXPECT_TRUE(password_problem("党建引领a1", "x").has_value());
  EXPECT_FALSE(password_problem("党建引领基层a1", "x").has_value());  // other, lower, digit
}

TEST(PasswordPolicy, RefusesTheUsernameAndControlCharacters) {
  EXPECT_EQ(password_problem("Grid-Wang-2026", "wang").value_or(""), "密码不能包含用户名");
  EXPECT_TRUE(password_problem(std::string("Abcdef1\n"), "x").has_value());
  std::string long_one(131, 'a');
  long_one.back() = '1';
  long_one.front() = 'A';
  EXPECT_TRUE(password_problem(long_one, "x").has_value());
}

TEST(PasswordPolicy, ExpiresAfterTheConfiguredDays) {
  constexpr std::int64_t kDay = 86400;
  EXPECT_FALSE(password_expired(0, 89 * kDay, 90));
  EXPECT_TRUE(password_expired(0, 90 * kDay, 90));
  EXPECT_FALSE(password_expired(0, 1000 * kDay, 0));  // 0: never
}

TEST(PasswordPolicy, LocksOnTheFifthFailureForFifteenMinutes) {
  EXPECT_EQ(locked_until_after_failure(4, 1000), 0);
  EXPECT_EQ(locked_until_after_failure(5, 1000), 1000 + 15 * 60);
  EXPECT_EQ(locked_until_after_failure(9, 1000), 1000 + 15 * 60);
}

}  // namespace
}  // namespace jiceng::auth
