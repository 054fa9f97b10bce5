// The till's ledger operations on a real SQLite file: finding a pledge,
// cancel, deposit, refund, redeem, stop sign-ups, today's counts.
#include <nlohmann/json.hpp>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "tests/kiosk/ledger/till_fixture.h"

namespace gb::ledger {
namespace {

using rules::PledgeState;
using testing::DepositDeal;
using testing::kDeadline;
using testing::kJoin;
using testing::kOpens;
using testing::kRedeemBy;
using testing::kStop;
using testing::SmallDeal;
using testing::TillFixture;

nlohmann::json LastEvent(Ledger& l, const std::string& type) {
  auto events = l.OutboxAfter(0, 1000).value();
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->type == type) return nlohmann::json::parse(it->payload);
  }
  ADD_FAILURE() << "no " << type << " event";
  return {};
}

nlohmann::json JobPayload(Ledger& l, int64_t job_id, const std::string& kind) {
  auto st =
      l.db().Prepare("SELECT kind, payload FROM print_jobs WHERE id=" + std::to_string(job_id));
  EXPECT_TRUE(st.ok() && *st->Step());
  EXPECT_EQ(st->Text(0), kind);
  return nlohmann::json::parse(st->Text(1));
}

TEST_F(TillFixture, FindsAPledgeByItsVoucherTextOrShortCodeOnly) {
  SignUpReceipt a = Join(42, 1);
  SignUpReceipt b = Join(42, 2);
  auto by_text = l().FindPledgeByVoucher(b.voucher_text);
  ASSERT_TRUE(by_text.ok() && by_text->has_value()) << by_text.status().ToString();
  EXPECT_EQ((*by_text)->id, b.pledge_id);
  EXPECT_EQ((*by_text)->serial, b.serial);
  auto by_code = l().FindPledgeByShortCode(a.short_code);
  ASSERT_TRUE(by_code.ok() && by_code->has_value());
  EXPECT_EQ((*by_code)->id, a.pledge_id);
  EXPECT_EQ((*by_code)->voucher_text, a.voucher_text);

  // The same key id and serial with another signature: not this voucher.
  voucher::Voucher other = voucher::Parse(a.voucher_text).value();
  other.signature[10] ^= 1;
  auto forged = l().FindPledgeByVoucher(voucher::Encode(other));
  ASSERT_TRUE(forged.ok());
  EXPECT_FALSE(forged->has_value());
  // A serial nobody issued; auth digits that are not the voucher's.
  voucher::Voucher unissued = other;
  unissued.body.serial = 99;
  EXPECT_FALSE(l().FindPledgeByShortCode(voucher::ShortCode(unissued)).value().has_value());
  other.signature[0] ^= 0x40;
  EXPECT_FALSE(l().FindPledgeByShortCode(voucher::ShortCode(other)).value().has_value());

  EXPECT_EQ(l().FindPledgeByVoucher("GB1:nonsense").status().reason(), "bad_base45");
  EXPECT_EQ(l().FindPledgeByVoucher("hello").status().reason(), "bad_prefix");
  std::string typo = a.short_code;
  typo.back() = typo.back() == '0' ? '1' : '0';
  EXPECT_EQ(l().FindPledgeByShortCode(typo).status().reason(), "short_code_check");
  EXPECT_EQ(l().GetPledge(999).status().reason(), "pledge_unknown");
}

TEST_F(TillFixture, ADamagedStoredVoucherIsReportedNotTakenForATypo) {
  SignUpReceipt a = Join(42, 1);
  ASSERT_TRUE(
      l().db()
          .Exec("UPDATE pledges SET voucher='garbage' WHERE id=" + std::to_string(a.pledge_id))
          .ok());
  EXPECT_EQ(l().FindPledgeByShortCode(a.short_code).status().reason(), "db_corrupt");
  // The scanned text no longer equals the stored one: not this voucher.
  EXPECT_FALSE(l().FindPledgeByVoucher(a.voucher_text).value().has_value());
}

TEST_F(TillFixture, CancelBeforeTheStopDropsTheCountsAndLeavesAnEventAndASlip) {
  SignUpReceipt a = Join(42, 1);
  Join(42, 2);
  ASSERT_EQ(l().GetDeal(42, kJoin).value().state, rules::DealState::kUnlocked);
  auto r = l().CancelPledge(At(a.pledge_id, kJoin + 60));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pledge.state, PledgeState::kCancelled);
  EXPECT_EQ(r->pledge.cancelled_at, kJoin + 60);
  EXPECT_EQ(r->tally.committed, 1);
  EXPECT_EQ(r->amount, 0);
  EXPECT_EQ(Scalar(l(), "SELECT local_committed FROM deals WHERE id=42"), 1);
  EXPECT_EQ(LastEvent(l(), "cancel"),
            (nlohmann::json{{"key_id", 7}, {"serial", a.serial}, {"at", kJoin + 60}}));
  nlohmann::json slip = JobPayload(l(), r->print_job_id, "cancellation");
  EXPECT_EQ(slip["short_code"], a.short_code);
  EXPECT_EQ(slip["refund"], 0);

  auto again = l().CancelPledge(At(a.pledge_id, kJoin + 120));
  EXPECT_EQ(again.status().reason(), "already_cancelled");
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='cancel'"), 1);
}

