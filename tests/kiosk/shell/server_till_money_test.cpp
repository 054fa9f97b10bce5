// ServerTill's deposits and refunds over a real ledger file and a scripted
// store server: who takes each one, and what the till does when the store
// does not answer.
#include "tests/kiosk/shell/server_till_fixture.h"

namespace gb::shell {
namespace {

using namespace testing;  // NOLINT: the fixture's names

// A /v1/deposit or /v1/refund verdict as the server sends it.
json MoneyReply(const std::string& verdict, json extra = json::object()) {
  json body = {{"verdict", verdict}, {"key_id", 1}, {"serial", 1}};
  if (verdict != "UNKNOWN") body["deal_id"] = 43;
  for (auto& [k, v] : extra.items()) body[k] = v;
  return body;
}
json Done(const std::string& verdict, int64_t amount, int64_t at, const std::string& place) {
  return MoneyReply(verdict, {{"amount_minor", amount}, {"at", at}, {"place", place}});
}
json Refused(const std::string& reason) {
  return MoneyReply("REFUSED", {{"reason", reason}, {"message", "the server says no"}});
}

class ServerTillMoneyTest : public ServerTillTest {
 protected:
  int64_t LocalDeposits() {
    return Scalar(l(), "SELECT COUNT(*) FROM pledges WHERE deposit_paid_at IS NOT NULL");
  }
  int64_t LocalRefunds() {
    return Scalar(l(), "SELECT COUNT(*) FROM pledges WHERE refunded_at IS NOT NULL");
  }
  int64_t Jobs(const std::string& kind) {
    return Scalar(l(), "SELECT COUNT(*) FROM print_jobs WHERE kind='" + kind + "'");
  }
};

TEST_F(ServerTillMoneyTest, TheServersDepositIsRecordedInTheLedgerWithItsSlip) {
  ledger::SignUpReceipt a = Join(43, 1);  // reserved: 59.90 to pay
  ServerTill t = Make();
  server_.replies.push_back(Ok(Done("PAID", 5990, kLater, "till-1")));
  auto r = t.TakeDeposit(a.voucher_text, kLater);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_GT(r->print_job_id, 0);
  EXPECT_EQ(LocalDeposits(), 1);
  ASSERT_EQ(server_.targets, std::vector<std::string>{"/v1/deposit"});
  EXPECT_EQ(server_.asked[0]["voucher"], a.voucher_text);
  // The till id, not the redemption place: the ledger's "deposit" event
  // carries the same, which is how the server knows it for this deposit.
  EXPECT_EQ(server_.asked[0]["place"], "till-1");
  EXPECT_FALSE(server_.asked[0].contains("dry_run"));
  auto events = l().OutboxAfter(0, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_FALSE(events->empty());
  EXPECT_EQ(events->back().type, "deposit");
  EXPECT_EQ(json::parse(events->back().payload)["till"], "till-1");

  // Paid here now: a second try is refused by the ledger, without the server.
  auto again = t.TakeDeposit(a.short_code, kLater + 5);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "deposit_already_paid");
  EXPECT_EQ(server_.asked.size(), 1u);
}

TEST_F(ServerTillMoneyTest, ADepositPaidAtAnotherTillIsRefusedAndChangesNothing) {
  ledger::SignUpReceipt a = Join(43, 1);
  ServerTill t = Make();
  server_.replies.push_back(Ok(Done("ALREADY_PAID", 5990, kJoin + 30, "till-2")));
  auto r = t.TakeDeposit(a.short_code, kLater);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "deposit_already_paid");  // the staff screen's words
  EXPECT_EQ(r.status().code(), base::Code::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("till-2"), std::string::npos);
  EXPECT_EQ(LocalDeposits(), 0);
  EXPECT_EQ(Jobs("deposit"), 0);
  EXPECT_EQ(server_.asked.at(0)["short_code"], a.short_code);
}

TEST_F(ServerTillMoneyTest, SyncWritingTheServersDepositFirstStillPrintsTheSlip) {
  ledger::SignUpReceipt a = Join(43, 1);
  ServerTill t = Make();
  ledger::StorePledge paid;
  paid.deal_id = 43;
  paid.state = rules::PledgeState::kActive;
  paid.deposit_amount = 5990;
  paid.deposit_at = kLater;
  paid.deposit_place = "till-1";
  server_.meanwhile = [&] { SyncBrings(a, paid); };
  server_.replies.push_back(Ok(Done("PAID", 5990, kLater, "till-1")));
  auto r = t.TakeDeposit(a.voucher_text, kLater);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_GT(r->print_job_id, 0);
  EXPECT_EQ(Jobs("deposit"), 1);
  EXPECT_EQ(LocalDeposits(), 1);
  EXPECT_EQ(r->pledge.deposit_till, "till-1");
  EXPECT_FALSE(OutboxHas("deposit"));
}

TEST_F(ServerTillMoneyTest, OfflineOrNotUploadedTheLedgerTakesItsOwnDeposit) {
  ledger::SignUpReceipt a = Join(43, 1);
  ledger::SignUpReceipt b = Join(43, 2);
  ServerTill t = Make();
  server_.replies.push_back(Offline());
  auto offline = t.TakeDeposit(a.voucher_text, kLater);
  ASSERT_TRUE(offline.ok()) << offline.status().ToString();
  EXPECT_GT(offline->print_job_id, 0);
  server_.replies.push_back(Ok(MoneyReply("UNKNOWN")));
  auto unknown = t.TakeDeposit(b.voucher_text, kLater);
  ASSERT_TRUE(unknown.ok()) << unknown.status().ToString();
  EXPECT_EQ(LocalDeposits(), 2);
}

TEST_F(ServerTillMoneyTest, ForgedTextAndTyposNeverReachTheServer) {
  ledger::SignUpReceipt a = Join(43, 1);
  ServerTill t = Make();
  std::string forged = a.voucher_text;
  forged[20] = forged[20] == 'A' ? 'B' : 'A';
  EXPECT_EQ(t.TakeDeposit(forged, kLater).status().reason(), "forged");
  std::string typo = a.short_code;
  typo.back() = typo.back() == '1' ? '2' : '1';
  EXPECT_EQ(t.GiveRefund(typo, kLater).status().reason(), "not_found");
  EXPECT_TRUE(server_.asked.empty());
}

TEST_F(ServerTillMoneyTest, AnotherKiosksDepositIsLookedUpAndTakenAtTheServerWithASlip) {
  const std::string other = OtherKioskVoucher(43);
  ServerTill t = Make();
  // Look: the redeem dry run refuses (the pledge awaits its deposit), so the
  // deposit and refund dry runs say what each would do.
  server_.replies.push_back(Ok({{"verdict", "REFUSED"}, {"deal_id", 43},
                                {"reason", "illegal_transition"}, {"message", "reserved"}}));
  server_.replies.push_back(Ok(Done("PAID", 5990, 0, "")));
  server_.replies.push_back(Ok(Refused("nothing_to_refund")));
  auto look = t.Look(other, kLater);
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->deposit_to_take, 5990);
  EXPECT_EQ(look->refund_to_give, 0);
  EXPECT_FALSE(look->found);
  ASSERT_EQ(server_.targets,
            (std::vector<std::string>{"/v1/redeem", "/v1/deposit", "/v1/refund"}));
  for (const json& asked : server_.asked) EXPECT_EQ(asked["dry_run"], true);
  EXPECT_EQ(LocalDeposits(), 0);

