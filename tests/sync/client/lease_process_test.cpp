// Quota leases end to end: a real groupbuy-store on 127.0.0.1 lends two
// kiosks seats of a capped deal; the server goes down for a while and the
// kiosks keep signing up, each within its lease, then say "sold_out_here";
// the server comes back, everything converges, and the store never holds
// more pledges than the cap.
#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

constexpr uint32_t kCapped = 77;
constexpr int32_t kCap = 6;

class LeaseProcessTest : public SyncProcessTest {
 protected:
  void SetUp() override {
    SyncProcessTest::SetUp();
    rules::Deal d = MakeDeal(kCapped, 3);
    d.cap = kCap;
    d.opens_at = now_ - 3600;
    d.stop_at = now_ + 7 * 86400;
    d.deadline = now_ + 8 * 86400;
    d.redeem_by = now_ + 30 * 86400;
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("capped.json"),
                                      json{{"deals", json::array({rules::DealToJson(d)})}}.dump(),
                                      0644, base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("capped.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
  }

  // A sign-up as groupbuy-kiosk makes it when it syncs with a store.
  static base::Status Join(KioskNode& node, int phone) {
    ledger::SignUpRequest r;
    r.deal_id = kCapped;
    r.phone_e164 = Phone(phone);
    r.now = static_cast<int64_t>(std::time(nullptr));
    r.lease_required = true;
    return node.ledger().SignUp(r).status();
  }

  static int32_t Seats(KioskNode& node) {
    auto leases = node.ledger().ListLeases();
    if (!leases.ok()) return -1;
    for (const ledger::StoreLease& l : *leases) {
      if (l.lease.deal_id == kCapped) return l.lease.seats;
    }
    return -1;
  }

  // Signs up at `node` until it refuses; returns how many were taken.
  static int JoinUntilRefused(KioskNode& node, int first_phone, std::string* reason) {
    for (int n = 0; n < 2 * kCap; ++n) {
      base::Status s = Join(node, first_phone + n);
      if (!s.ok()) {
        *reason = s.reason();
        return n;
      }
    }
    return 2 * kCap;
  }
};

TEST_F(LeaseProcessTest, TheServerDownForAWhileKiosksSignUpWithinLeasesThenConverge) {
  ASSERT_TRUE(server_.Start(Sdir(), false, {"--lease-block", "2"})) << server_.Output();
  const std::string listen = "127.0.0.1:" + std::to_string(server_.port());
  auto a = NewKiosk(0);
  auto b = NewKiosk(1);
  ASSERT_TRUE(a->StartSync(server_.port()));
  ASSERT_TRUE(b->StartSync(server_.port()));
  ASSERT_TRUE(WaitFor([&] { return Seats(*a) == 2 && Seats(*b) == 2; }))
      << a->client().status().last_error << " / " << b->client().status().last_error;

  EXPECT_EQ(server_.Stop(), 0);  // SIGTERM: the store is down for a while
  std::string why_a, why_b;
  EXPECT_EQ(JoinUntilRefused(*a, 100, &why_a), 2);
  EXPECT_EQ(JoinUntilRefused(*b, 200, &why_b), 2);
  EXPECT_EQ(why_a, "sold_out_here");
  EXPECT_EQ(why_b, "sold_out_here");
  // Each kiosk sees only its own 2 of 6: without leases both would go on.
  EXPECT_EQ(a->ledger().GetDeal(kCapped, now_)->tally.seats(), 2);
  EXPECT_TRUE(WaitFor([&] { return !a->client().status().online; }));

  ASSERT_TRUE(server_.Start(Sdir(), false, {"--listen", listen, "--lease-block", "2"}))
      << server_.Output();
  ASSERT_TRUE(WaitFor([&] { return ServerDeal(kCapped)["committed"] == 4; }));
  // Converged: both kiosks count all 4, and the 2 seats left are lent out
  // (to whichever asked first) and to no one twice.
  for (KioskNode* node : {a.get(), b.get()}) {
    EXPECT_TRUE(WaitFor([&] {
      auto d = node->ledger().GetDeal(kCapped, now_);
      return d.ok() && d->tally == rules::Tally{4, 0};
    })) << node->origin();
  }
  ASSERT_TRUE(WaitFor([&] { return Seats(*a) + Seats(*b) == kCap; }))
      << Seats(*a) << " + " << Seats(*b);

  // Online again, the rest of the cap is taken and not one seat more.
  const int more_a = JoinUntilRefused(*a, 300, &why_a);
  const int more_b = JoinUntilRefused(*b, 400, &why_b);
  EXPECT_EQ(more_a + more_b, 2);
  a->client().Wake();
  b->client().Wake();
  ASSERT_TRUE(WaitFor([&] { return ServerDeal(kCapped)["committed"] == kCap; }));
  for (KioskNode* node : {a.get(), b.get()}) {
    EXPECT_TRUE(WaitFor([&] {
      return node->ledger().GetDeal(kCapped, now_)->tally == rules::Tally{kCap, 0};
    })) << node->origin();
    std::string why;
    EXPECT_EQ(JoinUntilRefused(*node, 500, &why), 0);
    EXPECT_EQ(why, "sold_out");  // the whole deal is full now, and says so
  }
  a->StopSync();
  b->StopSync();
  const json server = ServerDeal(kCapped);
  EXPECT_EQ(server["committed"].get<int64_t>() + server["reserved"].get<int64_t>(), kCap);
  EXPECT_EQ(server_.Stop(), 0);

  auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
  ASSERT_TRUE(db.ok());
  auto pledges = db->Prepare("SELECT count(*) FROM pledges WHERE deal_id = 77");
  ASSERT_TRUE(pledges.ok() && *pledges->Step());
  EXPECT_EQ(pledges->Int(0), kCap);
  auto check = db->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok() && *check->Step());
  EXPECT_EQ(check->Text(0), "ok");
}

}  // namespace
}  // namespace gb::test
