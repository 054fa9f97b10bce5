// The redeem verdict, one table row per case of every verdict.
#include "kiosk/till/verdict.h"

#include <gtest/gtest.h>

#include "tests/core/rules/sample_deal.h"

namespace gb::till {
namespace {

using rules::DealState;
using rules::PledgeState;
using rules::testing::kDeadline;
using rules::testing::kOpens;
using rules::testing::kRedeemBy;
using rules::testing::kStop;

constexpr int64_t kJoined = kOpens + 100;

rules::Deal Deal() {
  rules::Deal d = rules::testing::SampleDeal();
  d.tiers = {{2, 59900}, {3, 54900}};
  d.deposit = {rules::DepositKind::kPercent, 1000, 86400};
  return d;
}

rules::PledgeRecord Pledge(PledgeState state) {
  rules::PledgeRecord p;
  p.id = 5;
  p.deal_id = 42;
  p.state = state;
  p.joined_at = kJoined;
  p.price_minor = 59900;
  p.deposit_due = 5990;
  p.short_code = "7-5-12345";
  return p;
}

struct Row {
  const char* name;
  base::Status authenticity;
  std::optional<PledgeState> pledge;  // none: no pledge here
  DealState deal_state;
  int64_t committed;
  int64_t now;
  VerdictKind want;
  const char* want_reason;
  int64_t deposit_paid = 0;
};

base::Status Fail(const char* reason) {
  return base::Status::InvalidArgument(reason, std::string("test: ") + reason);
}

const Row kRows[] = {
    {"bad_signature", Fail("bad_signature"), std::nullopt, DealState::kUnlocked, 3, kStop,
     VerdictKind::kForged, "bad_signature"},
    {"not_a_voucher", Fail("bad_prefix"), std::nullopt, DealState::kUnlocked, 3, kStop,
     VerdictKind::kForged, "bad_prefix"},
    {"bad_base45", Fail("bad_base45"), std::nullopt, DealState::kUnlocked, 3, kStop,
     VerdictKind::kForged, "bad_base45"},
    {"revoked_key", Fail("revoked_key"), std::nullopt, DealState::kUnlocked, 3, kStop,
     VerdictKind::kForged, "revoked_key"},
    {"unknown_key", Fail("unknown_key"), std::nullopt, DealState::kUnlocked, 3, kStop,
     VerdictKind::kUnknownKey, "unknown_key"},
    {"short_code_typo", Fail("short_code_check"), std::nullopt, DealState::kUnlocked, 3, kStop,
     VerdictKind::kNotFound, "short_code_check"},
    {"short_code_garbled", Fail("bad_short_code"), std::nullopt, DealState::kUnlocked, 3, kStop,
     VerdictKind::kNotFound, "bad_short_code"},
    {"never_issued",
     {},
     std::nullopt,
     DealState::kUnlocked,
     3,
     kStop,
     VerdictKind::kNotFound,
     "not_issued_here"},
    {"redeemed",
     {},
     PledgeState::kRedeemed,
     DealState::kClosed,
     3,
     kStop,
     VerdictKind::kAlreadyRedeemed,
     "already_redeemed"},
    {"redeemed_then_expired",
     {},
     PledgeState::kRedeemed,
     DealState::kClosed,
     3,
     kRedeemBy + 1,
     VerdictKind::kAlreadyRedeemed,
     "already_redeemed"},
    {"cancelled",
     {},
     PledgeState::kCancelled,
     DealState::kUnlocked,
     3,
     kStop - 1,
     VerdictKind::kVoid,
     "cancelled"},
    {"deal_failed",
     {},
     PledgeState::kActive,
     DealState::kFailed,
     1,
     kDeadline + 1,
     VerdictKind::kVoid,
     "deal_failed"},
    {"stored_void",
     {},
     PledgeState::kVoid,
     DealState::kFailed,
     1,
     kDeadline + 1,
     VerdictKind::kVoid,
     "deal_failed"},
    {"lapsed",
     {},
     PledgeState::kReserved,
     DealState::kUnlocked,
     3,
     kJoined + 86400,
     VerdictKind::kVoid,
     "lapsed"},
    {"past_redeem_by",
     {},
     PledgeState::kActive,
     DealState::kClosed,
     3,
     kRedeemBy,
     VerdictKind::kExpired,
     "expired"},
    {"stored_expired",
     {},
     PledgeState::kExpired,
     DealState::kClosed,
     3,
     kStop,
     VerdictKind::kExpired,
     "expired"},
    {"deal_open",
     {},
     PledgeState::kActive,
     DealState::kOpen,
     1,
     kJoined + 10,
     VerdictKind::kNotYetUnlocked,
     "deal_open"},
    {"deal_draft",
     {},
     PledgeState::kActive,
     DealState::kDraft,
     0,
     kJoined + 10,
     VerdictKind::kNotYetUnlocked,
     "deal_open"},
    {"deposit_unpaid",
     {},
     PledgeState::kReserved,
     DealState::kUnlocked,
     3,
     kJoined + 10,
     VerdictKind::kNotYetUnlocked,
     "deposit_unpaid"},
    {"valid_unlocked",
     {},
     PledgeState::kActive,
     DealState::kUnlocked,
     2,
     kJoined + 10,
     VerdictKind::kValid,
     "valid"},
    {"valid_closed_with_deposit",
     {},
     PledgeState::kActive,
     DealState::kClosed,
     3,
     kStop + 1,
     VerdictKind::kValid,
     "valid",
     5990},
};

class VerdictTable : public ::testing::TestWithParam<Row> {};

TEST_P(VerdictTable, DecidesTheVerdictAndItsReason) {
  const Row& row = GetParam();
  const rules::Deal deal = Deal();
  rules::PledgeRecord p = Pledge(row.pledge.value_or(PledgeState::kActive));
  p.deposit_paid = row.deposit_paid;
  if (row.pledge == PledgeState::kRedeemed) {
    p.redeemed_at = kStop - 5;
    p.redeemed_place = "Till 2";
  }
  Evidence ev;
  ev.authenticity = row.authenticity;
  if (row.pledge) {
    ev.pledge = &p;
    ev.deal.emplace(DealFacts{deal, row.deal_state, {row.committed, 0}});
  }
  const Verdict v = Decide(ev, row.now);
  EXPECT_EQ(VerdictName(v.kind), VerdictName(row.want));
  EXPECT_EQ(v.reason, row.want_reason);
  EXPECT_FALSE(v.redeemed_now) << "deciding never redeems";
  if (row.pledge) {
    EXPECT_EQ(v.pledge_id, 5);
    EXPECT_EQ(v.short_code, "7-5-12345");
    EXPECT_EQ(v.currency, "EUR");
  } else {
    EXPECT_EQ(v.pledge_id, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, VerdictTable, ::testing::ValuesIn(kRows),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(VerdictTest, ValidCarriesTheSettlement) {
  const rules::Deal deal = Deal();
  rules::PledgeRecord p = Pledge(PledgeState::kActive);
  p.deposit_paid = 5990;
  Evidence ev;
  ev.pledge = &p;
  ev.deal.emplace(DealFacts{deal, DealState::kUnlocked, {3, 0}});
  const Verdict v = Decide(ev, kJoined + 10);
  ASSERT_EQ(v.kind, VerdictKind::kValid);
  EXPECT_EQ(v.settlement.price, 54900);  // the second tier reached
  EXPECT_EQ(v.settlement.deposit_paid, 5990);
  EXPECT_EQ(v.settlement.charge, 48910);
  EXPECT_EQ(v.settlement.give_back, 0);
  EXPECT_EQ(v.redeem_by, kRedeemBy);
}

TEST(VerdictTest, AlreadyRedeemedSaysWhenAndWhere) {
  const rules::Deal deal = Deal();
  rules::PledgeRecord p = Pledge(PledgeState::kRedeemed);
  p.redeemed_at = kStop + 7;
  p.redeemed_place = "Store 12, till 2";
  Evidence ev;
  ev.pledge = &p;
  ev.deal.emplace(DealFacts{deal, DealState::kClosed, {3, 0}});
  const Verdict v = Decide(ev, kStop + 100);
  ASSERT_EQ(v.kind, VerdictKind::kAlreadyRedeemed);
  EXPECT_EQ(v.redeemed_at, kStop + 7);
  EXPECT_EQ(v.redeemed_place, "Store 12, till 2");
}

TEST(VerdictTest, DepositUnpaidSaysWhatToTakeFirst) {
  const rules::Deal deal = Deal();
  rules::PledgeRecord p = Pledge(PledgeState::kReserved);
  Evidence ev;
  ev.pledge = &p;
  ev.deal.emplace(DealFacts{deal, DealState::kUnlocked, {3, 0}});
  const Verdict v = Decide(ev, kJoined + 10);
  ASSERT_EQ(v.kind, VerdictKind::kNotYetUnlocked);
  EXPECT_EQ(v.deposit_due, 5990);
}

TEST(VerdictTest, NamesAreStable) {
  EXPECT_EQ(VerdictName(VerdictKind::kValid), "VALID");
  EXPECT_EQ(VerdictName(VerdictKind::kAlreadyRedeemed), "ALREADY_REDEEMED");
  EXPECT_EQ(VerdictName(VerdictKind::kNotYetUnlocked), "NOT_YET_UNLOCKED");
  EXPECT_EQ(VerdictName(VerdictKind::kVoid), "VOID");
  EXPECT_EQ(VerdictName(VerdictKind::kExpired), "EXPIRED");
  EXPECT_EQ(VerdictName(VerdictKind::kForged), "FORGED");
  EXPECT_EQ(VerdictName(VerdictKind::kUnknownKey), "UNKNOWN_KEY");
  EXPECT_EQ(VerdictName(VerdictKind::kNotFound), "NOT_FOUND");
}

}  // namespace
}  // namespace gb::till
