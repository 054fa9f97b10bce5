// The till of kiosks that sync (kiosk/shell/server_till.h) against a real
// groupbuy-store over pinned HTTPS: a voucher of one kiosk is redeemed at
// another kiosk's till exactly once, whichever till is faster, its deposit is
// taken and given back once across tills, and nothing is redeemed or paid on
// the strength of a server that does not answer.
#include <atomic>
#include <functional>
#include <thread>

#include "tests/sync/client/wired_kiosk.h"

namespace gb::test {
namespace {

class ServerTillProcessTest : public WiredStoreTest {};

TEST_F(ServerTillProcessTest, AnotherKiosksVoucherIsRedeemedOnceAcrossTills) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  auto shop = Wire(0);
  auto till1 = Wire(1);
  auto till2 = Wire(2);
  ASSERT_TRUE(shop && till1 && till2);
  ASSERT_TRUE(WaitFor([&] { return shop->ledger->GetDeal(42, Now()).ok(); }));
  std::vector<ledger::SignUpReceipt> vouchers;
  for (int i = 0; i < 4; ++i) {  // 3 unlock the deal
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = Phone(i);
    r.now = Now();
    auto receipt = shop->ledger->SignUp(r);
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    vouchers.push_back(*receipt);
  }
  shop->wiring->Wake();
  const std::string pin = enrolled_[0].cert_sha256;
  ASSERT_TRUE(WaitFor([&] { return ServerDeal(42, true, pin)["state"] == "unlocked"; }));
  // The tills learn the shop's key from the store's state.
  const uint32_t shop_key = enrolled_[0].key_id;
  for (WiredKiosk* t : {till1.get(), till2.get()}) {
    ASSERT_TRUE(WaitFor([&] {
      auto ks = t->ledger->ListStoreKiosks();
      if (!ks.ok()) return false;
      for (const auto& k : *ks) {
        if (k.key_id == shop_key) return true;
      }
      return false;
    }));
  }

  // A till looks first: the store says what to charge (3 joined: the first
  // tier) and nothing is redeemed by looking.
  auto look = till1->till->Look(vouchers[0].voucher_text, Now());
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->verdict.kind, till::VerdictKind::kValid);
  EXPECT_FALSE(look->verdict.redeemed_now);
  EXPECT_EQ(look->verdict.settlement.price, vouchers[0].price_minor);
  EXPECT_EQ(look->verdict.settlement.charge, vouchers[0].price_minor);

  // Both tills at once: one by the scanned text, one by the typed code.
  std::atomic<int> ready = 0;
  base::Result<till::Verdict> got[2] = {base::Status::Internal("", ""),
                                        base::Status::Internal("", "")};
  std::thread a([&] {
    ++ready;
    while (ready < 2) {
    }
    got[0] = till1->till->Redeem(vouchers[0].voucher_text, Now());
  });
  std::thread b([&] {
    ++ready;
    while (ready < 2) {
    }
    got[1] = till2->till->Redeem(vouchers[0].short_code, Now());
  });
  a.join();
  b.join();
  ASSERT_TRUE(got[0].ok()) << got[0].status().ToString();
  ASSERT_TRUE(got[1].ok()) << got[1].status().ToString();
  const int winner = got[0]->kind == till::VerdictKind::kValid ? 0 : 1;
  EXPECT_EQ(got[winner]->kind, till::VerdictKind::kValid);
  EXPECT_TRUE(got[winner]->redeemed_now);
  EXPECT_EQ(got[1 - winner]->kind, till::VerdictKind::kAlreadyRedeemed);
  EXPECT_EQ(got[1 - winner]->redeemed_place, "Till " + std::to_string(winner + 1));

  // The issuing kiosk's own till hears of it from the server, not its ledger.
  auto mine = shop->till->Redeem(vouchers[0].voucher_text, Now());
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->kind, till::VerdictKind::kAlreadyRedeemed);
  // Its own voucher redeemed at its own till: recorded in its ledger, slip queued.
  auto own = shop->till->Redeem(vouchers[1].voucher_text, Now());
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->kind, till::VerdictKind::kValid);
  EXPECT_GT(own->print_job_id, 0);
  EXPECT_EQ(shop->ledger->GetPledge(vouchers[1].pledge_id)->state, rules::PledgeState::kRedeemed);
  // And then another till finds it redeemed.
  auto late = till2->till->Redeem(vouchers[1].voucher_text, Now());
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->kind, till::VerdictKind::kAlreadyRedeemed);
  EXPECT_EQ(late->redeemed_place, "Till 0");

  // The store goes away: nothing is redeemed on a guess.
  EXPECT_EQ(server_.Stop(), 0);
  auto offline = till1->till->Redeem(vouchers[2].voucher_text, Now());
  ASSERT_FALSE(offline.ok());
  EXPECT_EQ(offline.status().reason(), "store_offline");
}

