#include "core/json.hpp"

#include <gtest/gtest.h>

namespace jiceng::json {
namespace {

TEST(JsonSerialize, WritesDoublesWithoutExponent) {
  const bj::object o{{"avg", 4.5}, {"whole", 5.0}, {"share", 0.125}, {"neg", -2.5}, {"n", 7}};
  EXPECT_EQ(json::serialize(o), R"({"avg":4.5,"whole":5,"share":0.125,"neg":-2.5,"n":7})");
}

TEST(JsonSerialize, LeavesStringsThatLookLikeNumbersAlone) {
  const bj::object o{{"code", "1E5"}, {"q", "say \"2E0\" then 3E1"}, {"x", 1.5}};
  EXPECT_EQ(json::serialize(o), R"({"code":"1E5","q":"say \"2E0\" then 3E1","x":1.5})");
}

TEST(JsonSerialize, KeepsHugeAndTinyDoublesValid) {
  const auto text = json::serialize(bj::array{1e300, 1e-300, 0.0});
  const auto back = bj::parse(text).as_array();
  EXPECT_DOUBLE_EQ(back[0].to_number<double>(), 1e300);
  EXPECT_DOUBLE_EQ(back[1].to_number<double>(), 1e-300);
  EXPECT_EQ(text.find('E'), std::string::npos);
}

TEST(JsonSerialize, RespondUsesThePlainForm) {
  EXPECT_EQ(respond(bj::object{{"rating", 3.0}}).body, R"({"rating":3})");
}

}  // namespace
}  // namespace jiceng::json
