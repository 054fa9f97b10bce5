// make bench, "strangers cannot stall the store": /healthz p99 and a till's
// redeem p99 while 200 slow-loris connections and 4 loops of strangers'
// requests (/readyz, /metrics, a bad token) run, each beside the same figure
// on the same server idle, as a ratio (aim <= 1.5x).
//
// The store runs plain HTTP on 127.0.0.1 (the load generator speaks plain
// HTTP); the slow-loris connections send a header byte every 500 ms and
// never finish. Usage: bench_stall DIR (scratch space).
//
// Two choices keep the ratio about the store, not about this machine:
// - /healthz is probed by one connection, as a monitor does: a closed loop
//   of many connections measures its own queue (8 connections wait for each
//   other idle, 12 busy), not the store's.
// - The strangers' load generator runs at the lowest CPU priority (nice 19).
//   Strangers send from their own machines; here they share the store's 2
//   cores, and at equal priority the ratio would measure the generator's
//   CPU, taken from the store. The store still serves every stranger request
//   (the printed counts say how many): its own threads are not favoured.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "sync/protocol/batch_codec.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/http_load.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"
#include "tests/sync/store/event_maker.h"

namespace {

using gb::bench::Report;
using nlohmann::json;
constexpr uint32_t kDeal = 7;
constexpr int kVouchers = 4000;  // enough for two rounds of one till's redemptions


struct Figures {
  gb::bench::LoadResult health, redeem;
};

// The calling thread (and the threads it starts, which inherit it) at the
// lowest CPU priority: Linux keeps a nice value per thread.
void LowestPriority() {
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
}

// One till redeeming vouchers from `first`, then /healthz on one connection.
Figures Measure(uint16_t port, const gb::test::Kiosk& k, const std::vector<std::string>& vouchers,
                size_t first, const std::string& session) {
  Figures f;
  gb::bench::LoadOptions r;
  r.port = port;
  r.method = "POST";
  r.target = "/v1/redeem";
  r.connections = 1;
  r.seconds = 3;
  r.max_requests = static_cast<int64_t>(vouchers.size() / 2);
  r.token = k.token;
  r.staff_session_of = [&](int) { return session; };  // a cashier signed in at the till
  r.body = [&](int, int64_t n) {
    return json{{"voucher", vouchers[first + static_cast<size_t>(n)]}, {"place", "till-1"}}.dump();
  };
  r.check = [](const std::string& body) { return body.find("\"VALID\"") != std::string::npos; };
  f.redeem = gb::bench::RunLoad(r);
  gb::bench::LoadOptions h;
  h.port = port;
  h.connections = 1;
  h.seconds = 3;
  f.health = gb::bench::RunLoad(h);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = (argc > 1 ? argv[1] : "bench-data") + std::string("/stall");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string sdir = dir + "/store";
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  gb::rules::Deal deal = gb::test::MakeDeal(kDeal, 1);
  deal.opens_at = now - 3600;
  deal.stop_at = now + 7 * 86400;
  deal.deadline = now + 8 * 86400;
  deal.redeem_by = now + 30 * 86400;
  (void)gb::base::WriteFileAtomic(dir + "/catalog.json",
                                  json{{"deals", json::array({gb::rules::DealToJson(deal)})}}.dump(),
                                  0644, gb::base::Overwrite::kYes);
  if (gb::test::Provision("init-store --dir " + sdir + " --name Bench --listen 127.0.0.1:0", dir)
              .code != 0 ||
      gb::test::Provision("catalog import --dir " + sdir + " " + dir + "/catalog.json", dir).code !=
          0) {
    std::fprintf(stderr, "bench_stall: store set-up failed\n");
    return 1;
  }
  gb::test::Kiosk k = gb::test::EnrolKiosk(sdir, dir + "/k1");
  gb::test::AddStaff(sdir, "Ann", "cashier", "13572468");
  gb::test::StoreProcess store;
  if (!k.key || !store.Start(sdir, false, {"--rate-limit", "1000000", "--auth-failures", "0"})) {
    std::fprintf(stderr, "bench_stall: groupbuy-store did not start\n");
    return 1;
  }
  const gb::test::HttpTarget to{store.port(), false, ""};
  const std::string session = gb::test::SignInStaff(to, k.token, "Ann", "13572468");
  std::printf("strangers vs the till: signing %d vouchers ...\n", kVouchers);
  std::vector<std::string> vouchers;
  for (int b = 0; b < kVouchers / 500; ++b) {
    std::vector<gb::protocol::Event> events;
    for (int i = 0; i < 500; ++i) {
      const uint64_t n = static_cast<uint64_t>(b * 500 + i + 1);
      events.push_back(gb::test::SignUp(*k.key, k.key_id, k.kiosk_id, static_cast<int64_t>(n), n,
                                        deal, now - 60, n));
      vouchers.push_back(events.back().payload["voucher"].get<std::string>());
    }
    if (gb::test::Http(to, "POST", "/v1/events", k.token, gb::protocol::EncodeBatch(events))
            .status != 200) {
      std::fprintf(stderr, "bench_stall: posting sign-ups failed\n");
      return 1;
    }
  }
  const Figures idle = Measure(store.port(), k, vouchers, 0, session);

  std::atomic<bool> stop{false};
  std::vector<int> slow;
  for (int i = 0; i < 200; ++i) {
    int fd = gb::test::ConnectTcp(store.port());
    if (fd >= 0 && send(fd, "GET / HTTP/1.1\r\nX: ", 19, MSG_NOSIGNAL) == 19) slow.push_back(fd);
  }
  std::thread loris([&] {
    LowestPriority();
    while (!stop) {
      for (int fd : slow) (void)send(fd, "a", 1, MSG_NOSIGNAL);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  });
  gb::bench::LoadResult stranger_result;
  std::thread strangers([&] {
    LowestPriority();
    gb::bench::LoadOptions s;
    s.port = store.port();
    s.connections = 4;
    s.seconds = 8;
    s.target_of = [](int c, int64_t) {
      return std::string(c == 0 ? "/readyz" : c == 1 ? "/metrics" : "/v1/state");
    };
    s.token_of = [](int c) { return std::string(c >= 2 ? "bad-token" : ""); };
    stranger_result = gb::bench::RunLoad(s);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const Figures busy = Measure(store.port(), k, vouchers, vouchers.size() / 2, session);
  stop = true;
  strangers.join();
  loris.join();
  for (int fd : slow) close(fd);
  store.Stop();
  std::printf("  %zu slow-loris connections held, 4 stranger loops (/readyz, /metrics, bad token)"
              " at nice 19: %lld requests answered in 8 s\n",
              slow.size(), static_cast<long long>(stranger_result.ok + stranger_result.non2xx));
  std::printf("  idle: /healthz p99 %.2f ms, redeem p99 %.2f ms (%lld redemptions)\n",
              idle.health.p99_ms, idle.redeem.p99_ms, static_cast<long long>(idle.redeem.ok));
  std::printf("  busy: /healthz p99 %.2f ms, redeem p99 %.2f ms (%lld redemptions)\n",
              busy.health.p99_ms, busy.redeem.p99_ms, static_cast<long long>(busy.redeem.ok));
  Report("/healthz p99 under strangers", busy.health.p99_ms, "ms", "/healthz p99, idle server",
         idle.health.p99_ms, "aim <= 1.5x");
  Report("redeem p99 under strangers", busy.redeem.p99_ms, "ms", "redeem p99, idle server",
         idle.redeem.p99_ms, "aim <= 1.5x");
  const int64_t bad = idle.redeem.non2xx + idle.redeem.errors + idle.redeem.rejected +
                      busy.redeem.non2xx + busy.redeem.errors + busy.redeem.rejected;
  return bad == 0 ? 0 : 1;
}
