// Caps over a chain, with every part real (chain_fixture.h): a capped
// chain-wide deal is lent by the head office to its stores and by each store
// to its kiosks, so four kiosks in two stores signing up as fast as they may
// never take more than the cap between them, and do fill it, also when the
// head office is away for a while.
#include <cstdio>

#include "tests/sync/uplink/chain_fixture.h"

namespace gb::test {
namespace {

constexpr uint32_t kCappedDeal = 78;
constexpr int kCap = 6;

class ChainCapsProcessTest : public ChainProcessTest {
 protected:
  // Publishes the capped deal beside deal 77 while the chain runs, and waits
  // until every kiosk has it.
  void PublishCappedDeal() {
    rules::Deal capped = OpenDeal(kCappedDeal, 2, now_);
    capped.cap = kCap;
    ImportCatalog(Hdir(), {OpenDeal(kChainDeal, 4, now_), capped}, tmp_.str());
    ASSERT_FALSE(HasFatalFailure());
    for (auto& store : kiosks_) {
      for (auto& node : store) {
        ASSERT_TRUE(WaitFor([&] { return node->ledger().GetDeal(kCappedDeal, now_).ok(); }))
            << node->client().status().last_error;
      }
    }
  }

  // A sign-up as the kiosk program takes it when it syncs with a store
  // (shell::LedgerDesk): a capped deal only within the kiosk's lease.
  base::Result<ledger::SignUpReceipt> LeasedSignUp(KioskNode& node) {
    ledger::SignUpRequest r;
    r.deal_id = kCappedDeal;
    r.phone_e164 = Phone(++phone_);
    r.now = static_cast<int64_t>(std::time(nullptr));
    r.lease_required = true;
    auto receipt = node.ledger().SignUp(r);
    node.client().Wake();
    return receipt;
  }

  // Every kiosk tries a sign-up in turn, round after round, as shoppers
  // would at four kiosks at once, until the chain has taken `until` or `for_s`
  // passed. The only refusals allowed are "sold out here" and, once the
  // kiosk has heard the cap is full, "sold out"; the chain never takes more
  // than the cap.
  void Rounds(int until, int for_s) {
    const auto start = std::chrono::steady_clock::now();
    while (taken_ < until && std::chrono::steady_clock::now() - start < std::chrono::seconds(for_s)) {
      for (int s = 0; s < 2; ++s) {
        for (int k = 0; k < 2; ++k) {
          auto r = LeasedSignUp(*kiosks_[s][k]);
          if (r.ok()) {
            ++taken_;
            ++by_store_[s];
          } else {
            ASSERT_TRUE(r.status().reason() == "sold_out_here" ||
                        (r.status().reason() == "sold_out" && taken_ == kCap))
                << r.status().ToString();
          }
          ASSERT_LE(taken_, kCap) << "the chain took more sign-ups than the cap";
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  void ExpectTheHeadOfficeCountsTheCap() {
    EXPECT_TRUE(WaitFor([&] {
      const json tallies = HqTallies();  // kept alive: a range over a temporary's member dangles
      for (const json& d : tallies["deals"]) {
        if (d["id"] == kCappedDeal) return d["committed"] == kCap;
      }
      return false;
    })) << HqTallies().dump();
  }

  int taken_ = 0;
  int by_store_[2] = {0, 0};
  int phone_ = 100;
};

TEST_F(ChainCapsProcessTest, ACappedChainWideDealIsNeverOversoldAcrossStores) {
  PublishCappedDeal();
  ASSERT_FALSE(HasFatalFailure());
  const auto start = std::chrono::steady_clock::now();
  Rounds(kCap, 30);
  ASSERT_FALSE(HasFatalFailure());
  std::printf("a cap of %d filled over 2 stores (%d + %d) in %.2f s\n", kCap, by_store_[0],
              by_store_[1],
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_EQ(taken_, kCap) << "leases never let the chain fill its cap";
  EXPECT_GT(by_store_[0], 0);
  EXPECT_GT(by_store_[1], 0);
  // Once full, more tries for a second take nothing more anywhere.
  Rounds(kCap + 1, 1);
  ExpectTheHeadOfficeCountsTheCap();
}

TEST_F(ChainCapsProcessTest, WithTheHeadOfficeAwayEachStoreSellsOnlyItsShare) {
  PublishCappedDeal();
  ASSERT_FALSE(HasFatalFailure());
  const uint16_t port = hq_.port();
  ASSERT_EQ(hq_.Stop(), 0) << hq_.Output();
  // Cut off, each store still sells what the head office lent it, and no
  // more: two stores that each believed the whole cap theirs would fill it
  // twice over here.
  Rounds(kCap, 3);
  ASSERT_FALSE(HasFatalFailure());
  std::printf("with the head office away: %d + %d of a cap of %d\n", by_store_[0], by_store_[1],
              kCap);
  EXPECT_GT(by_store_[0], 0) << "a store cut off sold nothing";
  EXPECT_GT(by_store_[1], 0) << "a store cut off sold nothing";
  EXPECT_LT(taken_, kCap) << "each store's share is less than the whole cap";
  // Back: the rest of the cap is lent again and filled, never passed.
  ASSERT_TRUE(hq_.Start(Hdir(), true, {"--listen", "127.0.0.1:" + std::to_string(port)}))
      << hq_.Output();
  Rounds(kCap, 30);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_EQ(taken_, kCap);
  Rounds(kCap + 1, 1);
  ExpectTheHeadOfficeCountsTheCap();
}

}  // namespace
}  // namespace gb::test
