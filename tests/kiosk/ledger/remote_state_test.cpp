// Ledger::ApplyRemoteState: the store server's view of other kiosks, deal
// states and keys, kept beside this kiosk's own pledges.
#include <gtest/gtest.h>

#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger {
namespace {

using rules::testing::kOpens;
using rules::testing::SampleDeal;
using testing::LedgerFixture;
using testing::Phone;

constexpr int64_t kNow = kOpens + 100;

RemoteState State(int64_t revision, rules::DealState state, rules::Tally others,
                  rules::Deal deal = SampleDeal()) {
  return RemoteState{revision, {RemoteDeal{std::move(deal), state, others}}, {}};
}

base::Status SignUp(Ledger& l, int phone) {
  SignUpRequest r;
  r.deal_id = 42;
  r.phone_e164 = Phone(phone);
  r.now = kNow;
  return l.SignUp(r).status();
}

TEST_F(LedgerFixture, ANewDealArrivesWithTheOtherKiosksCounts) {
  Ledger l = OpenOrDie();
  EXPECT_EQ(l.SyncRevision().value(), 0);
  auto report = l.ApplyRemoteState(State(5, rules::DealState::kOpen, {4, 1}), kNow);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->deals_added, 1);
  auto deal = l.GetDeal(42, kNow);
  ASSERT_TRUE(deal.ok()) << deal.status().ToString();
  EXPECT_EQ(deal->tally, (rules::Tally{4, 1}));
  EXPECT_EQ(deal->deal.title.at("en"), "Sofa Oslo");
  EXPECT_EQ(l.SyncRevision().value(), 5);
}

TEST_F(LedgerFixture, OwnPledgesAreAddedToTheOthersNotReplaced) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.ApplyRemoteState(State(1, rules::DealState::kOpen, {0, 0}), kNow).ok());
  ASSERT_TRUE(SignUp(l, 1).ok());
  ASSERT_TRUE(SignUp(l, 2).ok());
  // The server has heard of one of ours and counts 6 pledges in all: 5 others.
  ASSERT_TRUE(l.ApplyRemoteState(State(2, rules::DealState::kOpen, {5, 0}), kNow).ok());
  EXPECT_EQ(l.GetDeal(42, kNow)->tally, (rules::Tally{7, 0}));
}

TEST_F(LedgerFixture, TheServersUnlockIsTakenButItsOpenDoesNotUndoOurs) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.ApplyRemoteState(State(1, rules::DealState::kUnlocked, {10, 0}), kNow).ok());
  EXPECT_EQ(l.GetDeal(42, kNow)->state, rules::DealState::kUnlocked);
  // A stale "open" (the server has not seen the pledges that unlocked it).
  ASSERT_TRUE(l.ApplyRemoteState(State(2, rules::DealState::kOpen, {3, 0}), kNow).ok());
  EXPECT_EQ(Scalar(l, "SELECT state = 'unlocked' FROM deals WHERE id = 42"), 1);
  ASSERT_TRUE(l.ApplyRemoteState(State(3, rules::DealState::kFailed, {3, 0}), kNow).ok());
  EXPECT_EQ(Scalar(l, "SELECT state = 'failed' FROM deals WHERE id = 42"), 1);
}

TEST_F(LedgerFixture, TermsThatOurVouchersPromiseAreKept) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.ApplyRemoteState(State(1, rules::DealState::kOpen, {0, 0}), kNow).ok());
  ASSERT_TRUE(SignUp(l, 1).ok());
  rules::Deal cheaper = SampleDeal();
  cheaper.tiers[0].price_minor -= 1000;
  cheaper.title["en"] = "Sofa Oslo II";
  auto report = l.ApplyRemoteState(State(2, rules::DealState::kOpen, {0, 0}, cheaper), kNow);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->terms_kept, 1);
  auto deal = l.GetDeal(42, kNow);
  EXPECT_EQ(deal->deal.tiers[0].price_minor, SampleDeal().tiers[0].price_minor);
  EXPECT_EQ(deal->deal.title.at("en"), "Sofa Oslo");
}

TEST_F(LedgerFixture, KioskKeysAreUpsertedAndTheRevisionSurvivesReopening) {
  {
    Ledger l = OpenOrDie();
    RemoteState s{3, {}, {StoreKiosk{"kiosk-2", 2, "PEM-2", std::nullopt, std::nullopt, ""}}};
    ASSERT_TRUE(l.ApplyRemoteState(s, kNow).ok());
    s = RemoteState{4, {}, {StoreKiosk{"kiosk-2", 2, "PEM-2", int64_t{kNow}, std::nullopt, ""}}};
    ASSERT_TRUE(l.ApplyRemoteState(s, kNow).ok());
  }
  Ledger l = OpenOrDie();
  EXPECT_EQ(l.SyncRevision().value(), 4);
  auto kiosks = l.ListStoreKiosks();
  ASSERT_TRUE(kiosks.ok());
  ASSERT_EQ(kiosks->size(), 1u);
  EXPECT_EQ((*kiosks)[0].revoked_at, kNow);
}

TEST_F(LedgerFixture, AKioskWhoseKeyTheStoreSuspendsIssuesNoVouchers) {
  Ledger l = OpenOrDie();  // key 7
  ASSERT_TRUE(l.ApplyRemoteState(State(1, rules::DealState::kOpen, {0, 0}), kNow).ok());
  // Another kiosk's suspension does not stop this one.
  StoreKiosk other{"kiosk-2", 2, "PEM-2", std::nullopt, int64_t{kNow}, "serial_reuse"};
  ASSERT_TRUE(l.ApplyRemoteState(RemoteState{2, {}, {other}}, kNow).ok());
  ASSERT_TRUE(SignUp(l, 1).ok());
  StoreKiosk self{"kiosk-1", 7, "PEM-7", std::nullopt, int64_t{kNow}, "serial_reuse"};
  ASSERT_TRUE(l.ApplyRemoteState(RemoteState{3, {}, {self}}, kNow).ok());
  base::Status refused = SignUp(l, 2);
  EXPECT_EQ(refused.reason(), "kiosk_suspended");
  EXPECT_EQ(refused.code(), base::Code::kFailedPrecondition);
  EXPECT_EQ(l.GetDeal(42, kNow)->tally.committed, 1);  // nothing was recorded
  auto kiosks = l.ListStoreKiosks();
  ASSERT_TRUE(kiosks.ok());
  ASSERT_EQ(kiosks->size(), 2u);
  EXPECT_EQ((*kiosks)[1], self);  // read back as written
  // The store lifts it (a new key was given): sign-ups resume.
  self.suspended_at.reset();
  self.suspend_reason.clear();
  ASSERT_TRUE(l.ApplyRemoteState(RemoteState{4, {}, {self}}, kNow).ok());
  EXPECT_TRUE(SignUp(l, 2).ok());
}

TEST_F(LedgerFixture, AnInvalidDealChangesNothing) {
  Ledger l = OpenOrDie();
  rules::Deal bad = SampleDeal();
  bad.tiers.clear();
  RemoteState s{7, {RemoteDeal{SampleDeal(), rules::DealState::kOpen, {1, 0}}}, {}};
  rules::Deal other = bad;
  other.id = 43;
  s.deals.push_back(RemoteDeal{other, rules::DealState::kOpen, {1, 0}});
  EXPECT_FALSE(l.ApplyRemoteState(s, kNow).ok());
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM deals"), 0);
  EXPECT_EQ(l.SyncRevision().value(), 0);
}

}  // namespace
}  // namespace gb::ledger
