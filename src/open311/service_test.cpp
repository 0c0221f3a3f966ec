// Open311 as a civic-reporting client uses it: a GeoReport post with the client's key files an
// appeal through the appeals service on the grid it points at, its token and id lead back to it,
// and a resident's update relayed later lands on the appeal's timeline. Open311 is a set of routes,
// so the test calls them through the app's router, in-process.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <cstdio>
#include <string>

#include "appeals/service.hpp"
#include "demo/seed.hpp"
#include "open311/module.hpp"
#include "testing/test_county.hpp"

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

constexpr char kKey[] = "demo-open311-key";  // the key open311's own seed gives the demo client
constexpr char kForm[] = "application/x-www-form-urlencoded";
constexpr char kRubbishCode[] = "3";  // a leaf category seeded by migration 003

std::string encoded(const std::string& s) {
  std::string out;
  for (const unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_') {
      out += static_cast<char>(ch);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", ch);
      out += hex;
    }
  }
  return out;
}

class Open311Requests : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    street_officer = staff(core::Role::street_officer, kStreet, "城关街道干部");
    db().write([&](store::Conn& c) {
      demo::Seed s(c, cipher(), 1, 0, demo::CogovScale{}, now(), "");
      kModule.seed(s);
    });
  }

  // A form post, its fields given as name=value pairs.
  http::Response post(const std::string& path, std::initializer_list<std::pair<std::string, std::string>> fields) {
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + encoded(v);
    return call("POST", path, body, nullptr, kForm);
  }
  http::Response report(const std::string& key = kKey) {
    return post("/open311/v2/requests.json", {{"api_key", key},
                                              {"service_code", kRubbishCode},
                                              {"lat", "39.005"},
                                              {"long", "116.005"},
                                              {"description", "小区门口垃圾三天没人清运了"},
                                              {"first_name", "明"},
                                              {"last_name", "王"},
                                              {"phone", "13900139000"}});
  }
  static bj::object first(const http::Response& r) { return bj::parse(r.body).as_array().at(0).as_object(); }
  // The appeal with this code as the street's staff see it.
  bj::object appeal(const std::string& code) {
    appeals::QueueQuery q;
    q.queue = "all";
    q.limit = 50;
    const auto page = appeals::queue_page(app(), street_officer, q);
    for (const auto& item : page.at("items").as_array()) {
      if (item.at("code").as_string() == code) {
        return appeals::detail_of(app(), item.at("id").as_int64(), street_officer);
      }
    }
    ADD_FAILURE() << "no appeal " << code;
    return {};
  }
  std::size_t appeals_filed() {
    appeals::QueueQuery q;
    q.queue = "all";
    q.limit = 50;
    return appeals::queue_page(app(), street_officer, q).at("items").as_array().size();
  }

  core::Principal street_officer;
};

TEST_F(Open311Requests, AGeoReportPostFilesAnAppealOnTheGridItPointsAt) {
  const auto r = report();
  ASSERT_EQ(r.status, 200) << r.body;
  const auto code = std::string(first(r).at("service_request_id").as_string());
  EXPECT_NE(std::string(first(r).at("service_notice").as_string()).find(code), std::string::npos);

  const auto a = appeal(code);
  EXPECT_EQ(a.at("grid_id").as_int64(), kGrid);
  EXPECT_EQ(a.at("status").as_string(), "submitted");
  EXPECT_EQ(a.at("description").as_string(), "小区门口垃圾三天没人清运了");
  EXPECT_EQ(a.at("channel").as_string(), "open311");
  // The resident follows it by the same code.
  const auto pub = appeals::public_view(app(), code);
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->at("grid_name").as_string(), "幸福一网格");
}

TEST_F(Open311Requests, ATokenAndTheRequestIdLeadBackToTheAppealFiled) {
  const auto code = std::string(first(report()).at("service_request_id").as_string());
  const auto token = call("GET", "/open311/v2/tokens/" + code + ".json");
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(first(token).at("service_request_id").as_string(), code);
  EXPECT_EQ(first(token).at("token").as_string(), code);

  const auto request = call("GET", "/open311/v2/requests/" + code + ".json");
  ASSERT_EQ(request.status, 200) << request.body;
  const auto fields = first(request);
  EXPECT_EQ(fields.at("status").as_string(), "open");
  EXPECT_EQ(fields.at("service_code").as_string(), kRubbishCode);
  EXPECT_EQ(fields.at("description").as_string(), "小区门口垃圾三天没人清运了");

  // A well-formed code nobody was given is unknown.
  const std::string other(code.size(), code[0] == 'A' ? 'B' : 'A');
  EXPECT_EQ(call("GET", "/open311/v2/tokens/" + other + ".json").status, 404);
}

TEST_F(Open311Requests, APostWithoutTheClientsKeyFilesNothing) {
  EXPECT_EQ(report("").status, 403);
  EXPECT_EQ(report("not-the-key").status, 403);
  EXPECT_EQ(appeals_filed(), 0u);
  EXPECT_EQ(report().status, 200);
  EXPECT_EQ(appeals_filed(), 1u);
}

TEST_F(Open311Requests, AResidentsRelayedUpdateLandsOnTheAppealsTimelineWithWhatTheySaidOfIt) {
  const auto code = std::string(first(report()).at("service_request_id").as_string());
  pass_time(kHour);
  const auto r =
      post("/open311/v2/servicerequestupdates.json",
           {{"api_key", kKey}, {"service_request_id", code}, {"description", "已经有人来清理了"}, {"status", "FIXED"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const bj::object* line = nullptr;
  const auto a = appeal(code);
  for (const auto& e : a.at("timeline").as_array()) {
    if (e.at("action").as_string() == "resident_update") line = &e.as_object();
  }
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->at("note").as_string(), "已经有人来清理了（反映人表示问题已解决）");
  // What the resident said does not change the appeal's state: that is the staff's to do.
  EXPECT_EQ(a.at("status").as_string(), "submitted");
}

}  // namespace
}  // namespace jiceng::open311