TEST_F(TillFixture, CancelAtOrAfterTheStopIsRefusedAndChangesNothing) {
  SignUpReceipt a = Join(42, 1);
  auto r = l().CancelPledge(At(a.pledge_id, kStop));
  EXPECT_EQ(r.status().reason(), "after_stop");
  EXPECT_EQ(l().GetPledge(a.pledge_id).value().state, PledgeState::kActive);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='cancel'"), 0);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM print_jobs"), 1);  // the voucher only
}

TEST_F(TillFixture, ADepositIsTakenOnceAndTheSecondTimeSaysWhenAndWhere) {
  SignUpReceipt a = Join(43, 1);
  ASSERT_EQ(a.state, PledgeState::kReserved);
  auto r = l().PayDeposit(At(a.pledge_id, kJoin + 600, "till-2"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_EQ(r->pledge.state, PledgeState::kActive);
  EXPECT_EQ(r->pledge.deposit_paid, 5990);
  EXPECT_EQ(r->pledge.deposit_till, "till-2");
  EXPECT_EQ(r->tally.committed, 1);
  EXPECT_EQ(LastEvent(l(), "deposit"), (nlohmann::json{{"key_id", 7},
                                                       {"serial", a.serial},
                                                       {"amount", 5990},
                                                       {"at", kJoin + 600},
                                                       {"till", "till-2"}}));
  nlohmann::json slip = JobPayload(l(), r->print_job_id, "deposit");
  EXPECT_EQ(slip["amount"], 5990);
  EXPECT_EQ(slip["till"], "till-2");

  auto again = l().PayDeposit(At(a.pledge_id, kJoin + 700, "till-3"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "deposit_already_paid");
  EXPECT_NE(again.status().message().find("till-2"), std::string::npos);
  EXPECT_NE(again.status().message().find("2023-11-14"), std::string::npos);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='deposit'"), 1);
}

TEST_F(TillFixture, DepositsAreRefusedWhenNoneIsAskedOrTheWindowHasPassed) {
  SignUpReceipt free = Join(42, 1);
  EXPECT_EQ(l().PayDeposit(At(free.pledge_id, kJoin)).status().reason(), "no_deposit");
  SignUpReceipt late = Join(43, 2);
  EXPECT_EQ(l().PayDeposit(At(late.pledge_id, kJoin + 86400)).status().reason(), "deposit_late");
  EXPECT_EQ(l().PayDeposit(At(late.pledge_id, kJoin, "")).status().reason(), "bad_till");
  EXPECT_EQ(l().PayDeposit(At(late.pledge_id, kJoin, std::string(65, 't'))).status().reason(),
            "bad_till");
}

TEST_F(TillFixture, TheDepositThatReachesTheThresholdUnlocksTheStoredDeal) {
  SignUpReceipt a = Join(43, 1);
  SignUpReceipt b = Join(43, 2);
  ASSERT_TRUE(l().PayDeposit(At(a.pledge_id, kJoin + 1)).ok());
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM deals WHERE id=43 AND state='open'"), 1);
  auto r = l().PayDeposit(At(b.pledge_id, kJoin + 2));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->deal_state, rules::DealState::kUnlocked);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM deals WHERE id=43 AND state='unlocked'"), 1);
}

TEST_F(TillFixture, ACancelledDepositIsGivenBackOnce) {
  SignUpReceipt a = Join(43, 1);
  ASSERT_TRUE(l().PayDeposit(At(a.pledge_id, kJoin + 1)).ok());
  EXPECT_EQ(l().GiveRefund(At(a.pledge_id, kJoin + 2)).status().reason(), "nothing_to_refund");
  auto c = l().CancelPledge(At(a.pledge_id, kJoin + 3));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->amount, 5990);
  EXPECT_EQ(JobPayload(l(), c->print_job_id, "cancellation")["refund"], 5990);

  auto r = l().GiveRefund(At(a.pledge_id, kJoin + 4, "till-9"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_EQ(r->pledge.refund_minor, 5990);
  EXPECT_EQ(r->pledge.refunded_at, kJoin + 4);
  nlohmann::json slip = JobPayload(l(), r->print_job_id, "refund");
  EXPECT_EQ(slip["cause"], "cancelled");
  EXPECT_EQ(slip["amount"], 5990);
  // The store hears of it, so no other till gives it back again.
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='refund'"
                        " AND json_extract(payload, '$.amount')=5990"
                        " AND json_extract(payload, '$.till')='till-9'"),
            1);
  auto again = l().GiveRefund(At(a.pledge_id, kJoin + 5));
  EXPECT_EQ(again.status().reason(), "already_refunded");
  EXPECT_NE(again.status().message().find("till-9"), std::string::npos);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='refund'"), 1);
}

TEST_F(TillFixture, AFailedDealsDepositsAreGivenBackAndThePledgeIsWrittenVoid) {
  SignUpReceipt a = Join(43, 1);
  SignUpReceipt unpaid = Join(43, 2);
  ASSERT_TRUE(l().PayDeposit(At(a.pledge_id, kJoin + 1)).ok());
  auto r = l().GiveRefund(At(a.pledge_id, kDeadline + 10));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->amount, 5990);
  EXPECT_EQ(r->pledge.state, PledgeState::kVoid);
  EXPECT_EQ(r->deal_state, rules::DealState::kFailed);
  EXPECT_EQ(JobPayload(l(), r->print_job_id, "refund")["cause"], "failed");
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM deals WHERE id=43 AND state='failed'"), 1);
  EXPECT_EQ(l().GiveRefund(At(unpaid.pledge_id, kDeadline + 10)).status().reason(),
            "nothing_to_refund");
  EXPECT_EQ(l().Redeem(At(a.pledge_id, kDeadline + 10)).status().reason(), "pledge_void");
}

