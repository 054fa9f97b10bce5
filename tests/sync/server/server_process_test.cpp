// groupbuy-store as a real process on 127.0.0.1, set up by groupbuy-provision:
// ingest and acks, replays, tallies over three kiosks, unlocking, bad input,
// kill -9 in the middle of a stream, SIGTERM, and HTTPS with a pinned certificate.
#include <gtest/gtest.h>

#include <map>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <ctime>
#include <thread>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "sync/protocol/batch_codec.h"
#include "sync/store/store_db.h"
#include "sync/store/store_dir.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"
#include "tests/sync/store/event_maker.h"

namespace gb::test {
namespace {

using nlohmann::json;

class ServerProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun init =
        Provision("init-store --dir " + Sdir() + " --name Test --listen 127.0.0.1:0", tmp_.str());
    ASSERT_EQ(init.code, 0) << init.err;
    admin_ = init.out.substr(init.out.rfind(' ') + 1);
    admin_.pop_back();  // the newline
    // Deals relative to now, so sign-ups made now are before their stop time.
    now_ = static_cast<int64_t>(std::time(nullptr));
    json deals = json::array();
    for (auto [id, threshold] : {std::pair{42u, 3}, std::pair{43u, 1000}}) {
      rules::Deal d = MakeDeal(id, threshold);
      d.opens_at = now_ - 3600;
      d.stop_at = now_ + 7 * 86400;
      d.deadline = now_ + 8 * 86400;
      d.redeem_by = now_ + 30 * 86400;
      deals.push_back(rules::DealToJson(d));
      deals_[id] = d;
    }
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog.json"), json{{"deals", deals}}.dump(),
                                      0644, base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
    for (int i = 0; i < 3; ++i) {
      kiosks_.push_back(EnrolKiosk(Sdir(), tmp_.File("k" + std::to_string(i))));
      ASSERT_FALSE(kiosks_.back().token.empty());
    }
  }

  std::string Sdir() const { return tmp_.File("store"); }
  HttpTarget To() const { return HttpTarget{server_.port(), false, ""}; }

