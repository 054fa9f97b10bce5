// ServerTill over a real ledger file and a scripted store server: who decides
// each redemption, deposit and refund, and what the till does when the store
// does not answer.
#include "tests/kiosk/shell/server_till_fixture.h"

namespace gb::shell {
namespace {

using namespace testing;  // NOLINT: the fixture's names

TEST_F(ServerTillTest, TheServersValidRedeemsInTheLedgerToo) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill t = Make();
  server_.replies.push_back(Ok({{"verdict", "VALID"}, {"deal_id", 42}, {"redeemed_at", kLater},
                                {"place", "Till 1"}}));
  auto v = t.Redeem(a.voucher_text, kLater);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, VerdictKind::kValid);
  EXPECT_TRUE(v->redeemed_now);
  EXPECT_GT(v->print_job_id, 0);  // the slip
  EXPECT_EQ(Redeemed(), 1);
  ASSERT_EQ(server_.asked.size(), 1u);
  EXPECT_EQ(server_.asked[0]["voucher"], a.voucher_text);
  EXPECT_EQ(server_.asked[0]["place"], "Till 1");
  EXPECT_FALSE(server_.asked[0].contains("dry_run"));
}

TEST_F(ServerTillTest, SyncWritingTheServersRedemptionFirstStillPrintsTheSlip) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill t = Make();
  ledger::StorePledge redeemed;
  redeemed.deal_id = 42;
  redeemed.state = rules::PledgeState::kRedeemed;
  redeemed.redeemed_at = kLater;
  redeemed.redeemed_place = "Till 1";
  server_.meanwhile = [&] { SyncBrings(a, redeemed); };
  server_.replies.push_back(Ok({{"verdict", "VALID"}, {"deal_id", 42}, {"redeemed_at", kLater},
                                {"place", "Till 1"}}));
  auto v = t.Redeem(a.voucher_text, kLater);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, VerdictKind::kValid);
  EXPECT_TRUE(v->redeemed_now);
  EXPECT_GT(v->print_job_id, 0);
  EXPECT_EQ(Scalar(l(), "SELECT COUNT(*) FROM print_jobs WHERE kind='redemption'"), 1);
  EXPECT_EQ(Redeemed(), 1);
  EXPECT_FALSE(OutboxHas("redeem"));  // the store has it already
}

TEST_F(ServerTillTest, RedeemedAtAnotherTillSaysWhenAndWhereAndChangesNothing) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill t = Make();
  server_.replies.push_back(Ok({{"verdict", "ALREADY_REDEEMED"}, {"deal_id", 42},
                                {"redeemed_at", kJoin + 30}, {"place", "Till 2"}}));
  auto v = t.Redeem(a.short_code, kLater);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, VerdictKind::kAlreadyRedeemed);
  EXPECT_EQ(v->redeemed_place, "Till 2");
  EXPECT_EQ(v->redeemed_at, kJoin + 30);
  EXPECT_FALSE(v->redeemed_now);
  EXPECT_EQ(Redeemed(), 0);
  EXPECT_EQ(server_.asked.at(0)["short_code"], a.short_code);
}

TEST_F(ServerTillTest, AVoucherNotUploadedYetIsRedeemedFromTheLedger) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill t = Make();
  server_.replies.push_back(Ok({{"verdict", "UNKNOWN"}}));
  auto v = t.Redeem(a.voucher_text, kLater);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, VerdictKind::kValid);
  EXPECT_TRUE(v->redeemed_now);
  EXPECT_EQ(Redeemed(), 1);
}

TEST_F(ServerTillTest, OfflineRedemptionFollowsTheStoresPolicy) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill strict = Make(/*offline_redeem=*/false);
  server_.replies.push_back(Offline());
  auto refused = strict.Redeem(a.voucher_text, kLater);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "store_offline");
  EXPECT_EQ(refused.status().code(), base::Code::kUnavailable);
  EXPECT_EQ(Redeemed(), 0);

  ServerTill lenient = Make(/*offline_redeem=*/true);
  server_.replies.push_back(Offline());
  auto v = lenient.Redeem(a.voucher_text, kLater);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, VerdictKind::kValid);
  EXPECT_EQ(Redeemed(), 1);
}

TEST_F(ServerTillTest, ForgedTextAndTyposNeverReachTheServer) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill t = Make();
  std::string forged = a.voucher_text;
  forged[20] = forged[20] == 'A' ? 'B' : 'A';
  EXPECT_EQ(t.Redeem(forged, kLater)->kind, VerdictKind::kForged);
  std::string typo = a.short_code;
  typo.back() = typo.back() == '1' ? '2' : '1';
  EXPECT_EQ(t.Redeem(typo, kLater)->kind, VerdictKind::kNotFound);
  EXPECT_TRUE(server_.asked.empty());
}

