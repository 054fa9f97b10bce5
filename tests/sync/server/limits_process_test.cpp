// Strangers cannot stall groupbuy-store, and everything it holds is bounded
// (issue: no request can crash or stall the store). Real processes on
// 127.0.0.1; latencies are measured and printed, and asserted only loosely
// (a loaded 2-core machine); the tight figures are make bench's.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <thread>

#include "tests/sync/server/hardened_store.h"

namespace gb::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;


// Sends `req` on fd and returns what comes back until the server closes or
// the head and a short body are in.
std::string Exchange(int fd, const std::string& req) {
  if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) return "";
  std::string got;
  char buf[1024];
  ssize_t n = 0;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    got.append(buf, static_cast<size_t>(n));
    const size_t head = got.find("\r\n\r\n");
    if (head != std::string::npos && got.find("\n", head + 4) != std::string::npos) break;
  }
  return got;
}

// utime + stime of the process, in seconds (/proc/PID/stat).
double CpuSeconds(pid_t pid) {
  auto read = base::ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const std::string stat = read.ok() ? *read : "";
  size_t at = stat.rfind(')');
  if (at == std::string::npos) return -1;
  std::vector<std::string> fields;
  std::string field;
  for (char c : stat.substr(at + 2)) {
    if (c == ' ') {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  // Fields 14 and 15 of the whole line are 12 and 13 after the name.
  return (std::stod(fields.at(11)) + std::stod(fields.at(12))) /
         static_cast<double>(sysconf(_SC_CLK_TCK));
}

int64_t RssKiB(pid_t pid) {
  auto read = base::ReadFile("/proc/" + std::to_string(pid) + "/status");
  const std::string status = read.ok() ? *read : "";
  size_t at = status.find("VmRSS:");
  return at == std::string::npos ? -1 : std::stoll(status.substr(at + 6));
}

class LimitsProcessTest : public HardenedStoreTest {};

TEST_F(LimitsProcessTest, AnAddressThatKeepsFailingIsTold429WhileGoodTokensGetIn) {
  StartServer(/*tls=*/false, {"--auth-failures", "5"});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Http(To(), "GET", "/v1/state", "guess").status, 401);
  HttpResult refused = Http(To(), "GET", "/v1/state", "guess");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("too_many_failures"), std::string::npos) << refused.body;
  EXPECT_EQ(Http(To(), "POST", "/v1/enroll", "", "{}").status, 429);
  // The kiosk at the same address is not locked out by the stranger.
  EXPECT_EQ(Http(To(), "GET", "/v1/state", kiosk_.token).status, 200);
  EXPECT_NE(Http(To(), "GET", "/metrics").body.find("gb_limit_refusals_total{limit=\"auth_failures\"}"),
            std::string::npos);
}

