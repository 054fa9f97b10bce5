// LocalTill over a real ledger file: every verdict from a real scan or typed
// code, and the deposit, refund and cancel flows the staff screens drive.
#include "kiosk/till/local_till.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "tests/kiosk/ledger/till_fixture.h"

namespace gb::till {
namespace {

using ledger::SignUpReceipt;
using ledger::testing::kJoin;
using ledger::testing::kRedeemBy;
using ledger::testing::kStop;

class LocalTillTest : public ledger::testing::TillFixture {
 protected:
  LocalTill MakeTill(ledger::Ledger& on) {
    auto t = LocalTill::Create(on, OwnKeyRing(ledger::testing::TestIdentity()).value(),
                               {"till-2", "Store 12, till 2", 60, ""});
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return std::move(t).value();
  }
  Verdict RedeemOrDie(LocalTill& till, std::string_view code, int64_t now) {
    auto v = till.Redeem(code, now);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : Verdict{};
  }
};

std::string KindOf(const base::Result<Verdict>& v) {
  return v.ok() ? std::string(VerdictName(v->kind)) : v.status().ToString();
}

TEST_F(LocalTillTest, RedeemsOnceThenSaysWhenAndWhere) {
  SignUpReceipt a = Join(42, 1);
  Join(42, 2);
  LocalTill till = MakeTill(l());
  Verdict first = RedeemOrDie(till, a.voucher_text, kJoin + 50);
  EXPECT_EQ(first.kind, VerdictKind::kValid);
  EXPECT_TRUE(first.redeemed_now);
  EXPECT_GT(first.print_job_id, 0);
  EXPECT_EQ(first.settlement.charge, 59900);
  EXPECT_EQ(l().GetPledge(a.pledge_id).value().state, rules::PledgeState::kRedeemed);

  Verdict second = RedeemOrDie(till, "  " + a.short_code + "\n", kJoin + 90);
  EXPECT_EQ(second.kind, VerdictKind::kAlreadyRedeemed);
  EXPECT_FALSE(second.redeemed_now);
  EXPECT_EQ(second.redeemed_at, kJoin + 50);
  EXPECT_EQ(second.redeemed_place, "Store 12, till 2");
}

TEST_F(LocalTillTest, ATypedShortCodeWithSpacesRedeems) {
  SignUpReceipt a = Join(42, 1);
  Join(42, 2);
  LocalTill till = MakeTill(l());
  std::string spaced;
  for (char c : a.short_code) spaced += c == '-' ? std::string(" - ") : std::string(1, c);
  EXPECT_EQ(RedeemOrDie(till, spaced, kJoin + 5).kind, VerdictKind::kValid);
}

TEST_F(LocalTillTest, EachVerdictFromARealScan) {
  SignUpReceipt a = Join(42, 1);
  LocalTill till = MakeTill(l());
  EXPECT_EQ(KindOf(till.Redeem(a.voucher_text, kJoin + 5)), "NOT_YET_UNLOCKED");
  SignUpReceipt cancelled = Join(42, 2);  // unlocks the deal
  ASSERT_TRUE(till.Cancel(cancelled.voucher_text, kJoin + 6, "").ok());
  EXPECT_EQ(KindOf(till.Redeem(cancelled.short_code, kJoin + 7)), "VOID");
  EXPECT_EQ(KindOf(till.Redeem(a.voucher_text, kRedeemBy)), "EXPIRED");

  voucher::Voucher v = voucher::Parse(a.voucher_text).value();
  voucher::Voucher tampered = v;
  tampered.body.price_minor = 1;
  EXPECT_EQ(KindOf(till.Redeem(voucher::Encode(tampered), kJoin + 8)), "FORGED");
  EXPECT_EQ(KindOf(till.Redeem("https://example.com/x", kJoin + 8)), "FORGED");

  std::array<uint8_t, 32> seed{};
  seed.fill(9);
  auto stranger = voucher::SigningKey::FromSeed(seed).value();
  voucher::Body other = v.body;
  other.key_id = 8;
  EXPECT_EQ(KindOf(till.Redeem(voucher::Issue(other, stranger), kJoin + 8)), "UNKNOWN_KEY");

  // Genuine (our key) but never issued here: not ours to redeem.
  voucher::Body unissued = v.body;
  unissued.serial = 500;
  auto own = ledger::testing::TestIdentity();
  EXPECT_EQ(KindOf(till.Redeem(voucher::Issue(unissued, *own.key), kJoin + 8)), "NOT_FOUND");
  EXPECT_EQ(KindOf(till.Redeem(voucher::ShortCode(voucher::Sign(unissued, *own.key)), kJoin + 8)),
            "NOT_FOUND");
  std::string typo = a.short_code;
  typo[0] = typo[0] == '7' ? '1' : '7';
  auto t = till.Redeem(typo, kJoin + 8);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->kind, VerdictKind::kNotFound);
  EXPECT_EQ(t->reason, "short_code_check");
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM pledges WHERE state='redeemed'"), 0);
}

TEST_F(LocalTillTest, DepositFlowShowsTheAmountThenTakesItOnce) {
  SignUpReceipt a = Join(43, 1);
  LocalTill till = MakeTill(l());
  auto before = till.Look(a.voucher_text, kJoin + 10);
  ASSERT_TRUE(before.ok() && before->found);
  EXPECT_EQ(before->deposit_to_take, 5990);
  EXPECT_EQ(before->position, 1);
  EXPECT_EQ(before->verdict.kind, VerdictKind::kNotYetUnlocked);
  auto r = till.TakeDeposit(a.short_code, kJoin + 20);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_EQ(r->pledge.deposit_till, "till-2");
  EXPECT_EQ(till.Look(a.voucher_text, kJoin + 30)->deposit_to_take, 0);
  EXPECT_EQ(till.TakeDeposit(a.voucher_text, kJoin + 40).status().reason(), "deposit_already_paid");
  EXPECT_EQ(till.TakeDeposit("GB1:XYZ", kJoin + 40).status().reason(), "forged");
  EXPECT_EQ(till.TakeDeposit("1-999-00000", kJoin + 40).status().reason(), "not_found");
}

TEST_F(LocalTillTest, CancelThenGiveTheDepositBack) {
  SignUpReceipt a = Join(43, 1);
  LocalTill till = MakeTill(l());
  ASSERT_TRUE(till.TakeDeposit(a.voucher_text, kJoin + 1).ok());
  auto look = till.Look(a.voucher_text, kJoin + 2);
  EXPECT_TRUE(look->can_cancel);
  EXPECT_EQ(look->refund_to_give, 0);
  auto c = till.Cancel(a.voucher_text, kJoin + 3, "ru");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->amount, 5990);
  look = till.Look(a.voucher_text, kJoin + 4);
  EXPECT_FALSE(look->can_cancel);
  EXPECT_EQ(look->refund_to_give, 5990);
  EXPECT_EQ(look->verdict.kind, VerdictKind::kVoid);
  auto r = till.GiveRefund(a.short_code, kJoin + 5);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_EQ(till.Look(a.voucher_text, kJoin + 6)->refund_to_give, 0);
  EXPECT_EQ(till.GiveRefund(a.short_code, kJoin + 7).status().reason(), "already_refunded");
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM print_jobs WHERE kind='cancellation' AND lang='ru'"),
            1);
}

