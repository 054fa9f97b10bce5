// make bench, store server part (issue 5), each figure beside a limit
// measured in the same run on this machine:
//   /healthz requests/s of groupbuy-store  vs  a bare Beast server answering
//     a constant (tests/bench/http_load.h), both on one thread, 50 keep-alive
//     connections, the load generator on the other core;
//   sign-up events ingested/s, durable, 50 kiosks posting batches of 10 at
//     once  vs  raw SQLite inserts of the same event rows, WAL and
//     synchronous=FULL like the server, 500 rows a transaction (every kiosk's
//     batch in one commit: the best any group commit could do).
// Usage: bench_server DIR (scratch space for the store and the raw database)
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "kiosk/base/hex.h"
#include "kiosk/voucher/codec.h"
#include "sync/protocol/batch_codec.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/http_load.h"
#include "tests/sync/server/store_process.h"

namespace {

using gb::bench::Report;
constexpr int kKiosks = 50;
constexpr int kBatch = 10;
constexpr int kBatchesPerKiosk = 60;
constexpr uint32_t kDeal = 2;

struct KioskLoad {
  gb::test::Kiosk kiosk;
  std::vector<std::string> bodies;              // POST /v1/events, in order
  std::vector<std::pair<int64_t, std::string>> rows;  // (seq, event JSON) for the raw limit
};

std::string RandomHex(std::mt19937_64& rng) {
  std::array<uint8_t, 32> b{};
  for (auto& x : b) x = static_cast<uint8_t>(rng());
  return gb::base::ToHex(b);
}

void MakeEvents(KioskLoad& k, int64_t now, std::mt19937_64& rng) {
  for (int b = 0; b < kBatchesPerKiosk; ++b) {
    std::vector<gb::protocol::Event> events;
    for (int i = 0; i < kBatch; ++i) {
      const int64_t seq = b * kBatch + i + 1;
      gb::voucher::Body body;
      body.key_id = k.kiosk.key_id;
      body.deal_id = kDeal;
      body.serial = static_cast<uint64_t>(seq);
      body.issued_at = static_cast<uint32_t>(now);
      body.price_minor = 29900;
      nlohmann::json payload = {
          {"origin", k.kiosk.kiosk_id}, {"key_id", k.kiosk.key_id}, {"serial", seq},
          {"deal_id", kDeal}, {"voucher", gb::voucher::Issue(body, *k.kiosk.key)},
          {"phone_hash", RandomHex(rng)}, {"joined_at", now}, {"state", "active"},
          {"offline", false}};
      events.push_back({k.kiosk.kiosk_id, seq, "sign_up", now, payload});
      k.rows.emplace_back(seq, payload.dump());
    }
    k.bodies.push_back(gb::protocol::EncodeBatch(events));
  }
}

// The limit: the same rows into a table keyed like the server's, durable.
// With `ring`, each row's voucher is verified first, as the server must: the
// least work an honest ingest does.
double RawInsertsPerSecond(const std::string& path, const std::vector<KioskLoad>& loads,
                           const gb::voucher::KeyRing* ring = nullptr) {
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                   "CREATE TABLE events(origin TEXT, seq INTEGER, type TEXT, at INTEGER,"
                   " payload TEXT, PRIMARY KEY(origin, seq))", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events VALUES(?,?,?,?,?)", -1, &st, nullptr);
  const auto t0 = std::chrono::steady_clock::now();
  int64_t rows = 0;
  for (int b = 0; b < kBatchesPerKiosk; ++b) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const KioskLoad& k : loads) {
      for (int i = 0; i < kBatch; ++i) {
        const auto& [seq, json] = k.rows[static_cast<size_t>(b * kBatch + i)];
        if (ring != nullptr) {
          const std::string voucher = nlohmann::json::parse(json)["voucher"];
          if (!gb::voucher::Verify(voucher, *ring).ok()) std::fprintf(stderr, "bad voucher\n");
        }
        sqlite3_bind_text(st, 1, k.kiosk.kiosk_id.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, seq);
        sqlite3_bind_text(st, 3, "sign_up", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, 0);
        sqlite3_bind_text(st, 5, json.c_str(), -1, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_reset(st);
        ++rows;
      }
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  sqlite3_finalize(st);
  sqlite3_close(db);
  return static_cast<double>(rows) / s;
}

void Line(const char* what, const gb::bench::LoadResult& r) {
  std::printf("  %-28s %9.0f ok/s  p50 %.2f ms  p99 %.2f ms  non-2xx %lld  errors %lld%s%s\n", what,
              r.rate(), r.p50_ms, r.p99_ms, static_cast<long long>(r.non2xx),
              static_cast<long long>(r.errors), r.first_error.empty() ? "" : "  first: ",
              r.first_error.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = (argc > 1 ? argv[1] : "bench-data") + std::string("/server");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string sdir = dir + "/store";
  std::printf("store server: setting up a store and %d kiosks in %s ...\n", kKiosks, dir.c_str());
  if (gb::test::Provision("init-store --dir " + sdir + " --name Bench --listen 127.0.0.1:0", dir).code != 0 ||
      gb::test::Provision("catalog import --dir " + sdir + " " GB_SOURCE_DIR "/docs/examples/catalog.json", dir).code != 0) {
    std::fprintf(stderr, "bench_server: store set-up failed\n");
    return 1;
  }
  std::vector<KioskLoad> loads(kKiosks);
  std::mt19937_64 rng(7);
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  for (int i = 0; i < kKiosks; ++i) {
    loads[static_cast<size_t>(i)].kiosk = gb::test::EnrolKiosk(sdir, dir + "/k" + std::to_string(i));
    if (!loads[static_cast<size_t>(i)].kiosk.key) {
      std::fprintf(stderr, "bench_server: enrolling kiosk %d failed\n", i);
      return 1;
    }
    MakeEvents(loads[static_cast<size_t>(i)], now, rng);
    if (i % 10 == 9) std::printf("  %d of %d kiosks enrolled, %d signed events each\n", i + 1, kKiosks,
                                 kBatch * kBatchesPerKiosk);
  }

  gb::test::StoreProcess store;
  if (!store.Start(sdir, false, {"--threads", "1"})) {
    std::fprintf(stderr, "bench_server: groupbuy-store did not start:\n%s\n", store.Output().c_str());
    return 1;
  }
  gb::bench::LoadResult bare_r, ours_r;
  {
    gb::bench::BareServer bare;
    gb::bench::LoadOptions o;
    o.port = bare.port();
    bare_r = gb::bench::RunLoad(o);
  }
  {
    gb::bench::LoadOptions o;
    o.port = store.port();
    ours_r = gb::bench::RunLoad(o);
  }
  std::printf("/healthz, 50 keep-alive connections, one server thread:\n");
  Line("bare Beast server", bare_r);
  Line("groupbuy-store", ours_r);
  Report("/healthz requests/s", ours_r.rate(), "req/s", "bare Beast server (ceiling)",
         bare_r.rate(), "aim >= 0.70x");

  gb::bench::LoadOptions o;
  o.port = store.port();
  o.method = "POST";
  o.target = "/v1/events";
  o.connections = kKiosks;
  o.seconds = 60;  // a bound; each kiosk stops after its last batch
  o.max_requests = kBatchesPerKiosk;
  o.token_of = [&](int c) { return loads[static_cast<size_t>(c)].kiosk.token; };
  o.body = [&](int c, int64_t n) { return loads[static_cast<size_t>(c)].bodies[static_cast<size_t>(n)]; };
  gb::bench::LoadResult ingest = gb::bench::RunLoad(o);
  store.Stop();
  const double ours = static_cast<double>(ingest.ok * kBatch) / ingest.seconds;
  const double raw = RawInsertsPerSecond(dir + "/raw.db", loads);
  gb::voucher::KeyRing ring;
  for (const KioskLoad& k : loads) ring.Add(k.kiosk.key_id, k.kiosk.key->Public());
  const double raw_verified = RawInsertsPerSecond(dir + "/raw.db", loads, &ring);
  std::printf("ingest, %d kiosks x %d batches of %d signed sign-ups, durable:\n", kKiosks,
              kBatchesPerKiosk, kBatch);
  Line("POST /v1/events", ingest);
  Report("events ingested/s", ours, "ev/s", "raw batched inserts, 500/commit", raw,
         "aim >= 0.50x");
  Report("events ingested/s", ours, "ev/s", "same + Ed25519 verify, 1 core", raw_verified,
         "the floor of an honest ingest");
  return ingest.non2xx + ingest.errors == 0 ? 0 : 1;
}
