#include "open311/format.hpp"

#include <gtest/gtest.h>

namespace jiceng::open311 {
namespace {

TEST(Open311Format, RendersTheSameRecordsAsJsonAndXml) {
  const std::vector<Record> items = {{{"service_code", std::string("12")},
                                      {"service_name", std::string("井盖<缺失>&")},
                                      {"metadata", false},
                                      {"lat", 39.23},
                                      {"keywords", std::monostate{}}}};
  EXPECT_EQ(render(Format::json, "services", "service", items),
            R"([{"service_code":"12","service_name":"井盖<缺失>&","metadata":false,"lat":3.923E1,"keywords":null}])");
  EXPECT_EQ(render(Format::xml, "services", "service", items),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>12</service_code>"
            "<service_name>井盖&lt;缺失&gt;&amp;</service_name><metadata>false</metadata><lat>39.23</lat>"
            "<keywords/></service></services>");
  EXPECT_EQ(render_error(Format::xml, 403, "bad key"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error><code>403</code><description>bad key"
            "</description></error></errors>");
}

TEST(Open311Format, XmlNumbersCarryAsManyDigitsAsJson) {
  const std::vector<Record> items = {{{"lat", 39.2345678912}, {"long", -99.5}, {"n", 1e-7}}};
  EXPECT_EQ(render(Format::xml, "r", "i", items),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r><i><lat>39.2345678912</lat><long>-99.5</long>"
            "<n>1e-07</n></i></r>");
}

TEST(Open311Format, ReadsW3CDateTimes) {
  EXPECT_EQ(parse_w3c("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_w3c("1970-01-01T08:00:00+08:00"), 0);
  EXPECT_EQ(parse_w3c("1969-12-31T16:00:00-08:00"), 0);
  EXPECT_EQ(parse_w3c("1970-01-01T08:00"), 0);  // no zone: Beijing
  EXPECT_EQ(parse_w3c("1970-01-02"), 16 * 3600);
  EXPECT_EQ(parse_w3c("2026-11-22T10:00:00.123Z"), parse_w3c("2026-11-22T10:00:00Z"));
  EXPECT_FALSE(parse_w3c("2026-13-22T10:00:00Z"));
  EXPECT_FALSE(parse_w3c("2026-11-22T25:00:00Z"));
  EXPECT_FALSE(parse_w3c("yesterday"));
  EXPECT_EQ(w3c_datetime(0), "1970-01-01T08:00:00+08:00");
  EXPECT_EQ(parse_w3c(w3c_datetime(1795000000)), 1795000000);
}

TEST(Open311Format, SplitsTheFormatExtension) {
  EXPECT_EQ(split_format("requests.json")->first, "requests");
  EXPECT_EQ(split_format("A7K2.xml")->second, Format::xml);
  EXPECT_FALSE(split_format("requests.csv"));
  EXPECT_FALSE(split_format("requests"));
}

}  // namespace
}  // namespace jiceng::open311