  protocol::Event Sign(int k, int64_t seq, uint32_t deal = 42) {
    Kiosk& kiosk = kiosks_[static_cast<size_t>(k)];
    return SignUp(*kiosk.key, kiosk.key_id, kiosk.kiosk_id, seq, static_cast<uint64_t>(seq),
                  deals_.at(deal),
                  now_ - 60, static_cast<uint64_t>(k * 100000 + seq));
  }
  std::vector<protocol::Event> Signs(int k, int64_t first, int64_t last, uint32_t deal = 42) {
    std::vector<protocol::Event> out;
    for (int64_t s = first; s <= last; ++s) out.push_back(Sign(k, s, deal));
    return out;
  }
  HttpResult Post(int k, const std::vector<protocol::Event>& events, uint16_t port = 0) {
    HttpTarget to = To();
    if (port != 0) to.port = port;
    return Http(to, "POST", "/v1/events", kiosks_[static_cast<size_t>(k)].token,
                protocol::EncodeBatch(events));
  }
  static int64_t Acked(const HttpResult& r) {
    return r.status == 200 ? json::parse(r.body)["acked_seq"].get<int64_t>() : -1;
  }
  json DealTally(uint32_t id) {
    HttpResult r = Http(To(), "GET", "/v1/tallies", admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    const json tallies = json::parse(r.body);  // the loop must not outlive it
    for (const json& d : tallies["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }
  std::string DbCheck() {
    auto db = store::StoreDb::Open(Sdir() + "/store.db");
    return db.ok() ? (*db)->IntegrityCheck().value() : db.status().ToString();
  }

  ScopedTempDir tmp_;
  std::string admin_;
  int64_t now_ = 0;
  std::map<uint32_t, rules::Deal> deals_;  // as imported in SetUp
  std::vector<Kiosk> kiosks_;
  StoreProcess server_;
};

TEST_F(ServerProcessTest, EventsAreAckedAndAReplayIsNotCountedTwice) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  HttpResult first = Post(0, Signs(0, 1, 5));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Acked(first), 5);
  HttpResult replay = Post(0, Signs(0, 1, 5));
  EXPECT_EQ(Acked(replay), 5);
  EXPECT_EQ(DealTally(42)["committed"], 5);
  HttpResult metrics = Http(To(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find("gb_events_ingested_total 5\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("gb_events_duplicate_total 5\n"), std::string::npos);
}

TEST_F(ServerProcessTest, ThreeKiosksAtOnceTallyExactlyAndUnlockTheDeal) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int k = 0; k < 3; ++k) {
    threads.emplace_back([this, k, &failures] {
      for (int64_t seq = 1; seq <= 20; ++seq) {
        if (Acked(Post(k, {Sign(k, seq, 43)})) != seq) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  json d = DealTally(43);
  EXPECT_EQ(d["committed"], 60);
  for (const Kiosk& k : kiosks_) EXPECT_EQ(d["by_kiosk"][k.kiosk_id]["committed"], 20);

  EXPECT_EQ(DealTally(42)["state"], "open");
  for (int k = 0; k < 3; ++k) ASSERT_EQ(Acked(Post(k, {Sign(k, 100 + k)})), 100 + k);
  json unlocked = DealTally(42);
  EXPECT_EQ(unlocked["state"], "unlocked");
  EXPECT_EQ(unlocked["committed"], 3);
  // Kiosks learn it from /v1/state with their own token.
  HttpResult state = Http(To(), "GET", "/v1/state?since=0", kiosks_[1].token);
  ASSERT_EQ(state.status, 200);
  json s = json::parse(state.body);
  EXPECT_EQ(s["kiosks"].size(), 3u);
  bool seen = false;
  for (const json& d2 : s["deals"]) {
    if (d2["deal"]["id"] == 42) seen = d2["state"] == "unlocked";
  }
  EXPECT_TRUE(seen);
}

TEST_F(ServerProcessTest, BadRequestsGetTheRight4xxAndNothingBreaks) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  const std::string body = protocol::EncodeBatch(Signs(0, 1, 1));
  EXPECT_EQ(Http(To(), "POST", "/v1/events", "", body).status, 401);
  EXPECT_EQ(Http(To(), "POST", "/v1/events", std::string(64, 'a'), body).status, 401);
  EXPECT_EQ(Http(To(), "GET", "/v1/tallies").status, 401);
  EXPECT_EQ(Http(To(), "POST", "/v1/events", kiosks_[1].token, body).status, 403);
  EXPECT_EQ(Http(To(), "POST", "/v1/events", kiosks_[0].token, "{\"origin\":").status, 400);
  HttpResult wrong_type = Http(To(), "POST", "/v1/events", kiosks_[0].token,
                               R"({"origin":"x","events":[{"seq":"1"}]})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_NE(wrong_type.body.find("events[0]"), std::string::npos) << wrong_type.body;
  EXPECT_EQ(
      Http(To(), "POST", "/v1/events", kiosks_[0].token, std::string((size_t{1} << 20) + 1, '{'))
          .status,
      413);
  EXPECT_EQ(Http(To(), "GET", "/v2/anything", admin_).status, 404);
  EXPECT_EQ(Http(To(), "DELETE", "/v1/events", admin_).status, 405);
  // Bytes that are not HTTP at all: answered 400 bad_http, then the
  // connection is closed; the server stays.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server_.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const char garbage[] = "\x16\x03\x01\xff\xff GET / HTTP/9.9\r\n\r\n\0\0\0";
  EXPECT_GT(::write(fd, garbage, sizeof garbage), 0);
  std::string answer;
  char buf[256];
  for (ssize_t n = 0; (n = ::read(fd, buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  EXPECT_NE(answer.find("bad_http"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  ::close(fd);

  EXPECT_EQ(Acked(Post(0, Signs(0, 1, 3))), 3);
  EXPECT_EQ(Http(To(), "GET", "/healthz").status, 200);
  EXPECT_EQ(Http(To(), "GET", "/readyz").status, 200);
  EXPECT_EQ(server_.Stop(), 0);
  EXPECT_NE(server_.Output().find("stopped"), std::string::npos) << server_.Output();
  EXPECT_EQ(DbCheck(), "ok");
}

TEST_F(ServerProcessTest, KillNineMidStreamThenRestartLosesAndDoublesNothing) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  constexpr int64_t kTotal = 300;
  std::atomic<uint16_t> port = server_.port();
  std::atomic<int64_t> acked = 0;
  // The kiosk's side: resend everything after the last ack until all are acked.
  std::thread kiosk([&] {
    while (acked < kTotal) {
      int64_t from = acked + 1;
      HttpResult r = Post(0, Signs(0, from, std::min(kTotal, from + 9), 43), port);
      if (r.status == 200) {
        acked = Acked(r);
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  });
  for (int64_t kill_at : {60, 180}) {
    while (acked < kill_at) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server_.Kill();
    ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
    port = server_.port();
  }
  kiosk.join();
  EXPECT_EQ(DealTally(43)["committed"], kTotal);
  EXPECT_EQ(server_.Stop(), 0);
  auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
  ASSERT_TRUE(db.ok());
  auto st = db->Prepare("SELECT count(*), min(seq), max(seq) FROM events");
  ASSERT_TRUE(st.ok() && *st->Step());
  EXPECT_EQ(st->Int(0), kTotal);
  EXPECT_EQ(st->Int(1), 1);
  EXPECT_EQ(st->Int(2), kTotal);
  EXPECT_EQ(DbCheck(), "ok");
}

TEST_F(ServerProcessTest, SigtermAnswersEveryRequestItTookAndLosesNoAckedEvent) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  std::atomic<int64_t> acked[3] = {0, 0, 0};
  std::atomic<bool> stop_sent = false;
  std::vector<std::thread> threads;
  for (int k = 0; k < 3; ++k) {
    threads.emplace_back([this, k, &acked, &stop_sent] {
      for (int64_t seq = 1;; ++seq) {
        HttpResult r = Post(k, {Sign(k, seq, 43)});
        if (r.status != 200) break;  // refused or closed: the kiosk would resend later
        EXPECT_EQ(Acked(r), seq);
        acked[k] = seq;
      }
    });
  }
  while (acked[0] + acked[1] + acked[2] < 60)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  stop_sent = true;
  EXPECT_EQ(server_.Stop(), 0) << server_.Output();
  for (auto& t : threads) t.join();
  auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
  ASSERT_TRUE(db.ok());
  for (int k = 0; k < 3; ++k) {
    auto st = db->Prepare("SELECT count(*) FROM events WHERE origin=?");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->Bind(1, kiosks_[static_cast<size_t>(k)].kiosk_id).Step());
    // Every request the server took was committed and answered; none half.
    EXPECT_EQ(st->Int(0), acked[k].load());
  }
  EXPECT_EQ(DbCheck(), "ok");
}

TEST_F(ServerProcessTest, IdleConnectionsAreClosed) {
  ASSERT_TRUE(server_.Start(Sdir(), false, {"--idle-timeout", "1"})) << server_.Output();
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server_.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  // A half-sent request, then silence. The receive timeout only bounds a
  // failing run; the server closes after its idle timeout.
  const char partial[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  EXPECT_GT(::write(fd, partial, sizeof partial - 1), 0);
  timeval bound{20, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
  char buf[64];
  EXPECT_EQ(::read(fd, buf, sizeof buf), 0);  // EOF: the server hung up
  ::close(fd);
  EXPECT_EQ(Http(To(), "GET", "/healthz").status, 200);
}

TEST_F(ServerProcessTest, HttpsServesTheCertificateKiosksPinned) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  EXPECT_NE(server_.Output().find("https://"), std::string::npos);
  HttpTarget to{server_.port(), true, kiosks_[0].cert_sha256};
  HttpResult r =
      Http(to, "POST", "/v1/events", kiosks_[0].token, protocol::EncodeBatch(Signs(0, 1, 2)));
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(Acked(r), 2);
  to.pin_sha256 = std::string(64, '0');
  HttpResult pinned_out = Http(to, "GET", "/healthz");
  EXPECT_EQ(pinned_out.status, 0);
  EXPECT_EQ(pinned_out.peer_sha256, kiosks_[0].cert_sha256);
  EXPECT_EQ(Http(HttpTarget{server_.port(), false, ""}, "GET", "/healthz").status, 0);
  EXPECT_EQ(server_.Stop(), 0);
}

TEST_F(ServerProcessTest, SetUpWritesPrivateFilesAndRefusesRepeats) {
  struct stat st {};
  ASSERT_EQ(::stat((kiosks_[0].dir + "/kiosk.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(*base::ReadFile(Sdir() + "/admin.token"), admin_ + "\n");
  auto sdir = store::StoreDir::Open(Sdir());
  ASSERT_TRUE(sdir.ok());
  EXPECT_EQ(kiosks_[0].cert_sha256, *sdir->CertFingerprint());
  EXPECT_EQ(kiosks_[2].key_id, 3u);
  CliRun again = Provision(
      "add-kiosk --dir " + Sdir() + " --kiosk-dir " + kiosks_[0].dir + " --address 127.0.0.1:8443",
      tmp_.str());
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("kiosk_enrolled"), std::string::npos) << again.err;
  CliRun no_kiosk =
      Provision("add-kiosk --dir " + Sdir() + " --kiosk-dir " + tmp_.File("none"), tmp_.str());
  EXPECT_EQ(no_kiosk.code, 1);
  EXPECT_NE(no_kiosk.err.find("file_missing"), std::string::npos) << no_kiosk.err;
  CliRun no_address =
      Provision("add-kiosk --dir " + Sdir() + " --kiosk-dir " + kiosks_[1].dir, tmp_.str());
  EXPECT_NE(no_address.err.find("no_address"), std::string::npos) << no_address.err;
  CliRun twice = Provision("init-store --dir " + Sdir() + " --name Again", tmp_.str());
  EXPECT_NE(twice.err.find("store_exists"), std::string::npos) << twice.err;
  for (const char* help : {"init-store --help", "add-kiosk --help"}) {
    EXPECT_EQ(Provision(help, tmp_.str()).code, 0) << help;
  }
}

TEST_F(ServerProcessTest, StoreBinaryRefusesBadArguments) {
  EXPECT_FALSE(server_.Start(tmp_.File("not-a-store")));
  int code = std::system((std::string(GB_STORE_BIN) + " --help >/dev/null").c_str());
  EXPECT_EQ(WEXITSTATUS(code), 0);
  code = std::system((std::string(GB_STORE_BIN) + " >/dev/null 2>&1").c_str());
  EXPECT_NE(WEXITSTATUS(code), 0);
}

}  // namespace
}  // namespace gb::test
