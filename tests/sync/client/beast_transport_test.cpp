// BeastTransport against a real socket on 127.0.0.1: a small Beast server in
// a thread that answers each request with whatever the test says.
#include "sync/client/beast_transport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <thread>

namespace gb::sync_client {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Seen {
  std::string method, target, body, auth, content_type;
};

// One connection at a time, requests answered in order. `close_after` makes
// it hang up after that many replies on a connection; `silent` makes it read
// the request and never answer.
class TestServer {
 public:
  TestServer() : acceptor_(ioc_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~TestServer() {
    stop_ = true;
    beast::error_code ec;
    // Wake the blocking accept with a connection of our own.
    tcp::socket s(ioc_);
    s.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }

  std::atomic<int> connections{0};
  std::atomic<int> close_after{1000};
  std::atomic<bool> silent{false};
  std::vector<Seen> seen;  // read after the client call returned

 private:
  void Serve() {
    while (!stop_) {
      tcp::socket sock(ioc_);
      beast::error_code ec;
      acceptor_.accept(sock, ec);
      if (ec || stop_) return;
      ++connections;
      beast::flat_buffer buf;
      for (int n = 0; n < close_after; ++n) {
        http::request<http::string_body> req;
        http::read(sock, buf, req, ec);
        if (ec) break;
        seen.push_back({std::string(req.method_string()), std::string(req.target()), req.body(),
                        std::string(req[http::field::authorization]),
                        std::string(req[http::field::content_type])});
        if (silent) {
          std::this_thread::sleep_for(std::chrono::milliseconds(500));
          break;
        }
        http::response<http::string_body> res{http::status::ok, 11};
        res.set(http::field::date, "Sun, 06 Nov 1994 08:49:37 GMT");
        res.body() = R"({"acked_seq":)" + std::to_string(seen.size()) + "}";
        res.keep_alive(n + 1 < close_after);
        res.prepare_payload();
        http::write(sock, res, ec);
        if (ec) break;
      }
      sock.shutdown(tcp::socket::shutdown_both, ec);
    }
  }

  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

ServerEndpoint Plain(uint16_t port, int timeout_ms = 5000) {
  ServerEndpoint ep;
  ep.port = port;
  ep.tls = false;
  ep.token = "tok-123";
  ep.timeout_ms = timeout_ms;
  return ep;
}

TEST(BeastTransportTest, PostsWithTheBearerTokenAndReadsTheReplyAndDate) {
  TestServer server;
  auto t = BeastTransport::Create(Plain(server.port()));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto r = (*t)->Send({"POST", "/v1/events", R"({"origin":"k"})"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"acked_seq":1})");
  EXPECT_EQ(r->date, "Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_EQ(server.seen.size(), 1u);
  EXPECT_EQ(server.seen[0].method, "POST");
  EXPECT_EQ(server.seen[0].target, "/v1/events");
  EXPECT_EQ(server.seen[0].body, R"({"origin":"k"})");
  EXPECT_EQ(server.seen[0].auth, "Bearer tok-123");
  EXPECT_EQ(server.seen[0].content_type, "application/json");
}

TEST(BeastTransportTest, KeepsTheConnectionAlive) {
  TestServer server;
  auto t = BeastTransport::Create(Plain(server.port()));
  ASSERT_TRUE(t.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*t)->Send({"GET", "/healthz", ""}).ok());
  EXPECT_EQ(server.connections, 1);
}

TEST(BeastTransportTest, ResendsOnceWhenAKeptConnectionWasClosed) {
  TestServer server;
  server.close_after = 1;  // every connection serves one request, then hangs up
  auto t = BeastTransport::Create(Plain(server.port()));
  ASSERT_TRUE(t.ok());
  for (int i = 0; i < 3; ++i) {
    auto r = (*t)->Send({"GET", "/healthz", ""});
    ASSERT_TRUE(r.ok()) << i << ": " << r.status().ToString();
  }
  EXPECT_EQ(server.connections, 3);
}

TEST(BeastTransportTest, NoListenerIsUnreachable) {
  uint16_t port = 0;
  {
    TestServer gone;
    port = gone.port();
  }
  auto t = BeastTransport::Create(Plain(port));
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send({"GET", "/healthz", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "unreachable") << r.status().ToString();
}

TEST(BeastTransportTest, AServerThatNeverAnswersTimesOut) {
  TestServer server;
  server.silent = true;
  auto t = BeastTransport::Create(Plain(server.port(), 200));
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send({"POST", "/v1/events", "{}"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "timeout") << r.status().ToString();
}

TEST(BeastTransportTest, BadEndpointsAreRefused) {
  ServerEndpoint ep = Plain(0);
  EXPECT_EQ(BeastTransport::Create(ep).status().reason(), "bad_endpoint");
  ep.port = 443;
  ep.tls = true;
  ep.cert_sha256 = "abc";
  EXPECT_EQ(BeastTransport::Create(ep).status().reason(), "bad_endpoint");
  ep.cert_sha256 = std::string(64, 'a');
  EXPECT_TRUE(BeastTransport::Create(ep).ok());
  std::string colons;
  for (int i = 0; i < 32; ++i) colons += (i ? ":" : "") + std::string("AB");
  ep.cert_sha256 = colons;
  EXPECT_TRUE(BeastTransport::Create(ep).ok());
}

TEST(BeastTransportTest, ATlsClientMeetingAPlainServerFailsWithoutSendingTheToken) {
  TestServer server;
  ServerEndpoint ep = Plain(server.port(), 1000);
  ep.tls = true;
  ep.cert_sha256 = std::string(64, '0');
  auto t = BeastTransport::Create(ep);
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send({"GET", "/v1/state", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().reason() == "tls_failed" || r.status().reason() == "connection_lost" ||
              r.status().reason() == "timeout")
      << r.status().ToString();
  for (const Seen& s : server.seen) EXPECT_EQ(s.auth.find("tok-123"), std::string::npos);
}

}  // namespace
}  // namespace gb::sync_client