TEST_F(ServerTillProcessTest, ADepositAndARefundHappenOnceAcrossTills) {
  // Deal 44 asks a 10 % deposit within a day of signing up.
  rules::Deal d = MakeDeal(44, 3);
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
  auto shop = Wire(0);
  auto till1 = Wire(1);
  auto till2 = Wire(2);
  ASSERT_TRUE(shop && till1 && till2);
  for (WiredKiosk* k : {shop.get(), till1.get(), till2.get()}) {
    ASSERT_TRUE(WaitFor([&] { return k->ledger->GetDeal(44, Now()).ok(); }));
  }
  std::vector<ledger::SignUpReceipt> vouchers;
  for (int i = 0; i < 3; ++i) {
    ledger::SignUpRequest r;
    r.deal_id = 44;
    r.phone_e164 = Phone(i);
    r.now = Now();
    auto receipt = shop->ledger->SignUp(r);
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    vouchers.push_back(*receipt);
  }
  ASSERT_TRUE(Uploaded(*shop));
  const std::string pin = enrolled_[0].cert_sha256;
  ASSERT_TRUE(KnowsKey(*till1, enrolled_[0].key_id));
  ASSERT_TRUE(KnowsKey(*till2, enrolled_[0].key_id));
  const int64_t deposit = 5990;  // 10 % of 599.00

  // Till 1 looks at the shop's voucher: the store says what to take.
  auto look = till1->till->Look(vouchers[0].voucher_text, Now());
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->deposit_to_take, deposit);
  EXPECT_EQ(look->refund_to_give, 0);
  auto paid = till1->till->TakeDeposit(vouchers[0].voucher_text, Now());
  ASSERT_TRUE(paid.ok()) << paid.status().ToString();
  EXPECT_EQ(paid->amount, deposit);
  EXPECT_GT(paid->print_job_id, 0);  // the deposit receipt, from till 1's catalog
  // Till 2, and the shop's own till, find it paid.
  auto twice = till2->till->TakeDeposit(vouchers[0].short_code, Now());
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().reason(), "deposit_already_paid");
  auto own = shop->till->TakeDeposit(vouchers[0].voucher_text, Now());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.status().reason(), "deposit_already_paid");

  // The shop's own till takes its own voucher's deposit through the store:
  // its ledger records it, and its "deposit" event, once uploaded, is known
  // as the same deposit (no double_deposit conflict).
  auto mine = shop->till->TakeDeposit(vouchers[1].voucher_text, Now());
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->amount, deposit);
  EXPECT_GT(mine->print_job_id, 0);
  EXPECT_TRUE(shop->ledger->GetPledge(vouchers[1].pledge_id)->deposit_paid_at.has_value());
  ASSERT_TRUE(Uploaded(*shop));
  EXPECT_EQ(StoreConflicts(pin), 0);
  EXPECT_EQ(till2->till->TakeDeposit(vouchers[1].short_code, Now()).status().reason(),
            "deposit_already_paid");

  // The shopper cancels at the shop; once the cancellation is uploaded, the
  // deposit is given back at one till only.
  ASSERT_TRUE(shop->till->Cancel(vouchers[1].voucher_text, Now(), "en").ok());
  ASSERT_TRUE(Uploaded(*shop));
  auto refund_look = till1->till->Look(vouchers[1].short_code, Now());
  ASSERT_TRUE(refund_look.ok()) << refund_look.status().ToString();
  EXPECT_EQ(refund_look->refund_to_give, deposit);
  // A cashier signed in at the till: the store refuses the refund, which
  // staff are shown as such; nothing is given back.
  AddStaff(Sdir(), "Ann", "cashier", "13572468");
  till1->till->StaffSignedIn("Ann", "13572468");
  auto by_cashier = till1->till->GiveRefund(vouchers[1].short_code, Now());
  ASSERT_FALSE(by_cashier.ok());
  EXPECT_EQ(by_cashier.status().reason(), "role_required") << by_cashier.status().ToString();
  // A wrong PIN at the store (the pad let it through): no session, so the
  // store refuses rather than letting the last member's session act.
  till1->till->StaffSignedIn("Vera", "00000000");
  EXPECT_EQ(till1->till->GiveRefund(vouchers[1].short_code, Now()).status().reason(),
            "staff_session_required");
  till1->till->StaffSignedIn("Vera", kTillPin);
  auto refunded = till1->till->GiveRefund(vouchers[1].short_code, Now());
  ASSERT_TRUE(refunded.ok()) << refunded.status().ToString();
  EXPECT_EQ(refunded->amount, deposit);
  EXPECT_GT(refunded->print_job_id, 0);
  auto again = till2->till->GiveRefund(vouchers[1].voucher_text, Now());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "already_refunded");
  auto at_shop = shop->till->GiveRefund(vouchers[1].voucher_text, Now());
  ASSERT_FALSE(at_shop.ok());
  EXPECT_EQ(at_shop.status().reason(), "already_refunded");
  EXPECT_FALSE(shop->ledger->GetPledge(vouchers[1].pledge_id)->refunded_at.has_value());
  EXPECT_EQ(StoreConflicts(pin), 0);

  // The store goes away: another kiosk's voucher is neither looked at nor paid.
  const int64_t by_vera = ServerDeal(44, true, pin)["by_staff"]["Vera"]["deposits"].get<int64_t>();
  const int port = server_.port();
  EXPECT_EQ(server_.Stop(), 0);
  EXPECT_EQ(till1->till->Look(vouchers[2].voucher_text, Now()).status().reason(), "store_offline");
  auto offline = till1->till->TakeDeposit(vouchers[2].voucher_text, Now());
  ASSERT_FALSE(offline.ok());
  EXPECT_EQ(offline.status().reason(), "store_offline");
  // The shop's own voucher is its ledger's to take; the event syncs later.
  auto offline_own = shop->till->TakeDeposit(vouchers[2].voucher_text, Now());
  ASSERT_TRUE(offline_own.ok()) << offline_own.status().ToString();
  EXPECT_GT(offline_own->print_job_id, 0);
  // Back on the same address: the event arrives naming who took the money
  // at the pad offline, and the store counts it for her.
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true, {"--listen", "127.0.0.1:" + std::to_string(port)}))
      << server_.Output();
  ASSERT_TRUE(Uploaded(*shop));
  const json deal = ServerDeal(44, true, pin);
  EXPECT_EQ(deal["by_staff"]["Vera"]["deposits"], by_vera + 1) << deal.dump();
  EXPECT_EQ(StoreConflicts(pin), 0);
}

