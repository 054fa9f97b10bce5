// /v1/live is bounded per token and follows revocation: a real groupbuy-store
// on 127.0.0.1, WebSocket upgrades written by hand.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "tests/sync/server/hardened_store.h"

namespace gb::test {
namespace {

using Clock = std::chrono::steady_clock;

class LiveLimitsProcessTest : public HardenedStoreTest {
 protected:
  // Our sockets go first: the server's stop would otherwise wait for each
  // one's WebSocket close handshake, which this test never answers.
  void TearDown() override {
    for (int fd : fds_) close(fd);
    fds_.clear();
    HardenedStoreTest::TearDown();
  }

  // Reads server frames (unmasked, short) until a close frame (opcode 8) or
  // the end of the stream; false when neither came within the socket's bound.
  static bool ReadUntilClosed(int fd) {
    std::string got;
    char buf[256];
    for (;;) {
      size_t at = 0;
      while (at + 2 <= got.size()) {
        const auto op = static_cast<uint8_t>(got[at]) & 0x0f;
        const size_t len = static_cast<uint8_t>(got[at + 1]) & 0x7f;  // < 126 from this server
        if (op == 0x8) return true;
        at += 2 + len;
      }
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n == 0 || (n < 0 && errno == ECONNRESET)) return true;
      if (n < 0) return false;
      got.append(buf, static_cast<size_t>(n));
    }
  }

  // Opens a connection and sends the upgrade; returns the answer's head and
  // leaves the connection open in *fd.
  std::string Upgrade(const std::string& token, int* fd) {
    *fd = socket(AF_INET, SOCK_STREAM, 0);
    fds_.push_back(*fd);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_.port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{10, 0};  // a bound for a broken build, not a performance check
    setsockopt(*fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(*fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "";
    const std::string req =
        "GET /v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
        token + "\r\n\r\n";
    if (send(*fd, req.data(), req.size(), 0) != static_cast<ssize_t>(req.size())) return "";
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && recv(*fd, &c, 1, 0) == 1) head += c;
    return head;
  }

  std::vector<int> fds_;
};

TEST_F(LiveLimitsProcessTest, ATokenHoldsAtMostItsLiveConnections) {
  StartServer(/*tls=*/false, {"--max-live-per-token", "4"});
  int fd = -1;
  for (int i = 0; i < 4; ++i) {
    EXPECT_NE(Upgrade(kiosk_.token, &fd).find("101"), std::string::npos) << i;
  }
  const std::string fifth = Upgrade(kiosk_.token, &fd);
  EXPECT_NE(fifth.find("429"), std::string::npos) << fifth;
  EXPECT_NE(Http(To(), "GET", "/metrics").body.find("gb_limit_refusals_total{limit=\"live_per_token\"}"),
            std::string::npos);
  // Another token is not affected by this one's count.
  EXPECT_NE(Upgrade(admin_, &fd).find("101"), std::string::npos);
}

TEST_F(LiveLimitsProcessTest, ARevokedKiosksLiveConnectionIsClosedWithinASecond) {
  StartServer(/*tls=*/false);
  int fd = -1;
  ASSERT_NE(Upgrade(kiosk_.token, &fd).find("101"), std::string::npos);
  char frame[2];
  ASSERT_EQ(recv(fd, frame, sizeof frame, 0), 2);  // the first revision: its head
  std::string text(static_cast<size_t>(frame[1] & 0x7f), ' ');
  ASSERT_EQ(recv(fd, text.data(), text.size(), MSG_WAITALL), static_cast<ssize_t>(text.size()));
  CliRun revoke = Provision("revoke --dir " + Sdir() + " --kiosk " + kiosk_.kiosk_id, tmp_.str());
  ASSERT_EQ(revoke.code, 0) << revoke.err;
  const auto revoked = Clock::now();
  const bool closed = ReadUntilClosed(fd);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - revoked).count();
  std::printf("revoked kiosk's live connection closed %.0f ms after the revocation\n", ms);
  EXPECT_TRUE(closed);
  EXPECT_LT(ms, 1000);
  // And it cannot come back.
  EXPECT_NE(Upgrade(kiosk_.token, &fd).find("401"), std::string::npos);
}

}  // namespace
}  // namespace gb::test
