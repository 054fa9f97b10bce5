// A kiosk's server identity alarm travels up like printer trouble: real
// head office, stores and kiosks (chain_fixture.h). The kiosk's ledger
// clears an alarm (as its LedgerIdentityWatch does at the first reply with
// the pinned certificate), its sync uploads the "server_identity" event,
// the store shows it and reports it to the head office, which shows it by
// store. The pin mismatch itself is IdentityAlarmProcessTest's.
#include <chrono>
#include <cstdio>

#include "tests/sync/uplink/chain_fixture.h"

namespace gb::test {
namespace {

TEST_F(ChainProcessTest, AServerIdentityAlarmAtAKioskShowsAtTheHeadOffice) {
  KioskNode& node = *kiosks_[1][0];
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  ASSERT_TRUE(node.ledger().RaiseServerAlarm(now - 30).ok());
  ASSERT_TRUE(node.ledger().RaiseServerAlarm(now - 10).ok());
  auto cleared = node.ledger().ClearServerAlarm(now);
  ASSERT_TRUE(cleared.ok() && cleared->has_value());
  node.client().Wake();
  const auto sent = std::chrono::steady_clock::now();
  auto alarms = [&] { return HqTallies()["identity_alarms"]; };
  ASSERT_TRUE(WaitFor([&] { return alarms().size() == 1; })) << HqTallies().dump();
  std::printf("server identity alarm shown at head office %.2f s after the kiosk cleared it\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count());
  const json a = alarms()[0];
  EXPECT_EQ(a["kiosk_id"], node.origin());
  EXPECT_EQ(a["first_at"], now - 30);
  EXPECT_EQ(a["last_at"], now - 10);
  EXPECT_EQ(a["mismatches"], 2);
  EXPECT_GE(a["reported_at"].get<int64_t>(), now);
  EXPECT_EQ(a["name"], "Store1 · " + node.origin());
  EXPECT_FALSE(a.contains("phone"));
}

}  // namespace
}  // namespace gb::test
