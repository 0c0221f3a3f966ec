// The outbox as a webhook's owner sees it: an appeal's event reaches each subscribed receiver once,
// signed with its secret; a receiver that fails gets the event again after a backoff, and one that
// keeps failing is given up on and listed for staff to send again. The receiver is a small HTTP
// listener on the loopback interface; the clock is the test's.
#include "notify/outbox.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "appeals/service.hpp"
#include "crypto/crypto.hpp"
#include "testing/test_county.hpp"

namespace jiceng::notify {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kRubbish = 3;  // a leaf category seeded by migration 003
constexpr char kSecret[] = "receiver-secret";
constexpr int kBatch = 10;
constexpr int kPollMillis = 50;
constexpr std::size_t kMaxRequest = 1 << 20;

// Answers every POST with the status it is set to and remembers what came: one request a
// connection, as the outbox's client sends them.
class Receiver final {
 public:
  struct Hit final {
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
  };

  Receiver() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 8) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error("receiver: cannot listen");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~Receiver() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  void answer(int status) { status_ = status; }
  std::vector<Hit> hits() {
    std::lock_guard lock(mu_);
    return hits_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, kPollMillis) <= 0) continue;
      const int conn = ::accept(fd_, nullptr, nullptr);
      if (conn < 0) continue;
      handle(conn);
      ::close(conn);
    }
  }
  void handle(int conn) {
    std::string in;
    char buf[4096];
    std::size_t head_end = std::string::npos, want = 0;
    while (in.size() < kMaxRequest) {
      const auto n = ::recv(conn, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<std::size_t>(n));
      if (head_end == std::string::npos && (head_end = in.find("\r\n\r\n")) != std::string::npos) {
        want = head_end + 4 + content_length(in.substr(0, head_end));
      }
      if (head_end != std::string::npos && in.size() >= want) break;
    }
    Hit hit;
    std::size_t at = in.find("\r\n") + 2;
    while (at < head_end) {
      const auto eol = in.find("\r\n", at);
      const auto line = in.substr(at, eol - at);
      const auto colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      hit.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      at = eol + 2;
    }
    hit.body = in.substr(head_end + 4);
    {
      std::lock_guard lock(mu_);
      hits_.push_back(std::move(hit));
    }
    const auto reply =
        "HTTP/1.1 " + std::to_string(status_.load()) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ::send(conn, reply.data(), reply.size(), MSG_NOSIGNAL);
  }
  static std::size_t content_length(std::string head) {
    for (auto& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto at = head.find("content-length:");
    return at == std::string::npos ? 0 : std::stoul(head.substr(at + 15));
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> status_{200};
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<Hit> hits_;
  std::thread thread_;
};

class NotifyOutbox : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    admin = org_dept();
  }

  void webhook(const std::string& url, const std::string& events) {
    insert("INSERT INTO webhook (name, url, events, secret, created_at) VALUES ('区县平台', ?, ?, ?, ?) RETURNING id",
           {url, events, std::string(kSecret), now()});
  }
  // A resident's appeal put on the grid's map: it is assigned to the grid at once.
  appeals::Created file_on_map() {
    appeals::Intake in;
    in.type = "complaint";
    in.category_id = kRubbish;
    in.description = "小区门口垃圾三天没人清运了";
    in.lon = kGridLon;
    in.lat = kGridLat;
    return appeals::file(app(), in, nullptr, "127.0.0.1");
  }
  bj::array outbox(const std::string& state) {
    const auto r = call("GET", "/api/v1/outbox?state=" + state, "", &admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return bj::parse(r.body).at("items").as_array();
  }

  core::Principal admin;
};

