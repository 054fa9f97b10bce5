// Quota leases at the kiosk: the leases GET /v1/state brings are stored, and
// a kiosk that syncs with a store signs up for a capped deal only within its
// lease ("sold_out_here"); a standalone kiosk keeps checking the cap alone.
#include <gtest/gtest.h>

#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger {
namespace {

using rules::testing::kOpens;
using rules::testing::SampleDeal;
using testing::LedgerFixture;
using testing::Phone;

constexpr int64_t kNow = kOpens + 100;

rules::Deal Capped() {
  rules::Deal d = SampleDeal();
  d.cap = 12;  // at least the threshold (10)
  return d;
}

RemoteState WithLeases(std::optional<std::vector<StoreLease>> leases, int64_t revision = 5) {
  RemoteState s{revision, {RemoteDeal{Capped(), rules::DealState::kOpen, {1, 0}}}, {}};
  s.leases = std::move(leases);
  return s;
}

base::Status SignUp(Ledger& l, int phone, bool leased = true, int64_t now = kNow) {
  SignUpRequest r;
  r.deal_id = 42;
  r.phone_e164 = Phone(phone);
  r.now = now;
  r.lease_required = leased;
  return l.SignUp(r).status();
}

TEST_F(LedgerFixture, LeasesFromTheStoreAreStoredAndReplacedWhole) {
  Ledger l = OpenOrDie();
  auto r =
      l.ApplyRemoteState(WithLeases(std::vector<StoreLease>{{rules::Lease{42, 3, kNow + 600}, 1},
                                                            {rules::Lease{43, 1, kNow + 600}, 0}}),
                         kNow);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->leases, 2);
  auto listed = l.ListLeases();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0], (StoreLease{rules::Lease{42, 3, kNow + 600}, 1}));
  // An answer without leases (an older server) leaves them as they are ...
  ASSERT_TRUE(l.ApplyRemoteState(WithLeases(std::nullopt, 6), kNow).ok());
  EXPECT_EQ(l.ListLeases()->size(), 2u);
  // ... and one with leases replaces all of them: deal 43's is gone.
  ASSERT_TRUE(
      l.ApplyRemoteState(
           WithLeases(std::vector<StoreLease>{{rules::Lease{42, 4, kNow + 900}, 2}}, 7), kNow)
          .ok());
  listed = l.ListLeases();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].lease.seats, 4);
}

TEST_F(LedgerFixture, ASyncingKioskSignsUpOnlyWithinItsLease) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.ApplyRemoteState(WithLeases(std::nullopt), kNow).ok());
  // No lease ever received: a capped deal is "sold out here".
  EXPECT_EQ(SignUp(l, 1).reason(), "sold_out_here");
  ASSERT_TRUE(l.ApplyRemoteState(
                   WithLeases(std::vector<StoreLease>{{rules::Lease{42, 2, kNow + 600}, 0}}), kNow)
                  .ok());
  EXPECT_TRUE(SignUp(l, 1).ok());
  EXPECT_TRUE(SignUp(l, 2).ok());
  // Two of two used, although the deal (1 elsewhere + 2 here of 12) has room.
  EXPECT_EQ(SignUp(l, 3).reason(), "sold_out_here");
  EXPECT_EQ(l.GetDeal(42, kNow)->tally.seats(), 3);
}

TEST_F(LedgerFixture, AnExpiredLeaseStopsSignUps) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.ApplyRemoteState(
                   WithLeases(std::vector<StoreLease>{{rules::Lease{42, 5, kNow + 60}, 0}}), kNow)
                  .ok());
  EXPECT_TRUE(SignUp(l, 1, true, kNow + 59).ok());
  EXPECT_EQ(SignUp(l, 2, true, kNow + 60).reason(), "sold_out_here");
}

TEST_F(LedgerFixture, AStandaloneKioskNeedsNoLease) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.ApplyRemoteState(WithLeases(std::nullopt), kNow).ok());
  for (int i = 1; i <= 11; ++i) EXPECT_TRUE(SignUp(l, i, false).ok()) << i;
  EXPECT_EQ(SignUp(l, 12, false).reason(), "sold_out");  // 1 elsewhere + 11 here
}

}  // namespace
}  // namespace gb::ledger
