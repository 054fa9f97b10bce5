// The server identity alarm at the till (server_till.h) and in the kiosk's
// ledger (identity_watch.h): a pin mismatch is refused, never taken for
// "offline"; while the alarm stands a store that does not answer is refused
// too; the alarm survives a restart and, when the store's own certificate
// is seen again, becomes one "server_identity" outbox event.
#include "kiosk/shell/identity_watch.h"
#include "sync/client/till_client.h"
#include "sync/protocol/server_identity_event.h"
#include "tests/kiosk/shell/server_till_fixture.h"

namespace gb::shell {
namespace {

using namespace testing;  // NOLINT: the fixture's names

base::Status PinMismatch() {
  return base::Status::Error(base::Code::kPermissionDenied, "pin_mismatch",
                             "127.0.0.1:8443 presented a certificate other than the enrolled one");
}

class FakeWatch final : public sync_client::IdentityWatch {
 public:
  void Mismatch(int64_t) override { standing = true; }
  void Verified(int64_t) override { standing = false; }
  bool Standing() const override { return standing; }
  bool standing = false;
};

class ServerIdentityTest : public ServerTillTest {
 protected:
  ServerTill WithWatch(bool offline_redeem) {
    auto local = till::LocalTill::Create(
        l(), till::OwnKeyRing(ledger::testing::TestIdentity()).value(), {"till-1", "Till 1", 60, ""});
    EXPECT_TRUE(local.ok());
    return ServerTill(l(), std::move(local).value(), std::make_unique<ScriptedServer>(server_),
                      {"Till 1", offline_redeem, &watch_});
  }
  int64_t LocalDeposits() {
    return Scalar(l(), "SELECT COUNT(*) FROM pledges WHERE deposit_paid_at IS NOT NULL");
  }
  FakeWatch watch_;
};

TEST(ServerIdentityMappingTest, APinMismatchIsTheAlarmAndNotOffline) {
  const base::Status alarm = sync_client::AsIdentityAlarm(PinMismatch());
  EXPECT_EQ(alarm.reason(), "server_identity_changed");
  EXPECT_EQ(alarm.code(), base::Code::kPermissionDenied);
  EXPECT_NE(alarm.message().find("identity has changed"), std::string::npos);
  EXPECT_FALSE(sync_client::IsOffline(alarm));
  EXPECT_FALSE(sync_client::IsOffline(PinMismatch()));
  EXPECT_TRUE(sync_client::IsOffline(Offline()));
  EXPECT_EQ(sync_client::AsIdentityAlarm(Offline()).reason(), "unreachable");
}

TEST(ServerIdentityMappingTest, TheAlarmTransportTellsTheWatchBothWays) {
  ScriptedServer::Shared shared;
  shared.replies.push_back(PinMismatch());
  shared.replies.push_back(Offline());
  shared.replies.push_back(sync_client::HttpReply{403, "{}", ""});
  FakeWatch watch;
  sync_client::AlarmTransport t(std::make_unique<ScriptedServer>(shared), watch, [] { return 5; });
  auto first = t.Send({"POST", "/v1/redeem", "{}"});
  EXPECT_EQ(first.status().reason(), "server_identity_changed");
  EXPECT_TRUE(watch.standing);
  // No answer says nothing about who is there: the alarm stays.
  EXPECT_EQ(t.Send({"POST", "/v1/redeem", "{}"}).status().reason(), "unreachable");
  EXPECT_TRUE(watch.standing);
  // Any reply came over the pinned certificate, a refusal too.
  EXPECT_TRUE(t.Send({"POST", "/v1/redeem", "{}"}).ok());
  EXPECT_FALSE(watch.standing);
}

TEST_F(ServerIdentityTest, ARedemptionIsRefusedEvenWhereOfflineRedemptionIsAllowed) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill t = Make(/*offline_redeem=*/true);
  server_.replies.push_back(PinMismatch());
  auto r = t.Redeem(a.voucher_text, kLater);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "server_identity_changed");
  EXPECT_EQ(r.status().code(), base::Code::kPermissionDenied);
  EXPECT_EQ(Redeemed(), 0);
  EXPECT_FALSE(OutboxHas("redeem"));
}

