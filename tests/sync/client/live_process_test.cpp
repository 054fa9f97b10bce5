// GET /v1/live end to end: a real groupbuy-store, real sync clients and
// LiveClients. A sign-up at one kiosk reaches another kiosk's ledger through
// the live push (the periodic poll is set to ten minutes, so nothing else
// can bring it), the upgrade is refused without a known token, and over TLS
// the certificate is pinned before the token is sent.
#include "sync/client/live_client.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

constexpr int kNoPeriodicPoll = 600'000;  // ms

class LiveProcessTest : public SyncProcessTest {
 protected:
  std::unique_ptr<sync_client::LiveClient> Live(const Kiosk& k, bool tls,
                                                sync_client::LiveClient::OnRevision f) {
    return Live(k.token, k.cert_sha256, tls, std::move(f));
  }
  std::unique_ptr<sync_client::LiveClient> Live(const std::string& token, const std::string& pin,
                                                bool tls, sync_client::LiveClient::OnRevision f) {
    sync_client::ServerEndpoint to;
    to.port = server_.port();
    to.tls = tls;
    to.cert_sha256 = pin;
    to.token = token;
    to.timeout_ms = 5'000;
    sync_client::LiveClientOptions o;
    o.backoff = {.base_ms = 20, .cap_ms = 200, .floor_ms = 10};
    auto live = sync_client::LiveClient::Start(to, std::move(f), o);
    EXPECT_TRUE(live.ok()) << live.status().ToString();
    return live.ok() ? std::move(live).value() : nullptr;
  }
  std::string Metrics() {
    return Http(HttpTarget{server_.port(), false, ""}, "GET", "/metrics").body;
  }
};

TEST_F(LiveProcessTest, ASignUpAtOneKioskReachesAnotherThroughTheLivePush) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  Kiosk ka = EnrolKiosk(Sdir(), tmp_.File("ka"));
  Kiosk kb = EnrolKiosk(Sdir(), tmp_.File("kb"));
  KioskNode a(tmp_.File("ka"));
  KioskNode b(tmp_.File("kb"));
  ASSERT_TRUE(a.StartSync(server_.port(), kNoPeriodicPoll));
  ASSERT_TRUE(b.StartSync(server_.port(), kNoPeriodicPoll));
  // The first poll, at start, brings the deal.
  ASSERT_TRUE(WaitFor([&] { return b.ledger().GetDeal(42, now_).ok(); }))
      << b.client().status().last_error;
  ASSERT_TRUE(WaitFor([&] { return a.ledger().GetDeal(42, now_).ok(); }));
  auto live_a = Live(ka, false, [&a](int64_t rev) { a.client().OnLiveRevision(rev); });
  auto live_b = Live(kb, false, [&b](int64_t rev) { b.client().OnLiveRevision(rev); });
  ASSERT_TRUE(live_a && live_b);
  // One frame on connect: the hub's last read, then its next read if that
  // was behind (it polls every 150 ms).
  const int64_t b_revision = b.client().status().state_revision;
  ASSERT_TRUE(WaitFor([&] { return live_b->status().last_revision == b_revision; }))
      << live_b->status().last_error << " last " << live_b->status().last_revision << " want "
      << b_revision;
  ASSERT_TRUE(WaitFor([&] {
    return Metrics().find("gb_live_connections 2\n") != std::string::npos;
  })) << Metrics();

  ASSERT_TRUE(SignUp(a, 1).ok());
  a.client().Wake();  // uploads now, as the kiosk does after each sign-up
  ASSERT_TRUE(WaitFor([&] {
    auto d = b.ledger().GetDeal(42, now_);
    return d.ok() && d->tally.committed == 1;
  })) << b.client().status().last_error;
  const sync_client::SyncStatus sb = b.client().status();
  EXPECT_GT(sb.live_wakes, 0);
  EXPECT_GT(sb.state_revision, b_revision);
  EXPECT_GT(live_b->status().last_revision, b_revision);
  EXPECT_EQ(live_b->status().bad_frames, 0);

  const std::string m = Metrics();
  EXPECT_NE(m.find("gb_sync_lag_seconds{kiosk=\"" + ka.kiosk_id + "\"}"), std::string::npos) << m;
  EXPECT_NE(m.find("gb_http_request_duration_seconds_count{route=\"/v1/events\"}"),
            std::string::npos);
  EXPECT_NE(m.find("gb_http_requests_total{route=\"/v1/live\",code=\"101\"} 2"), std::string::npos)
      << m;
  // Live connections do not keep the server from stopping cleanly.
  EXPECT_EQ(server_.Stop(), 0) << server_.Output();
  EXPECT_TRUE(WaitFor([&] { return !live_b->status().connected; }));
}

TEST_F(LiveProcessTest, TheUpgradeNeedsAKnownTokenAndAPlainGetIsRefused) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  Kiosk k = EnrolKiosk(Sdir(), tmp_.File("k"));
  std::atomic<int> frames = 0;
  auto live = Live("not-a-token", "", false, [&frames](int64_t) { ++frames; });
  ASSERT_TRUE(live);
  ASSERT_TRUE(WaitFor([&] {
    return live->status().last_error.find("answered 401") != std::string::npos;
  })) << live->status().last_error;
  EXPECT_EQ(live->status().connects, 0);
  EXPECT_EQ(frames, 0);
  HttpResult plain = Http(HttpTarget{server_.port(), false, ""}, "GET", "/v1/live", k.token);
  EXPECT_EQ(plain.status, 426) << plain.body;
  EXPECT_NE(plain.body.find("upgrade_required"), std::string::npos);
  // The server is still up and serving.
  EXPECT_EQ(Http(HttpTarget{server_.port(), false, ""}, "GET", "/healthz").status, 200);
}

TEST_F(LiveProcessTest, OverTlsTheCertificateIsPinnedBeforeTheTokenGoes) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  Kiosk k = EnrolKiosk(Sdir(), tmp_.File("k"));
  std::atomic<int64_t> last = -1;
  auto live = Live(k, true, [&last](int64_t rev) { last = rev; });
  ASSERT_TRUE(live);
  ASSERT_TRUE(WaitFor([&] { return last >= 0; })) << live->status().last_error;
  EXPECT_TRUE(live->status().connected);

  auto refused = Live(k.token, std::string(64, 'a'), true, [](int64_t) {});
  ASSERT_TRUE(refused);
  ASSERT_TRUE(WaitFor([&] {
    return refused->status().last_error.find("pin_mismatch") != std::string::npos;
  })) << refused->status().last_error;
  EXPECT_EQ(refused->status().connects, 0);
}

}  // namespace
}  // namespace gb::test