TEST_F(TillFixture, RedeemChargesTheSettlementOnceAndTellsWhenAndWhere) {
  SignUpReceipt a = Join(42, 1);
  Join(42, 2);
  Join(42, 3);  // the second tier: 549.00
  auto r = l().Redeem(At(a.pledge_id, kStop + 60, "Store 12, till 2"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pledge.state, PledgeState::kRedeemed);
  EXPECT_EQ(r->settlement.price, 54900);
  EXPECT_EQ(r->settlement.charge, 54900);
  EXPECT_EQ(r->amount, 54900);
  EXPECT_EQ(LastEvent(l(), "redeem"), (nlohmann::json{{"key_id", 7},
                                                      {"serial", a.serial},
                                                      {"at", kStop + 60},
                                                      {"place", "Store 12, till 2"},
                                                      {"offline", true}}));
  nlohmann::json slip = JobPayload(l(), r->print_job_id, "redemption");
  EXPECT_EQ(slip["price"], 54900);
  EXPECT_EQ(slip["place"], "Store 12, till 2");

  auto again = l().Redeem(At(a.pledge_id, kStop + 120, "till 3"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "already_redeemed");
  EXPECT_NE(again.status().message().find("Store 12, till 2"), std::string::npos);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='redeem'"), 1);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM print_jobs WHERE kind='redemption'"), 1);
}

TEST_F(TillFixture, RedeemIsRefusedBeforeTheUnlockAndAfterRedeemBy) {
  SignUpReceipt a = Join(42, 1);
  EXPECT_EQ(l().Redeem(At(a.pledge_id, kJoin + 1)).status().reason(), "not_unlocked");
  Join(42, 2);
  EXPECT_EQ(l().Redeem(At(a.pledge_id, kRedeemBy)).status().reason(), "expired");
  SignUpReceipt reserved = Join(43, 3);
  EXPECT_EQ(l().Redeem(At(reserved.pledge_id, kJoin + 1)).status().reason(), "illegal_transition");
  EXPECT_EQ(l().Redeem(At(a.pledge_id, kJoin + 1, "")).status().reason(), "bad_till");
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM pledges WHERE state='redeemed'"), 0);
}

TEST_F(TillFixture, StopSignUpsNowHoldsEvenAcrossACatalogReimport) {
  Join(42, 1);
  ASSERT_TRUE(l().StopSignUps(42, kJoin + 10).ok());
  EXPECT_EQ(l().GetDeal(42, kJoin + 10).value().deal.stopped_early_at, kJoin + 10);
  SignUpRequest req{42, testing::Phone(2), std::nullopt, kJoin + 11};
  EXPECT_EQ(l().SignUp(req).status().reason(), "after_stop");
  ASSERT_TRUE(l().PutDeals({SmallDeal(), DepositDeal()}, rules::DealState::kOpen, kJoin + 12).ok());
  EXPECT_EQ(l().SignUp(req).status().reason(), "after_stop");
  EXPECT_EQ(l().StopSignUps(42, kJoin + 13).reason(), "already_stopped");
  EXPECT_EQ(l().StopSignUps(99, kJoin + 13).reason(), "deal_unknown");
  // Other deals are untouched.
  EXPECT_FALSE(l().GetDeal(43, kJoin + 13).value().deal.stopped_early_at.has_value());
}

TEST_F(TillFixture, ActivityCountsSignUpsAndRedemptionsInTheRange) {
  SignUpReceipt a = Join(42, 1, kOpens + 10);
  Join(42, 2, kOpens + 86400 + 10);
  Join(42, 3, kOpens + 86400 + 20);
  Join(43, 4, kOpens + 86400 + 30);
  ASSERT_TRUE(l().Redeem(At(a.pledge_id, kOpens + 86400 + 40)).ok());
  auto day2 = l().CountActivity(42, kOpens + 86400, kOpens + 2 * 86400);
  ASSERT_TRUE(day2.ok());
  EXPECT_EQ(day2->sign_ups, 2);
  EXPECT_EQ(day2->redemptions, 1);
  auto day1 = l().CountActivity(42, kOpens, kOpens + 86400);
  EXPECT_EQ(day1->sign_ups, 1);
  EXPECT_EQ(day1->redemptions, 0);
}

}  // namespace
}  // namespace gb::ledger