TEST_F(ServerTillProcessTest, AKioskWhoseClockIsOffTakesNoSignUps) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  // Kiosk 0's clock runs ten minutes ahead (allowed: two); kiosk 1's is right.
  auto ahead = Wire(0, [] { return Now() + 600; });
  auto right = Wire(1);
  ASSERT_TRUE(ahead && right);
  for (WiredKiosk* k : {ahead.get(), right.get()}) {
    ASSERT_TRUE(WaitFor([&] { return k->wiring->status()->clock_skew_s.has_value(); }))
        << k->wiring->status()->last_error << " started=" << k->wiring->status()->started
        << " online=" << k->wiring->status()->online
        << " rev=" << k->wiring->status()->state_revision
        << " failures=" << k->wiring->status()->failures;
  }
  EXPECT_TRUE(ahead->wiring->status()->skew_exceeded);
  EXPECT_FALSE(right->wiring->status()->skew_exceeded);
  app::JoinRequest join;
  join.deal_id = 42;
  join.phone_e164 = Phone(1);
  join.now = Now();
  auto refused = ahead->wiring->desk().Join(join);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "kiosk_paused");
  EXPECT_NE(refused.status().message().find("off the store server"), std::string::npos);
  // The right clock gets through to the desk (NoDesk answers "unused").
  EXPECT_EQ(right->wiring->desk().Join(join).status().reason(), "unused");
}

}  // namespace
}  // namespace gb::test
