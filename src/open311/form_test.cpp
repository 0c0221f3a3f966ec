#include "open311/form.hpp"

#include <gtest/gtest.h>

#include "open311/format.hpp"

namespace jiceng::open311 {
namespace {

TEST(Open311Form, FindsTheBoundaryOfMultipartFormDataOnly) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----abc"), "----abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;charset=utf-8; BOUNDARY=\"a b;c\""), "a b;c");
  EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=x"));
}

TEST(Open311Form, SplitsFieldsFromFiles) {
  const std::string body =
      "preamble\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"service_code\"\r\n\r\n"
      "42\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
      "路灯\r\n不亮\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"media\"; filename=\"a \\\"b\\\".jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n"
      "\xFF\xD8\xFF\r\n--Xy\r\n--XyZ--\r\nepilogue";
  const auto form = parse_multipart(body, "XyZ");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->fields.find("service_code")->second, "42");
  EXPECT_EQ(form->fields.find("description")->second, "路灯\r\n不亮");
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].name, "media");
  EXPECT_EQ(form->files[0].filename, "a \"b\".jpg");
  EXPECT_EQ(form->files[0].bytes, "\xFF\xD8\xFF\r\n--Xy");  // a partial delimiter is content
}

TEST(Open311Form, RefusesBrokenBodies) {
  EXPECT_FALSE(parse_multipart("no delimiter at all", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b"));  // no name
  EXPECT_FALSE(parse_multipart("--bjunk\r\n", "b"));
  std::string many;
  for (std::size_t i = 0; i <= kMaxParts; ++i) many += "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n";
  EXPECT_FALSE(parse_multipart(many + "--b--", "b"));
  EXPECT_TRUE(parse_multipart("--b--", "b"));
}

TEST(Open311States, NeverCallARejectedOrMergedRequestFixed) {
  EXPECT_EQ(extended_state("submitted"), "OPEN");
  EXPECT_EQ(extended_state("reopened"), "OPEN");
  EXPECT_EQ(extended_state("accepted"), "INVESTIGATING");
  EXPECT_EQ(extended_state("in_progress"), "IN_PROGRESS");
  EXPECT_EQ(extended_state("resolved"), "FIXED");
  EXPECT_EQ(extended_state("called_back"), "FIXED");
  EXPECT_EQ(extended_state("closed"), "FIXED");
  EXPECT_EQ(extended_state("rejected"), "NOT_COUNCILS_RESPONSIBILITY");
  EXPECT_EQ(extended_state("merged"), "DUPLICATE");
}

}  // namespace
}  // namespace jiceng::open311