TEST_F(ServerTillTest, RedeemedHereAlreadyIsAnsweredWithoutTheServer) {
  ledger::SignUpReceipt a = UnlockedVoucher();
  ServerTill lenient = Make(/*offline_redeem=*/true);
  server_.replies.push_back(Offline());
  ASSERT_TRUE(lenient.Redeem(a.voucher_text, kLater).ok());
  auto again = lenient.Redeem(a.voucher_text, kLater + 5);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kind, VerdictKind::kAlreadyRedeemed);
  EXPECT_EQ(server_.asked.size(), 1u);
}

TEST_F(ServerTillTest, AnotherKiosksVoucherIsLookedUpAndRedeemedAtTheServer) {
  UnlockedVoucher();
  const std::string other = OtherKioskVoucher();
  ServerTill t = Make(/*offline_redeem=*/true);
  server_.replies.push_back(Ok({{"verdict", "VALID"}, {"deal_id", 42},
                                {"settlement", {{"price", 54900}, {"deposit_paid", 0},
                                                {"charge", 54900}, {"give_back", 0}}}}));
  auto look = t.Look(other, kLater);
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->verdict.kind, VerdictKind::kValid);
  EXPECT_FALSE(look->verdict.redeemed_now);
  EXPECT_EQ(look->verdict.settlement.charge, 54900);
  EXPECT_EQ(look->verdict.currency, "EUR");
  EXPECT_EQ(server_.asked.at(0)["dry_run"], true);

  server_.replies.push_back(Ok({{"verdict", "VALID"}, {"deal_id", 42},
                                {"settlement", {{"price", 54900}, {"deposit_paid", 0},
                                                {"charge", 54900}, {"give_back", 0}}}}));
  auto v = t.Redeem(other, kLater);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, VerdictKind::kValid);
  EXPECT_TRUE(v->redeemed_now);
  EXPECT_EQ(v->settlement.charge, 54900);
  EXPECT_FALSE(server_.asked.at(1).contains("dry_run"));
  EXPECT_EQ(Redeemed(), 0);  // not a pledge of this kiosk

  // Offline, another kiosk's voucher cannot be redeemed here whatever the policy.
  server_.replies.push_back(Offline());
  auto offline = t.Redeem(other, kLater);
  ASSERT_FALSE(offline.ok());
  EXPECT_EQ(offline.status().reason(), "store_offline");
}

TEST_F(ServerTillTest, RefusalsMapToTheScreensVerdicts) {
  const std::string other = OtherKioskVoucher();
  ServerTill t = Make();
  server_.replies.push_back(Ok({{"verdict", "REFUSED"}, {"reason", "not_unlocked"}}));
  EXPECT_EQ(t.Redeem(other, kLater)->kind, VerdictKind::kNotYetUnlocked);
  server_.replies.push_back(Ok({{"verdict", "REFUSED"}, {"reason", "expired"}}));
  EXPECT_EQ(t.Redeem(other, kLater)->kind, VerdictKind::kExpired);
  server_.replies.push_back(Ok({{"verdict", "REFUSED"}, {"reason", "illegal_transition"}}));
  EXPECT_EQ(t.Redeem(other, kLater)->kind, VerdictKind::kVoid);
  server_.replies.push_back(Ok({{"verdict", "UNKNOWN"}}));
  EXPECT_EQ(t.Redeem(other, kLater)->kind, VerdictKind::kNotFound);
}

TEST_F(ServerTillTest, ARevokedTokenOrABrokenReplyIsAnErrorNotAVerdict) {
  const std::string other = OtherKioskVoucher();
  ServerTill t = Make(/*offline_redeem=*/true);
  server_.replies.push_back(sync_client::HttpReply{403, R"({"error":"revoked","message":"no"})", ""});
  auto denied = t.Redeem(other, kLater);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().reason(), "server_refused");
  server_.replies.push_back(Ok({{"verdict", "MAYBE"}}));
  auto broken = t.Redeem(other, kLater);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().reason(), "bad_reply");
  server_.replies.push_back(sync_client::HttpReply{200, R"({"verdict":"VALID","settlement":{"price":"x"}})", ""});
  EXPECT_EQ(t.Redeem(other, kLater).status().reason(), "bad_reply");
}

}  // namespace
}  // namespace gb::shell