  server_.replies.push_back(Ok(Done("PAID", 5990, kLater, "till-1")));
  auto r = t.TakeDeposit(other, kLater);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_EQ(r->pledge.deal_id, 43u);
  ASSERT_GT(r->print_job_id, 0);
  // The slip is queued without a pledge row: the renderer reads the deal
  // from the synced catalog and the short code from the payload.
  const std::string job = "FROM print_jobs WHERE id=" + std::to_string(r->print_job_id);
  EXPECT_EQ(Scalar(l(), "SELECT pledge_id IS NULL " + job), 1);
  EXPECT_EQ(Scalar(l(), "SELECT json_extract(payload, '$.amount') " + job), 5990);
  EXPECT_EQ(Scalar(l(), "SELECT json_extract(payload, '$.deal_id') " + job), 43);
  EXPECT_EQ(Scalar(l(), "SELECT length(json_extract(payload, '$.short_code')) > 0 " + job), 1);
  EXPECT_EQ(server_.asked.back()["voucher"], other);
  EXPECT_FALSE(server_.asked.back().contains("dry_run"));
  EXPECT_EQ(LocalDeposits(), 0);  // no pledge of this kiosk to change

  // Offline: neither a look nor a deposit for another kiosk's voucher.
  server_.replies.push_back(Offline());
  EXPECT_EQ(t.Look(other, kLater).status().reason(), "store_offline");
  server_.replies.push_back(Offline());
  auto offline = t.TakeDeposit(other, kLater);
  ASSERT_FALSE(offline.ok());
  EXPECT_EQ(offline.status().reason(), "store_offline");
  EXPECT_EQ(offline.status().code(), base::Code::kUnavailable);
  server_.replies.push_back(Offline());
  EXPECT_EQ(t.GiveRefund(other, kLater).status().reason(), "store_offline");
}

