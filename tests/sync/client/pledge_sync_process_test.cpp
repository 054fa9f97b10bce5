// GET /v1/state's "pledges" end to end: a real groupbuy-store and two wired
// kiosks. Kiosk A issues vouchers; kiosk B's till takes their deposits and
// redeems one through the store; A's ledger follows by sync alone, and A's
// own till then refuses what the store has already done.
#include "kiosk/shell/till_desk.h"
#include "tests/sync/client/wired_kiosk.h"

namespace gb::test {
namespace {

class PledgeSyncProcessTest : public WiredStoreTest {};

TEST_F(PledgeSyncProcessTest, AVoucherPaidAndRedeemedAtAnotherTillIsKnownWhereItWasIssued) {
  // Deal 44 asks a 10 % deposit within a day and unlocks at 2.
  rules::Deal d = MakeDeal(44, 2);
  d.opens_at = now_ - 3600;
  d.stop_at = now_ + 7 * 86400;
  d.deadline = now_ + 8 * 86400;
  d.redeem_by = now_ + 30 * 86400;
  d.deposit = {rules::DepositKind::kPercent, 1000, 86400};
  ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog44.json"),
                                    json{{"deals", json::array({rules::DealToJson(d)})}}.dump(),
                                    0644, base::Overwrite::kNo)
                  .ok());
  CliRun import =
      Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog44.json"), tmp_.str());
  ASSERT_EQ(import.code, 0) << import.err;
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  auto a = Wire(0);
  auto b = Wire(1);
  ASSERT_TRUE(a && b);
  for (WiredKiosk* k : {a.get(), b.get()}) {
    ASSERT_TRUE(WaitFor([&] { return k->ledger->GetDeal(44, Now()).ok(); }));
  }
  std::vector<ledger::SignUpReceipt> vouchers;
  for (int i = 0; i < 2; ++i) {
    ledger::SignUpRequest r;
    r.deal_id = 44;
    r.phone_e164 = Phone(i);
    r.now = Now();
    auto receipt = a->ledger->SignUp(r);
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    ASSERT_EQ(receipt->state, rules::PledgeState::kReserved);
    vouchers.push_back(*receipt);
  }
  ASSERT_TRUE(Uploaded(*a));
  ASSERT_TRUE(KnowsKey(*b, enrolled_[0].key_id));
  const int64_t deposit = 5990;  // 10 % of 599.00

  // B's till takes both deposits (the deal unlocks) and redeems the first.
  for (const auto& v : vouchers) {
    auto paid = b->till->TakeDeposit(v.voucher_text, Now());
    ASSERT_TRUE(paid.ok()) << paid.status().ToString();
    EXPECT_EQ(paid->amount, deposit);
  }
  auto redeemed = b->till->Redeem(vouchers[0].short_code, Now());
  ASSERT_TRUE(redeemed.ok()) << redeemed.status().ToString();
  ASSERT_EQ(redeemed->kind, till::VerdictKind::kValid);

  // A hears of all of it by sync: its ledger's rows follow the store.
  ASSERT_TRUE(WaitFor([&] {
    auto p = a->ledger->GetPledge(vouchers[0].pledge_id);
    return p.ok() && p->state == rules::PledgeState::kRedeemed;
  }));
  ASSERT_TRUE(WaitFor([&] {
    auto p = a->ledger->GetPledge(vouchers[1].pledge_id);
    return p.ok() && p->state == rules::PledgeState::kActive;
  }));
  const rules::PledgeRecord first = a->ledger->GetPledge(vouchers[0].pledge_id).value();
  EXPECT_EQ(first.deposit_paid, deposit);
  EXPECT_TRUE(first.deposit_paid_at.has_value());
  EXPECT_EQ(first.deposit_till, b->ledger->identity().origin);  // B's till id
  EXPECT_TRUE(first.redeemed_at.has_value());
  EXPECT_EQ(first.redeemed_place, "Till 1");
  const rules::PledgeRecord second = a->ledger->GetPledge(vouchers[1].pledge_id).value();
  EXPECT_EQ(second.deposit_paid, deposit);
  // Both count as committed at A now, as at the store.
  EXPECT_EQ(a->ledger->GetDeal(44, Now())->tally, (rules::Tally{2, 0}));

  // "Check or cancel" at A: the redeemed voucher cannot be cancelled.
  auto look = a->till->Look(vouchers[0].voucher_text, Now());
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->effective, rules::PledgeState::kRedeemed);
  EXPECT_FALSE(look->can_cancel);
  // The shopper's "check your voucher" screen reads the same.
  auto desk = shell::TillDesk::Create(*a->ledger, {a->ledger->identity().origin, "Till 0", 0, ""},
                                      a->wiring.get());
  ASSERT_TRUE(desk.ok()) << desk.status().ToString();
  auto check = (*desk)->Check(vouchers[0].short_code, Now());
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->pledge_state, "redeemed");
  EXPECT_FALSE(check->can_cancel);
  EXPECT_EQ((*desk)->Check(vouchers[1].short_code, Now())->pledge_state, "active");
  auto cancel = a->till->Cancel(vouchers[0].voucher_text, Now(), "en");
  EXPECT_FALSE(cancel.ok());
  EXPECT_EQ(a->ledger->GetPledge(vouchers[0].pledge_id)->state, rules::PledgeState::kRedeemed);
  // The paid one shows its deposit taken: nothing more to take.
  auto paid_look = a->till->Look(vouchers[1].voucher_text, Now());
  ASSERT_TRUE(paid_look.ok()) << paid_look.status().ToString();
  EXPECT_EQ(paid_look->effective, rules::PledgeState::kActive);
  EXPECT_EQ(paid_look->deposit_to_take, 0);
  // Nothing of this went back to the store from A: only its two sign-ups.
  auto outbox = a->ledger->OutboxAfter(0, 100);
  ASSERT_TRUE(outbox.ok());
  EXPECT_EQ(outbox->size(), 2u);
  EXPECT_EQ(StoreConflicts(enrolled_[0].cert_sha256), 0);
}

}  // namespace
}  // namespace gb::test
