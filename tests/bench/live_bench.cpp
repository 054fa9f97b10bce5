// make bench, live part (issue 5): 10,000 WebSocket connections to GET
// /v1/live of one groupbuy-store, and the server's resident memory (VmRSS of
// /proc/PID/status) beside the aim (150 MiB) and beside the same server idle,
// measured in the same run. Then one change of the store's revision, and how
// long until every connection has been told (the hub polls every 150 ms).
// Twice: plain WebSockets, then over TLS (what kiosks use), each against a
// fresh store process.
// The open-file limit is raised to its hard limit first (the store process
// inherits it); a hard limit too low for the connections is reported and the
// run scales down to fit. --rate-limit 0 because every connection here uses
// one kiosk's token.
// Usage: bench_live DIR (scratch space for the store)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "core/voucher/codec.h"
#include "sync/protocol/batch_codec.h"
#include "tests/bench/live_load.h"
#include "tests/bench/tls_floor.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"

namespace {

constexpr int kConnections = 10'000;
constexpr double kAimMiB = 150;
using Clock = std::chrono::steady_clock;

double RssMiB(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;  // kB
  }
  return -1;
}

// Waits until pred holds or `seconds` pass; the bound keeps a broken run finite.
template <typename Pred>
bool WaitUntil(Pred pred, double seconds) {
  const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(seconds));
  while (!pred()) {
    if (Clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

int64_t Revision(const gb::test::HttpTarget& to, const std::string& token) {
  gb::test::HttpResult r = gb::test::Http(to, "GET", "/v1/tallies", token);
  if (r.status != 200) return -1;
  return nlohmann::json::parse(r.body, nullptr, false).value("revision", int64_t{-1});
}

// One store process, `connections` live connections (TLS or plain), one
// revision change; prints the figures. False when a connection failed or was
// not told of the change.
bool Run(const std::string& sdir, const gb::test::Kiosk& kiosk, int connections, bool tls) {
  static int64_t seq = 0;
  ++seq;
  gb::test::StoreProcess store;
  if (!store.Start(sdir, tls, {"--rate-limit", "0"})) {
    std::fprintf(stderr, "bench_live: groupbuy-store did not start:\n%s\n", store.Output().c_str());
    return false;
  }
  const gb::test::HttpTarget to{store.port(), tls, kiosk.cert_sha256};
  // Idle, but having answered a request of each kind the live run uses.
  const int64_t rev0 = Revision(to, kiosk.token);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const double idle = RssMiB(store.pid());

  const auto t0 = Clock::now();
  gb::bench::LiveLoad load(
      {.port = store.port(), .token = kiosk.token, .connections = connections, .tls = tls});
  WaitUntil([&] { return load.with_frame() + load.failed() >= connections; }, 180);
  const double open_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the server settle
  const double busy = RssMiB(store.pid());
  const int open = load.open();
  gb::test::HttpResult metrics = gb::test::Http(to, "GET", "/metrics");
  const size_t at = metrics.body.find("\ngb_live_connections ");
  const std::string gauge =
      at == std::string::npos
          ? "?"
          : metrics.body.substr(at + 21, metrics.body.find('\n', at + 1) - at - 21);

  // One change: a signed sign-up, so the revision moves and every connection is told.
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  gb::voucher::Body body;
  body.key_id = kiosk.key_id;
  body.deal_id = 2;
  body.serial = static_cast<uint64_t>(seq);
  body.issued_at = static_cast<uint32_t>(now);
  body.price_minor = 29900;
  nlohmann::json payload = {{"origin", kiosk.kiosk_id},
                            {"key_id", kiosk.key_id},
                            {"serial", seq},
                            {"deal_id", 2},
                            {"voucher", gb::voucher::Issue(body, *kiosk.key)},
                            {"phone_hash", std::string(64, static_cast<char>('a' + seq))},
                            {"joined_at", now},
                            {"state", "active"},
                            {"offline", false}};
  const std::vector<gb::protocol::Event> events = {{kiosk.kiosk_id, seq, "sign_up", now, payload}};
  const auto t1 = Clock::now();
  gb::test::HttpResult posted =
      gb::test::Http(to, "POST", "/v1/events", kiosk.token, gb::protocol::EncodeBatch(events));
  const int64_t rev1 = Revision(to, kiosk.token);
  const bool told = posted.status == 200 && rev1 > rev0 &&
                    WaitUntil([&] { return load.at_least(rev1) >= open; }, 30);
  const double fanout_s = std::chrono::duration<double>(Clock::now() - t1).count();
  const int told_n = rev1 > rev0 ? load.at_least(rev1) : 0;
  const double after = RssMiB(store.pid());

  std::printf(
      "live (%s): %d WebSocket connections to /v1/live, one store process (2 I/O threads):\n",
      tls ? "TLS" : "plain", connections);
  std::printf("  opened %d (failed %d%s%s) in %.2f s; server gauge gb_live_connections %s\n", open,
              load.failed(),
              load.first_error().empty() ? "" : ", first: ", load.first_error().c_str(), open_s,
              gauge.c_str());
  std::printf("  one revision change (%lld -> %lld) told to %d of %d connections in %.2f s%s\n",
              static_cast<long long>(rev0), static_cast<long long>(rev1), told_n, open, fanout_s,
              told ? "" : "  (NOT all told)");
  std::printf("%-34s %10.2f %-6s | %-34s %10.2f %-6s | per connection %.1f KiB  (aim < %.0f MiB)\n",
              tls ? "store RSS, live TLS connections" : "store RSS, live connections", busy, "MiB",
              "same store idle", idle, "MiB", open > 0 ? (busy - idle) * 1024 / open : 0.0,
              kAimMiB);
  std::printf("%-34s %10.2f %-6s\n", "store RSS after the fan-out", after, "MiB");
  if (tls && open > 0) {
    // The floor under any TLS server: OpenSSL's own state per idle
    // connection, with the store's certificate, in this process.
    const int probe = std::min(open, 3000);
    const double floor = gb::bench::TlsFloorKiB(probe, sdir + "/tls.crt", sdir + "/tls.key");
    const double per_conn = (busy - idle) * 1024 / open;
    if (floor > 0) {
      std::printf(
          "%-34s %10.1f %-6s | %-34s %10.1f %-6s | ratio %.2fx  (OpenSSL alone for %d: %.0f MiB)\n",
          "store per live TLS connection", per_conn, "KiB", "OpenSSL's floor per connection",
          floor, "KiB", per_conn / floor, connections, floor * connections / 1024);
    }
  }
  store.Stop();
  // The aim is printed beside the figure, not enforced: a miss is a finding.
  return open == connections && told;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = (argc > 1 ? argv[1] : "bench-data") + std::string("/live");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string sdir = dir + "/store";

  int connections = kConnections;
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = lim.rlim_max;
  setrlimit(RLIMIT_NOFILE, &lim);
  getrlimit(RLIMIT_NOFILE, &lim);
  const rlim_t need = static_cast<rlim_t>(kConnections) + 200;
  if (lim.rlim_cur < need) {
    connections = static_cast<int>(lim.rlim_cur) - 200;
    std::printf(
        "live: the open-file hard limit is %llu, below the %llu needed for %d "
        "connections; running %d (raise it with ulimit -Hn or limits.conf)\n",
        static_cast<unsigned long long>(lim.rlim_max), static_cast<unsigned long long>(need),
        kConnections, connections);
  }
  std::printf("live: open-file limit %llu (raised to the hard limit)\n",
              static_cast<unsigned long long>(lim.rlim_cur));

  if (gb::test::Provision("init-store --dir " + sdir + " --name Bench --listen 127.0.0.1:0", dir)
              .code != 0 ||
      gb::test::Provision(
          "catalog import --dir " + sdir + " " GB_SOURCE_DIR "/docs/examples/catalog.json", dir)
              .code != 0) {
    std::fprintf(stderr, "bench_live: store set-up failed\n");
    return 1;
  }
  gb::test::Kiosk kiosk = gb::test::EnrolKiosk(sdir, dir + "/k0");
  if (!kiosk.key) {
    std::fprintf(stderr, "bench_live: enrolling the kiosk failed\n");
    return 1;
  }
  bool ok = true;
  for (bool tls : {false, true}) ok = Run(sdir, kiosk, connections, tls) && ok;
  return ok ? 0 : 1;
}