TEST_F(ServerTillMoneyTest, AnotherKiosksRefusalsUseTheScreensWords) {
  const std::string other = OtherKioskVoucher(43);
  ServerTill t = Make();
  server_.replies.push_back(Ok(Done("ALREADY_REFUNDED", 5990, kJoin + 30, "till-2")));
  EXPECT_EQ(t.GiveRefund(other, kLater).status().reason(), "already_refunded");
  server_.replies.push_back(Ok(MoneyReply("UNKNOWN")));
  EXPECT_EQ(t.GiveRefund(other, kLater).status().reason(), "not_found");
  server_.replies.push_back(Ok(Refused("deposit_late")));
  auto late = t.TakeDeposit(other, kLater);
  EXPECT_EQ(late.status().reason(), "deposit_late");
  EXPECT_EQ(late.status().code(), base::Code::kFailedPrecondition);
  server_.replies.push_back(Ok(Done("REFUNDED", 5990, kLater, "till-1")));
  auto refunded = t.GiveRefund(other, kLater);
  ASSERT_TRUE(refunded.ok()) << refunded.status().ToString();
  EXPECT_EQ(refunded->amount, 5990);
  EXPECT_GT(refunded->print_job_id, 0);
  EXPECT_EQ(Jobs("refund"), 1);
  EXPECT_EQ(server_.targets.back(), "/v1/refund");
}

TEST_F(ServerTillMoneyTest, ACancellationTheServerHasNotSeenIsNotRefundedFromTheLedgerAlone) {
  ledger::SignUpReceipt a = Join(43, 1);
  ASSERT_TRUE(l().PayDeposit(At(a.pledge_id, kJoin + 10)).ok());
  ASSERT_TRUE(l().CancelPledge(At(a.pledge_id, kJoin + 20)).ok());
  ServerTill t = Make();
  // The "cancel" event is still in the outbox: the server sees an active pledge.
  server_.replies.push_back(Ok(Refused("nothing_to_refund")));
  auto behind = t.GiveRefund(a.voucher_text, kLater);
  ASSERT_FALSE(behind.ok());
  EXPECT_EQ(behind.status().reason(), "store_behind");
  EXPECT_EQ(behind.status().code(), base::Code::kUnavailable);
  EXPECT_EQ(LocalRefunds(), 0);

  // Once it has: the server gives it back once, and the ledger records it.
  server_.replies.push_back(Ok(Done("REFUNDED", 5990, kLater, "till-1")));
  auto r = t.GiveRefund(a.voucher_text, kLater);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_GT(r->print_job_id, 0);
  EXPECT_EQ(LocalRefunds(), 1);
  EXPECT_EQ(server_.targets.back(), "/v1/refund");
  auto again = t.GiveRefund(a.short_code, kLater + 5);
  EXPECT_EQ(again.status().reason(), "already_refunded");
  EXPECT_EQ(server_.asked.size(), 2u);
}

TEST_F(ServerTillMoneyTest, ARefundGivenAtAnotherTillIsRefusedHere) {
  ledger::SignUpReceipt a = Join(43, 1);
  ASSERT_TRUE(l().PayDeposit(At(a.pledge_id, kJoin + 10)).ok());
  ASSERT_TRUE(l().CancelPledge(At(a.pledge_id, kJoin + 20)).ok());
  ServerTill t = Make();
  server_.replies.push_back(Ok(Done("ALREADY_REFUNDED", 5990, kJoin + 30, "till-2")));
  auto r = t.GiveRefund(a.voucher_text, kLater);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "already_refunded");
  EXPECT_EQ(LocalRefunds(), 0);
  EXPECT_EQ(Jobs("refund"), 0);
}

TEST_F(ServerTillMoneyTest, BrokenMoneyRepliesAreErrorsNotVerdicts) {
  const std::string other = OtherKioskVoucher(43);
  ServerTill t = Make();
  const std::vector<json> broken = {
      Done("REFUNDED", 5990, kLater, "till-1"),  // a refund's verdict to a deposit
      Done("VALID", 5990, kLater, "till-1"),     // a redemption's
      MoneyReply("PAID", {{"at", kLater}, {"place", "till-1"}}),  // no amount
      [&] {
        json j = Done("PAID", 5990, kLater, "till-1");
        j["amount_minor"] = "5990";  // a string
        return j;
      }(),
      Done("PAID", -1, kLater, "till-1"),
      MoneyReply("REFUSED", {{"message", "no reason"}}),
      json{{"verdict", "PAID"}},  // no key_id, serial
  };
  for (const json& body : broken) {
    server_.replies.push_back(Ok(body));
    auto r = t.TakeDeposit(other, kLater);
    ASSERT_FALSE(r.ok()) << body.dump();
    EXPECT_EQ(r.status().reason(), "bad_reply") << body.dump();
  }
  server_.replies.push_back(sync_client::HttpReply{200, "[]", ""});
  EXPECT_EQ(t.GiveRefund(other, kLater).status().reason(), "bad_reply");
  server_.replies.push_back(sync_client::HttpReply{403, R"({"error":"revoked"})", ""});
  EXPECT_EQ(t.GiveRefund(other, kLater).status().reason(), "server_refused");
  EXPECT_EQ(Jobs("deposit") + Jobs("refund"), 0);
}

}  // namespace
}  // namespace gb::shell
