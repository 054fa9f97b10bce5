// GET /v1/live on a real groupbuy-store, seen from a raw socket: a client
// that completes the upgrade and then never answers the server's pings is
// dropped after --live-idle-timeout, and the live gauge falls back to 0;
// garbage after the upgrade closes the connection without hurting the server.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"

namespace gb::test {
namespace {

class LiveServerProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun init = Provision(
        "init-store --dir " + tmp_.File("store") + " --name Test --listen 127.0.0.1:0", tmp_.str());
    ASSERT_EQ(init.code, 0) << init.err;
    kiosk_ = EnrolKiosk(tmp_.File("store"), tmp_.File("k"));
    ASSERT_TRUE(server_.Start(tmp_.File("store"), false, {"--live-idle-timeout", "2"}))
        << server_.Output();
  }
  ~LiveServerProcessTest() override {
    if (fd_ >= 0) close(fd_);
  }

  // Connects and sends the upgrade by hand; returns the server's answer head.
  std::string Upgrade(const std::string& token) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_.port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{20, 0};  // a bound for a broken build, not a performance check
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "";
    const std::string req =
        "GET /v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
        token + "\r\n\r\n";
    if (send(fd_, req.data(), req.size(), 0) != static_cast<ssize_t>(req.size())) return "";
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && recv(fd_, &c, 1, 0) == 1) head += c;
    return head;
  }
  // Reads until the server closes; false if it did not within the bound.
  bool ServerCloses() {
    char buf[256];
    for (;;) {
      const ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }
  // Polls /metrics; the bound only keeps a broken build from hanging.
  bool LiveGaugeBecomes(int n) {
    const std::string line = "gb_live_connections " + std::to_string(n) + "\n";
    for (int i = 0; i < 200; ++i) {
      if (Metrics().find(line) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  std::string Metrics() {
    return Http(HttpTarget{server_.port(), false, ""}, "GET", "/metrics").body;
  }

  ScopedTempDir tmp_;
  Kiosk kiosk_;
  StoreProcess server_;
  int fd_ = -1;
};

TEST_F(LiveServerProcessTest, AClientThatNeverAnswersPingsIsDropped) {
  const std::string head = Upgrade(kiosk_.token);
  ASSERT_NE(head.find("101"), std::string::npos) << head;
  // The server subscribes the connection just after its 101 is written.
  EXPECT_TRUE(LiveGaugeBecomes(1)) << Metrics();
  // We read the revision frame and the pings but never answer: the server
  // must give up on us.
  EXPECT_TRUE(ServerCloses());
  EXPECT_TRUE(LiveGaugeBecomes(0)) << Metrics();
}

TEST_F(LiveServerProcessTest, AnUnknownTokenIs401BeforeTheUpgrade) {
  const std::string head = Upgrade("not-a-token");
  EXPECT_NE(head.find("401"), std::string::npos) << head;
  EXPECT_EQ(head.find("101"), std::string::npos) << head;
}

TEST_F(LiveServerProcessTest, GarbageAfterTheUpgradeClosesOnlyThatConnection) {
  ASSERT_NE(Upgrade(kiosk_.token).find("101"), std::string::npos);
  const std::string junk(4096, '\xff');  // not a valid (masked) frame
  send(fd_, junk.data(), junk.size(), MSG_NOSIGNAL);
  EXPECT_TRUE(ServerCloses());
  EXPECT_EQ(Http(HttpTarget{server_.port(), false, ""}, "GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace gb::test