TEST_F(ServerIdentityTest, DepositsRefundsAndLooksAreRefusedAndChangeNothing) {
  ledger::SignUpReceipt own = Join(43, 1);  // reserved: its ledger could take the deposit offline
  const std::string other = OtherKioskVoucher();
  ServerTill t = Make();
  server_.replies.push_back(PinMismatch());
  EXPECT_EQ(t.TakeDeposit(own.voucher_text, kLater).status().reason(), "server_identity_changed");
  EXPECT_EQ(LocalDeposits(), 0);
  EXPECT_FALSE(OutboxHas("deposit"));
  server_.replies.push_back(PinMismatch());
  EXPECT_EQ(t.Look(other, kLater).status().reason(), "server_identity_changed");
  server_.replies.push_back(PinMismatch());
  EXPECT_EQ(t.TakeDeposit(other, kLater).status().reason(), "server_identity_changed");
  // A refund of a cancelled pledge: the ledger would give it back offline.
  ASSERT_TRUE(t.Cancel(own.voucher_text, kLater, "en").ok());
  server_.replies.push_back(PinMismatch());
  EXPECT_EQ(t.GiveRefund(own.voucher_text, kLater).status().reason(), "server_identity_changed");
  EXPECT_EQ(Scalar(l(), "SELECT COUNT(*) FROM pledges WHERE refunded_at IS NOT NULL"), 0);
}

TEST_F(ServerIdentityTest, WhileTheAlarmStandsNoAnswerIsNoReasonToDecideHere) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ledger::SignUpReceipt b = Join(43, 3);
  ServerTill t = WithWatch(/*offline_redeem=*/true);
  watch_.standing = true;
  server_.replies.push_back(Offline());
  EXPECT_EQ(t.Redeem(a.voucher_text, kLater).status().reason(), "server_identity_changed");
  server_.replies.push_back(Offline());
  EXPECT_EQ(t.TakeDeposit(b.voucher_text, kLater).status().reason(), "server_identity_changed");
  EXPECT_EQ(Redeemed(), 0);
  EXPECT_EQ(LocalDeposits(), 0);
  // Cleared (the store's own certificate was seen): offline is offline again.
  watch_.standing = false;
  server_.replies.push_back(Offline());
  auto v = t.Redeem(a.voucher_text, kLater);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, VerdictKind::kValid);
  EXPECT_EQ(Redeemed(), 1);
}

TEST_F(ServerIdentityTest, TheKiosksAlarmIsKeptLoggedOnceAndReportedWhenItClears) {
  std::vector<std::string> log;
  auto sink = [&](const std::string& line) { log.push_back(line); };
  {
    auto w = LedgerIdentityWatch::Open(path_, ledger::testing::TestIdentity(), "store:8443", sink);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EXPECT_FALSE((*w)->Standing());
    (*w)->Verified(kLater);  // nothing standing: nothing written
    EXPECT_FALSE(OutboxHas("server_identity"));
    (*w)->Mismatch(kLater);
    (*w)->Mismatch(kLater + 30);
    (*w)->Mismatch(kLater + 90);
    EXPECT_TRUE((*w)->Standing());
  }
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("ALARM server_identity_changed"), std::string::npos) << log[0];
  EXPECT_NE(log[0].find("store:8443"), std::string::npos);
  // A restart remembers it.
  auto w = LedgerIdentityWatch::Open(path_, ledger::testing::TestIdentity(), "store:8443", sink);
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE((*w)->Standing());
  EXPECT_FALSE(OutboxHas("server_identity"));
  int woken = 0;
  (*w)->set_on_clear([&] { ++woken; });
  (*w)->Verified(kLater + 120);
  EXPECT_FALSE((*w)->Standing());
  EXPECT_EQ(woken, 1);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_NE(log[1].find("3 mismatches"), std::string::npos) << log[1];
  // One event, which the store's parser takes.
  auto events = l().OutboxAfter(0, 100);
  ASSERT_TRUE(events.ok());
  int found = 0;
  for (const auto& e : *events) {
    if (e.type != "server_identity") continue;
    ++found;
    EXPECT_EQ(e.at, kLater + 120);
    auto p = protocol::ParseServerIdentityPayload(json::parse(e.payload), "payload");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(*p, (protocol::ServerIdentityPayload{kLater, kLater + 90, 3}));
  }
  EXPECT_EQ(found, 1);
  EXPECT_FALSE(l().GetServerAlarm()->has_value());
  (*w)->Verified(kLater + 150);
  EXPECT_EQ(woken, 1);  // cleared once
}

}  // namespace
}  // namespace gb::shell