TEST_F(LocalTillTest, CannotCancelAfterTheStop) {
  SignUpReceipt a = Join(42, 1);
  LocalTill till = MakeTill(l());
  EXPECT_FALSE(till.Look(a.voucher_text, kStop)->can_cancel);
  EXPECT_EQ(till.Cancel(a.voucher_text, kStop, "").status().reason(), "after_stop");
}

TEST_F(LocalTillTest, TwoTillsRacingOneVoucherGetValidAndAlreadyRedeemed) {
  SignUpReceipt a = Join(42, 1);
  Join(42, 2);
  std::array<std::string, 2> kinds;
  auto run = [&](size_t i) {
    auto conn = ledger::Ledger::Open(path_, ledger::testing::TestIdentity().WithoutKey());
    if (!conn.ok()) {
      kinds[i] = conn.status().ToString();
      return;
    }
    LocalTill till = MakeTill(*conn);
    kinds[i] = KindOf(till.Redeem(a.voucher_text, kJoin + 10));
  };
  std::thread t0(run, 0);
  std::thread t1(run, 1);
  t0.join();
  t1.join();
  std::sort(kinds.begin(), kinds.end());
  EXPECT_EQ(kinds, (std::array<std::string, 2>{"ALREADY_REDEEMED", "VALID"}));
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='redeem'"), 1);
}