TEST_F(NotifyOutbox, AnAssignedAppealReachesEachSubscribedReceiverOnceSignedWithItsSecret) {
  Receiver all, closings;
  webhook(all.url(), "*");
  webhook(closings.url(), "resolved,closed");
  const auto created = file_on_map();

  const auto sent = deliver(app(), kBatch);
  EXPECT_EQ(sent.delivered, 1);
  ASSERT_EQ(all.hits().size(), 1u);
  const auto hit = all.hits()[0];
  EXPECT_EQ(hit.headers.at("x-jiceng-event"), "assigned");
  EXPECT_EQ(hit.headers.at("x-jiceng-signature"), "hmac-sm3=" + crypto::hmac_sm3_hex(kSecret, hit.body));
  const auto body = bj::parse(hit.body).as_object();
  EXPECT_EQ(body.at("event").as_string(), "assigned");
  EXPECT_EQ(body.at("appeal").at("code").as_string(), created.code);
  EXPECT_TRUE(closings.hits().empty());

  // Delivered is done: later passes send nothing again.
  pass_time(kDay);
  EXPECT_EQ(deliver(app(), kBatch).delivered, 0);
  EXPECT_EQ(all.hits().size(), 1u);
  EXPECT_EQ(outbox("delivered").size(), 1u);
}

TEST_F(NotifyOutbox, AReceiverThatFailsGetsTheEventAgainOnceItsBackoffHasPassed) {
  Receiver receiver;
  receiver.answer(500);
  webhook(receiver.url(), "*");
  file_on_map();

  EXPECT_EQ(deliver(app(), kBatch).retried, 1);
  ASSERT_EQ(outbox("pending").size(), 1u);
  EXPECT_EQ(outbox("pending")[0].at("last_error").as_string(), "HTTP 500");
  // Not before the first backoff is over.
  pass_time(backoff_seconds(1) - 1);
  const auto early = deliver(app(), kBatch);
  EXPECT_EQ(early.delivered + early.retried + early.failed, 0);
  EXPECT_EQ(receiver.hits().size(), 1u);

  receiver.answer(204);
  pass_time(1);
  EXPECT_EQ(deliver(app(), kBatch).delivered, 1);
  ASSERT_EQ(receiver.hits().size(), 2u);
  EXPECT_EQ(receiver.hits()[1].body, receiver.hits()[0].body);  // the same event, not a new one
  EXPECT_EQ(deliver(app(), kBatch).delivered, 0);
}

TEST_F(NotifyOutbox, AReceiverThatKeepsFailingIsGivenUpOnAndStaffMaySendItAgain) {
  Receiver receiver;
  receiver.answer(503);
  webhook(receiver.url(), "assigned");
  file_on_map();

  int tries = 0;
  for (;; ++tries) {
    const auto pass = deliver(app(), kBatch);
    if (pass.failed == 1) break;
    ASSERT_EQ(pass.retried, 1) << "try " << tries + 1;
    pass_time(backoff_seconds(tries + 1));
  }
  EXPECT_EQ(tries + 1, 6);  // the first try and five retries
  const auto failed = outbox("failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].at("attempts").as_int64(), 6);
  pass_time(kDay);
  EXPECT_EQ(deliver(app(), kBatch).retried + deliver(app(), kBatch).failed, 0);

  receiver.answer(200);
  const auto again =
      call("POST", "/api/v1/outbox/" + std::to_string(failed[0].at("id").as_int64()) + "/retry", "", &admin);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(deliver(app(), kBatch).delivered, 1);
  EXPECT_EQ(receiver.hits().size(), 7u);
  EXPECT_TRUE(outbox("failed").empty());
}

TEST_F(NotifyOutbox, AReceiverNobodyAnswersAtIsRetriedLikeOneThatFails) {
  std::string url;
  {
    Receiver gone;
    url = gone.url();
  }  // closed: the port refuses connections now
  webhook(url, "*");
  file_on_map();
  EXPECT_EQ(deliver(app(), kBatch).retried, 1);
  const auto pending = outbox("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_FALSE(pending[0].at("last_error").as_string().empty());
  EXPECT_EQ(pending[0].at("attempts").as_int64(), 1);
}

}  // namespace
}  // namespace jiceng::notify
