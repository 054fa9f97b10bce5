// Caps over a chain, with every part real (chain_fixture.h): a capped
// chain-wide deal is lent by the head office to its stores and by each store
// to its kiosks, so four kiosks in two stores signing up as fast as they may
// never take more than the cap between them, and do fill it.
#include <cstdio>

#include "tests/sync/uplink/chain_fixture.h"

namespace gb::test {
namespace {

constexpr uint32_t kCappedDeal = 78;
constexpr int kCap = 6;

// A sign-up as the kiosk program takes it when it syncs with a store
// (shell::LedgerDesk): a capped deal only within the kiosk's lease.
base::Result<ledger::SignUpReceipt> LeasedSignUp(KioskNode& node, int phone) {
  ledger::SignUpRequest r;
  r.deal_id = kCappedDeal;
  r.phone_e164 = Phone(phone);
  r.now = static_cast<int64_t>(std::time(nullptr));
  r.lease_required = true;
  auto receipt = node.ledger().SignUp(r);
  node.client().Wake();
  return receipt;
}

TEST_F(ChainProcessTest, ACappedChainWideDealIsNeverOversoldAcrossStores) {
  rules::Deal capped = OpenDeal(kCappedDeal, 2, now_);
  capped.cap = kCap;
  // Published beside deal 77 while the chain runs.
  ImportCatalog(Hdir(), {OpenDeal(kChainDeal, 4, now_), capped}, tmp_.str());
  ASSERT_FALSE(HasFatalFailure());
  for (auto& store : kiosks_) {
    for (auto& node : store) {
      ASSERT_TRUE(WaitFor([&] { return node->ledger().GetDeal(kCappedDeal, now_).ok(); }))
          << node->client().status().last_error;
    }
  }
  // Every kiosk tries a sign-up in turn, round after round, as shoppers
  // would at four kiosks at once; refusals must say "sold out here".
  int taken = 0;
  int by_store[2] = {0, 0};
  int phone = 100;
  const auto start = std::chrono::steady_clock::now();
  while (taken < kCap && std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
    for (int s = 0; s < 2; ++s) {
      for (int k = 0; k < 2; ++k) {
        auto r = LeasedSignUp(*kiosks_[s][k], ++phone);
        if (r.ok()) {
          ++taken;
          ++by_store[s];
        } else {
          ASSERT_EQ(r.status().reason(), "sold_out_here") << r.status().ToString();
        }
        ASSERT_LE(taken, kCap) << "the chain took more sign-ups than the cap";
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::printf("a cap of %d filled over 2 stores (%d + %d) in %.2f s\n", kCap, by_store[0],
              by_store[1],
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_EQ(taken, kCap) << "leases never let the chain fill its cap";
  EXPECT_GT(by_store[0], 0);
  EXPECT_GT(by_store[1], 0);
  // Once full, more tries for a few rounds take nothing more anywhere.
  for (int round = 0; round < 10; ++round) {
    for (int s = 0; s < 2; ++s) {
      for (int k = 0; k < 2; ++k) {
        EXPECT_FALSE(LeasedSignUp(*kiosks_[s][k], ++phone).ok()) << s << k;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // The head office counts exactly the cap.
  EXPECT_TRUE(WaitFor([&] {
    const json tallies = HqTallies();  // kept alive: a range over a temporary's member dangles
    for (const json& d : tallies["deals"]) {
      if (d["id"] == kCappedDeal) return d["committed"] == kCap;
    }
    return false;
  })) << HqTallies().dump();
}

}  // namespace
}  // namespace gb::test