TEST_F(LimitsProcessTest, OverTheConnectionCapANewConnectionIsAnswered503) {
  StartServer(/*tls=*/false, {"--max-connections", "8"});
  std::vector<int> held;
  for (int i = 0; i < 8; ++i) held.push_back(ConnectTcp(server_.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the server accept them
  int extra = ConnectTcp(server_.port());
  const std::string busy = Exchange(extra, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(busy.find("503"), std::string::npos) << busy;
  EXPECT_NE(busy.find("\"busy\""), std::string::npos) << busy;
  close(extra);
  for (int fd : held) close(fd);
  // The places come back as those connections close.
  int ok = 0;
  for (int i = 0; i < 50 && ok != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ok = Http(To(), "GET", "/healthz").status;
  }
  EXPECT_EQ(ok, 200);
}

TEST_F(LimitsProcessTest, LoopsOfStrangersDoNotStallATillsRedemptions) {
  StartServer(/*tls=*/true, {"--auth-failures", "0"});  // the bad tokens go all the way
  std::vector<std::string> vouchers = SignUps(400);
  std::atomic<bool> stop{false};
  std::atomic<int64_t> stranger_requests{0};
  std::vector<std::thread> loops;
  const char* targets[] = {"/readyz", "/metrics", "/v1/state", "/v1/tallies"};
  for (int t = 0; t < 4; ++t) {
    loops.emplace_back([&, t] {
      while (!stop) {
        Http(To(), "GET", targets[t], t >= 2 ? "bad-token" : "");
        ++stranger_requests;
      }
    });
  }
  std::vector<double> ms;
  const auto until = Clock::now() + std::chrono::seconds(5);
  for (size_t i = 0; i < vouchers.size() && Clock::now() < until; ++i) {
    auto [status, took] = Redeem(vouchers[i]);
    EXPECT_EQ(status, 200);
    ms.push_back(took);
  }
  stop = true;
  for (auto& l : loops) l.join();
  const double p50 = Percentile(ms, 0.5), p99 = Percentile(ms, 0.99);
  std::printf("redeem under 4 stranger loops (%lld requests): %zu redemptions, p50 %.1f ms, "
              "p99 %.1f ms, max %.1f ms\n",
              static_cast<long long>(stranger_requests.load()), ms.size(), p50, p99,
              Percentile(ms, 1.0));
  EXPECT_GE(ms.size(), 20u);
  // Loose (a loaded 2-core machine); the median says whether strangers held
  // the till up. make bench has the tight figure.
  EXPECT_LT(p50, 250) << "a redemption waited on strangers";
  EXPECT_LT(p99, 3000) << "a redemption waited on strangers";
}

TEST_F(LimitsProcessTest, SlowLorisAndIdleConnectionsDoNotStarveHealthOrTheTill) {
  StartServer(/*tls=*/true);
  std::vector<std::string> vouchers = SignUps(40);
  std::vector<int> idle;
  for (int i = 0; i < 2000; ++i) {
    int fd = ConnectTcp(server_.port());
    ASSERT_GE(fd, 0) << "connection " << i;
    idle.push_back(fd);
  }
  // Slow-loris: a TLS handshake, then headers that never end, a byte at a time.
  std::atomic<bool> stop{false};
  std::thread loris([&] {
    boost::asio::io_context ioc;
    boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_client);
    std::vector<std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>>> slow;
    for (int i = 0; i < 200 && !stop; ++i) {
      auto s = std::make_unique<boost::beast::ssl_stream<boost::beast::tcp_stream>>(ioc, ctx);
      boost::beast::error_code ec;
      boost::beast::get_lowest_layer(*s).socket().connect(
          {boost::asio::ip::make_address("127.0.0.1"), server_.port()}, ec);
      if (!ec) s->handshake(boost::asio::ssl::stream_base::client, ec);
      if (!ec) boost::asio::write(*s, boost::asio::buffer(std::string("GET / HTTP/1.1\r\nX: ")), ec);
      if (!ec) slow.push_back(std::move(s));
    }
    while (!stop) {
      for (auto& s : slow) {
        boost::beast::error_code ec;
        boost::asio::write(*s, boost::asio::buffer("a", 1), ec);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the handshakes are in
  std::vector<double> health, redeem;
  for (size_t i = 0; i < vouchers.size(); ++i) {
    const auto t0 = Clock::now();
    EXPECT_EQ(Http(To(), "GET", "/healthz").status, 200);
    health.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    auto [status, took] = Redeem(vouchers[i]);
    EXPECT_EQ(status, 200);
    redeem.push_back(took);
  }
  stop = true;
  loris.join();
  for (int fd : idle) close(fd);
  std::printf("with 200 slow-loris TLS and 2000 idle TCP connections: /healthz p50 %.1f ms, "
              "p99 %.1f ms; redeem p50 %.1f ms, p99 %.1f ms (%zu each)\n",
              Percentile(health, 0.5), Percentile(health, 0.99), Percentile(redeem, 0.5),
              Percentile(redeem, 0.99), health.size());
  // Loose, for a 2-core machine running the rest of the suite beside it (one
  // slow sample of 40 is the p99): the median says whether the server itself
  // was held up. make bench has the tight figures.
  EXPECT_LT(Percentile(health, 0.5), 250);
  EXPECT_LT(Percentile(redeem, 0.5), 250);
  EXPECT_LT(Percentile(health, 0.99), 3000);
  EXPECT_LT(Percentile(redeem, 0.99), 3000);
}

TEST_F(LimitsProcessTest, OutOfDescriptorsItServesWhatItHoldsWithoutSpinningAndRecovers) {
  server_.set_open_files_limit(64);
  StartServer(/*tls=*/false);
  int first = ConnectTcp(server_.port());
  ASSERT_GE(first, 0);
  EXPECT_NE(Exchange(first, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").find("200 OK"),
            std::string::npos);
  std::vector<int> flood;
  for (int i = 0; i < 100; ++i) flood.push_back(ConnectTcp(server_.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Saturated: the process must wait, not spin on accept.
  const double cpu0 = CpuSeconds(server_.pid());
  const auto wall0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double cpu = CpuSeconds(server_.pid()) - cpu0;
  const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
  std::printf("out of descriptors: %.3f s CPU in %.2f s (%.1f%%)\n", cpu, wall, 100 * cpu / wall);
  EXPECT_LT(cpu / wall, 0.20);
  // The connection it holds is still served.
  EXPECT_NE(Exchange(first, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").find("200 OK"),
            std::string::npos);
  close(first);
  for (int fd : flood) close(fd);
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = Http(To(), "GET", "/healthz").status;
  }
  EXPECT_EQ(status, 200) << server_.Output();
  const std::string log = server_.Output();
  const size_t said = log.find("cannot accept connections");
  EXPECT_NE(said, std::string::npos) << log;
  EXPECT_EQ(log.find("cannot accept connections", said + 1), std::string::npos) << "said once";
}

// The store's count of batches refused because the writer queue was full.
int64_t QueueRefusals(const HttpTarget& to) {
  const std::string body = Http(to, "GET", "/metrics").body;
  const std::string key = "gb_limit_refusals_total{limit=\"writer_queue\"} ";
  const size_t at = body.find(key);
  return at == std::string::npos ? 0 : std::atoll(body.c_str() + at + key.size());
}

TEST_F(LimitsProcessTest, AFullWriterQueueAnswersOverloadedWithinItsMemoryBound) {
#if defined(__SANITIZE_ADDRESS__)
  // Under make asan the store is instrumented too, and ASan keeps freed
  // memory in a quarantine (256 MiB by default) to catch use after free, so
  // its RSS grows with every allocation ever made. The bound is about what
  // the store holds, so its quarantine is kept small for this one server.
  const char* before = std::getenv("ASAN_OPTIONS");
  const std::string saved = before ? before : "";
  setenv("ASAN_OPTIONS", "quarantine_size_mb=1:thread_local_quarantine_size_kb=64", 1);
  StartServer(/*tls=*/false, {"--writer-queue-mb", "1"});
  if (before) {
    setenv("ASAN_OPTIONS", saved.c_str(), 1);
  } else {
    unsetenv("ASAN_OPTIONS");
  }
#else
  StartServer(/*tls=*/false, {"--writer-queue-mb", "1"});
#endif
  // Batches of 500 signed sign-ups, about 150 KB each.
  std::vector<std::string> bodies;
  for (int b = 0; b < 16; ++b) {
    std::vector<protocol::Event> events;
    for (int i = 0; i < 500; ++i) {
      const uint64_t n = static_cast<uint64_t>(b * 500 + i + 1);
      events.push_back(SignUp(*kiosk_.key, kiosk_.key_id, kiosk_.kiosk_id,
                              static_cast<int64_t>(n), n, lamp_, now_ - 60, n));
    }
    bodies.push_back(protocol::EncodeBatch(events));
  }
  const int64_t rss0 = RssKiB(server_.pid());
  // Someone holds the write lock: the writer waits and the queue fills.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((Sdir() + "/store.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::vector<HttpResult> got(bodies.size());
  std::vector<std::thread> posts;
  for (size_t i = 0; i < bodies.size(); ++i) {
    posts.emplace_back([&, i] { got[i] = Http(To(), "POST", "/v1/events", kiosk_.token, bodies[i]); });
  }
  // Until the queue has refused what cannot fit (or 60 s): a fixed wait
  // would measure how fast this machine parses, not the bound (under ASan
  // the store verifies the 16 x 500 signatures several times slower).
  for (int i = 0; i < 600 && QueueRefusals(To()) < 8; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const int64_t rss_peak = RssKiB(server_.pid());
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  for (auto& p : posts) p.join();
  int overloaded = 0, stored = 0;
  for (const HttpResult& r : got) {
    if (r.status == 503 && r.body.find("overloaded") != std::string::npos) ++overloaded;
    if (r.status == 200) ++stored;
  }
  std::printf("writer queue of 1 MiB: %d of %zu batches refused overloaded, %d stored; RSS %lld -> "
              "%lld KiB\n",
              overloaded, got.size(), stored, static_cast<long long>(rss0),
              static_cast<long long>(rss_peak));
  EXPECT_GE(overloaded, 8);  // 16 x 150 KB offered against 1 MiB
  EXPECT_LT(rss_peak - rss0, (1 + 32) * 1024);
  EXPECT_NE(Http(To(), "GET", "/metrics").body.find("gb_limit_refusals_total{limit=\"writer_queue\"}"),
            std::string::npos);
}

}  // namespace
}  // namespace gb::test