TEST_F(LocalTillTest, TodayCountsTheStoresLocalDay) {
  // kJoin is 22:15 UTC, 23:15 in the store (UTC+1): its local day ends 45 minutes later.
  SignUpReceipt a = Join(42, 1, kJoin);
  Join(42, 2, kJoin + 3600);  // the next local day
  LocalTill till = MakeTill(l());
  ASSERT_EQ(RedeemOrDie(till, a.voucher_text, kJoin + 3700).kind, VerdictKind::kValid);
  auto first = till.Today(42, kJoin);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->sign_ups, 1);
  EXPECT_EQ(first->redemptions, 0);
  auto next = till.Today(42, kJoin + 3800);
  EXPECT_EQ(next->sign_ups, 1);
  EXPECT_EQ(next->redemptions, 1);
}

// The member signed in at the pad goes with every money and redeem event,
// so the store can say who acted offline; before anyone signs in, none.
TEST_F(LocalTillTest, EventsNameTheStaffMemberSignedInAtThePad) {
  SignUpReceipt dep = Join(43, 1);
  SignUpReceipt a = Join(42, 2);
  SignUpReceipt b = Join(42, 3);
  LocalTill till = MakeTill(l());
  ASSERT_TRUE(till.TakeDeposit(dep.voucher_text, kJoin + 1).ok());
  till.StaffSignedIn("Vera", "24681357");
  ASSERT_TRUE(till.Redeem(a.voucher_text, kJoin + 2).ok());
  ASSERT_TRUE(till.Cancel(dep.voucher_text, kJoin + 3, "").ok());
  till.StaffSignedIn("Boris", "13572468");
  ASSERT_TRUE(till.GiveRefund(dep.short_code, kJoin + 4).ok());
  ASSERT_TRUE(till.Redeem(b.short_code, kJoin + 5).ok());
  auto events = l().OutboxAfter(0, 100);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> who;
  for (const ledger::OutboxEvent& e : *events) {
    if (e.type == "sign_up" || e.type == "cancel") continue;
    const nlohmann::json p = nlohmann::json::parse(e.payload);
    who.push_back(e.type + ":" + p.value("staff", std::string("-")));
  }
  EXPECT_EQ(who, (std::vector<std::string>{"deposit:-", "redeem:Vera", "refund:Boris",
                                           "redeem:Boris"}));
}

TEST(LocalDayTest, StartsAtLocalMidnight) {
  EXPECT_EQ(LocalDay(86400 + 10, 0).start, 86400);
  EXPECT_EQ(LocalDay(86400 + 10, 0).end, 2 * 86400);
  EXPECT_EQ(LocalDay(86400 - 30 * 60, 60).start, 86400 - 3600);  // 23:30 UTC = 00:30 local
  EXPECT_EQ(LocalDay(86400 + 30 * 60, -120).start, 7200);        // 00:30 UTC = 22:30 local
  EXPECT_EQ(LocalDay(-10, 0).start, -86400);
}

TEST(LocalTillCreateTest, RefusesATillIdOrPlaceOutsideTheProtocolsBounds) {
  test::ScopedTempDir dir;
  auto l = ledger::Ledger::Open(dir.File("l.db"), ledger::testing::TestIdentity());
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(LocalTill::Create(*l, {}, {"", "place", 0, ""}).status().reason(), "bad_till");
  EXPECT_EQ(LocalTill::Create(*l, {}, {"t", std::string(129, 'p'), 0, ""}).status().reason(),
            "bad_till");
  EXPECT_EQ(OwnKeyRing(ledger::testing::TestIdentity().WithoutKey()).status().reason(),
            "no_signing_key");
}

}  // namespace
}  // namespace gb::till
