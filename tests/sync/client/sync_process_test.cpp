// The real sync client against a real groupbuy-store on 127.0.0.1: kiosks
// that sign up at the same time converge on the server's tallies, and a
// server killed with -9 while a kiosk signs up ends with every event once.
#include <atomic>

#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

TEST_F(SyncProcessTest, ThreeKiosksSigningUpAtOnceConvergeOnTheServersTally) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  std::vector<std::unique_ptr<KioskNode>> kiosks;
  for (int k = 0; k < 3; ++k) {
    kiosks.push_back(NewKiosk(k));
    ASSERT_TRUE(kiosks.back()->StartSync(server_.port()));
  }
  // The deal reaches every kiosk from the store's catalog, by sync alone.
  for (auto& node : kiosks) {
    ASSERT_TRUE(WaitFor([&] { return node->ledger().GetDeal(42, now_).ok(); }))
        << node->client().status().last_error;
  }
  constexpr int kEach = 4;
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int k = 0; k < 3; ++k) {
    threads.emplace_back([&, k] {
      for (int i = 0; i < kEach; ++i) {
        if (!SignUp(*kiosks[static_cast<size_t>(k)], k * 100 + i).ok()) ++failures;
        kiosks[static_cast<size_t>(k)]->client().Wake();
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(failures, 0);

  ASSERT_TRUE(WaitFor([&] { return ServerDeal(42)["committed"] == 3 * kEach; }));
  const json server = ServerDeal(42);
  EXPECT_EQ(server["state"], "unlocked");
  const rules::Tally want{server["committed"].get<int64_t>(), server["reserved"].get<int64_t>()};
  for (auto& node : kiosks) {
    // Applied states trail uploads by one poll; wait for the last one.
    EXPECT_TRUE(WaitFor([&] {
      auto d = node->ledger().GetDeal(42, now_);
      return d.ok() && d->tally == want && d->state == rules::DealState::kUnlocked;
    })) << node->origin();
    auto d = node->ledger().GetDeal(42, now_);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->tally, want) << node->origin();
    EXPECT_EQ(d->state, rules::DealState::kUnlocked) << node->origin();
    EXPECT_EQ(server["by_kiosk"][node->origin()]["committed"], kEach);
    const sync_client::SyncStatus st = node->client().status();
    EXPECT_TRUE(st.online) << st.last_error;
    EXPECT_EQ(st.acked_seq, kEach);
    EXPECT_GT(st.state_revision, 0);
    // Every kiosk knows every kiosk's key, for verifying vouchers offline.
    EXPECT_EQ(node->ledger().ListStoreKiosks()->size(), 3u);
  }
}

TEST_F(SyncProcessTest, AServerKilledMidStreamEndsWithEveryEventExactlyOnce) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  const std::string listen = "127.0.0.1:" + std::to_string(server_.port());
  auto node = NewKiosk(0);
  ASSERT_TRUE(node->StartSync(server_.port(), /*idle_poll_ms=*/20));
  ASSERT_TRUE(WaitFor([&] { return node->ledger().GetDeal(42, now_).ok(); }));
  constexpr int kTotal = 60;
  std::atomic<int> signed_up = 0;
  std::atomic<int> failures = 0;
  std::thread shopper([&] {
    for (int i = 0; i < kTotal; ++i) {
      if (!SignUp(*node, i).ok()) ++failures;
      node->client().Wake();
      ++signed_up;
    }
  });
  // Kill twice while sign-ups keep coming; restart on the same port.
  for (int kill_after : {15, 40}) {
    ASSERT_TRUE(WaitFor([&] { return signed_up >= kill_after; }));
    server_.Kill();
    ASSERT_TRUE(server_.Start(Sdir(), false, {"--listen", listen})) << server_.Output();
  }
  shopper.join();
  ASSERT_EQ(failures, 0);
  ASSERT_TRUE(WaitFor([&] { return node->client().status().acked_seq == kTotal; }))
      << node->client().status().last_error;
  node->StopSync();
  EXPECT_EQ(ServerDeal(42)["committed"], kTotal);
  EXPECT_EQ(server_.Stop(), 0);
  auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
  ASSERT_TRUE(db.ok());
  auto st = db->Prepare("SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM events");
  ASSERT_TRUE(st.ok() && *st->Step());
  EXPECT_EQ(st->Int(0), kTotal);
  EXPECT_EQ(st->Int(1), kTotal);
  EXPECT_EQ(st->Int(2), 1);
  EXPECT_EQ(st->Int(3), kTotal);
  auto pledges = db->Prepare("SELECT count(*) FROM pledges");
  ASSERT_TRUE(pledges.ok() && *pledges->Step());
  EXPECT_EQ(pledges->Int(0), kTotal);
}

}  // namespace
}  // namespace gb::test
