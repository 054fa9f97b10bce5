// Caps over a chain (chain_leases.cpp, leases.cpp): a head office's StoreDb
// lending two stores' StoreDbs seats of a capped chain-wide deal, each store
// lending its kiosk only what it was lent, and the chain never holding more
// than the cap between them, online or cut off.
#include <gtest/gtest.h>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/client_record.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;
using test::ClientRecord;

constexpr int64_t kNow = test::kOpens + 4000;
constexpr uint32_t kDeal = 77;
constexpr int32_t kCap = 10;

// One store of the chain with its one kiosk.
struct Shop {
  std::string id;       // the store's id at the head office
  std::string kiosk;    // its kiosk's id at the store
  uint32_t key_id = 0;  // the kiosk's key
  std::unique_ptr<StoreDb> db;
  std::optional<voucher::SigningKey> key;
  int64_t seq = 0;
};

class ChainLeasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto hq = StoreDb::Open(tmp_.File("hq.db"));
    ASSERT_TRUE(hq.ok());
    hq_ = std::move(hq).value();
    ASSERT_TRUE(hq_->SetHeadOffice().ok());
    deal_ = test::MakeDeal(kDeal, 4);
    deal_.cap = kCap;
    ASSERT_TRUE(hq_->PutDeals({deal_}, test::kOpens).ok());
    for (int i = 0; i < 2; ++i) {
      Shop& s = shops_[i];
      s.id = i == 0 ? "store-a" : "store-b";
      s.kiosk = "kiosk-" + std::to_string(i + 1);
      s.key_id = static_cast<uint32_t>(i + 1);
      ASSERT_TRUE(hq_->AddKiosk(ClientRecord(s.id, s.key_id + 10, "store")).ok());
      auto db = StoreDb::Open(tmp_.File(s.id + ".db"));
      ASSERT_TRUE(db.ok());
      s.db = std::move(db).value();
      voucher::SigningKey key = *voucher::SigningKey::Generate();
      ASSERT_TRUE(s.db->AddKiosk(ClientRecord(s.kiosk, s.key_id, "kiosk", &key)).ok());
      s.key.emplace(std::move(key));
    }
    hq_policy_.block = 3;
    store_policy_.block = 2;
  }

  // The store asks its head office, as its uplink does: the head office
  // grants its leases, then answers GET /v1/state with them.
  void Pull(Shop& s, int64_t now = kNow) {
    auto leases = hq_->GrantLeases(std::span(&s.id, 1), now, hq_policy_);
    ASSERT_TRUE(leases.ok()) << leases.status().ToString();
    auto state = hq_->State(0);
    ASSERT_TRUE(state.ok());
    json list = json::array();
    for (const KioskLease& l : leases->front()) {
      list.push_back({{"deal_id", l.lease.deal_id},
                      {"seats", l.lease.seats},
                      {"expires_at", l.lease.expires_at},
                      {"used", l.used}});
    }
    (*state)["leases"] = std::move(list);
    auto applied = s.db->ApplyChainState(*state, s.id, now);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }

  // The store uploads its snapshot (seq = its revision), as its uplink does.
  void Report(Shop& s, int64_t now = kNow) {
    auto snap = s.db->OwnCounts();
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    if (snap->revision == 0) return;  // nothing to tell yet (seqs start at 1)
    std::vector<protocol::Batch> group = {test::MakeBatch({protocol::Event{
        s.id, snap->revision, std::string(protocol::kTallies), now, protocol::ToJson(snap->payload)}})};
    auto r = hq_->IngestGroup(group, now);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // The store's kiosk asks for its lease (GET /v1/state at the store).
  rules::Lease KioskAsks(Shop& s, int64_t now = kNow) {
    auto r = s.db->GrantLeases(std::span(&s.kiosk, 1), now, store_policy_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || r->front().empty()) return rules::Lease{kDeal, 0, 0};
    return r->front().front().lease;
  }

  // The kiosk signs up n shoppers and uploads them to its store.
  void KioskUses(Shop& s, int64_t n, int64_t now = kNow) {
    std::vector<protocol::Event> events;
    for (int64_t k = 0; k < n; ++k) {
      ++s.seq;
      events.push_back(test::SignUp(*s.key, s.key_id, s.kiosk, s.seq, static_cast<uint64_t>(s.seq),
                                    deal_, test::kOpens + 3600,
                                    s.key_id * 1000 + static_cast<uint64_t>(s.seq)));
    }
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = s.db->IngestGroup(group, now);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->front().conflicts, 0);
  }

  // A kiosk signs up while its lease has a free seat (CheckLease's rule).
  static int64_t Free(const rules::Lease& lease, int64_t used) {
    return std::max<int64_t>(0, lease.seats - used);
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> hq_;
  rules::Deal deal_;  // the capped chain-wide deal, as the head office published it
  Shop shops_[2];
  rules::LeasePolicy hq_policy_, store_policy_;
};

TEST_F(ChainLeasesTest, AStoreLendsItsKioskOnlyWhatTheHeadOfficeLentIt) {
  Shop& a = shops_[0];
  // The deal from a head office that lent nothing: the store lends nothing.
  auto state = hq_->State(0);
  ASSERT_TRUE(state.ok());
  ASSERT_TRUE(a.db->ApplyChainState(*state, a.id, kNow).ok());
  EXPECT_EQ(KioskAsks(a).seats, 0);
  Pull(a);
  auto lease = a.db->ChainLease(kDeal);
  ASSERT_TRUE(lease.ok() && lease->has_value());
  EXPECT_EQ((*lease)->seats, 3);  // the head office's block
  EXPECT_EQ(KioskAsks(a).seats, 2);
  KioskUses(a, 2);
  EXPECT_EQ(KioskAsks(a).seats, 3);  // used + 2, but the store has only 3
  KioskUses(a, 1);
  EXPECT_EQ(KioskAsks(a).seats, 3);
  // The store reports and asks again: the head office tops it up.
  Report(a);
  Pull(a);
  EXPECT_EQ((*a.db->ChainLease(kDeal))->seats, 6);
  EXPECT_EQ(KioskAsks(a).seats, 5);
}

TEST_F(ChainLeasesTest, TwoStoresSigningUpAsFastAsTheyMayFillTheCapExactly) {
  // Without leases from the head office each store would lend up to the
  // whole cap, and the chain would take 2 x 10 sign-ups.
  int64_t used[2] = {0, 0};
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 2; ++i) {
      Shop& s = shops_[i];
      Report(s);
      Pull(s);
      const int64_t n = Free(KioskAsks(s), used[i]);
      KioskUses(s, n);
      used[i] += n;
      ASSERT_LE(used[0] + used[1], kCap) << "round " << round;
    }
  }
  EXPECT_EQ(used[0] + used[1], kCap);
  EXPECT_GT(used[0], 0);
  EXPECT_GT(used[1], 0);
  // The head office's tally says the same.
  auto t = hq_->Tallies();
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)["deals"][0]["id"], kDeal);
  EXPECT_EQ((*t)["deals"][0]["committed"], kCap);
}

TEST_F(ChainLeasesTest, SeatsAKioskHoldsUnusedAreReportedAndKeptFromTheOtherStore) {
  Shop& a = shops_[0];
  Shop& b = shops_[1];
  hq_policy_.block = 6;
  Pull(a);
  auto before = a.db->Revision();
  EXPECT_EQ(KioskAsks(a).seats, 2);  // lent, none used
  // The kiosk's lease moved what the store holds: a new revision, and the
  // snapshot at it says so.
  EXPECT_EQ(*a.db->Revision(), *before + 1);
  auto snap = a.db->OwnCounts();
  ASSERT_TRUE(snap.ok());
  ASSERT_EQ(snap->payload.deals.size(), 1u);
  EXPECT_EQ(snap->payload.deals[0].held, 2);
  EXPECT_EQ(snap->payload.deals[0].committed, 0);
  Report(a);
  Pull(b);
  EXPECT_EQ((*b.db->ChainLease(kDeal))->seats, 4);  // 10 - store A's 6
  // The head office's tallies show each store's share.
  auto t = hq_->Tallies();
  ASSERT_TRUE(t.ok());
  const json& by_store = (*t)["deals"][0]["by_store"];
  EXPECT_EQ(by_store["store-a"]["held"], 2) << by_store.dump();
  EXPECT_EQ(by_store["store-a"]["lent"]["seats"], 6) << by_store.dump();
  EXPECT_FALSE(by_store.contains("store-b")) << "store B has not reported yet";
  // Long after store A's lease ran out, A reports and asks again: it is
  // re-based on the 2 seats its kiosk still holds, not on its 0 pledges,
  // plus a block (now 1).
  hq_policy_.block = 1;
  const int64_t later = kNow + 3600;
  Report(a, later);
  Pull(a, later);
  EXPECT_EQ((*a.db->ChainLease(kDeal))->seats, 3);
  EXPECT_EQ(KioskAsks(a, later).seats, 2);  // re-based too: 0 used + a block of 2
}

TEST_F(ChainLeasesTest, OnceItsLeaseRanOutAStoreLendsNothingNew) {
  Shop& a = shops_[0];
  Pull(a);
  EXPECT_EQ(KioskAsks(a).seats, 2);
  KioskUses(a, 2);
  auto lease = a.db->ChainLease(kDeal);
  ASSERT_TRUE(lease.ok() && lease->has_value());
  // Cut off from the head office past the lease's end: the kiosk keeps what
  // it holds, gets nothing more, even once its own lease is re-based.
  const int64_t late = (*lease)->expires_at + 1;
  EXPECT_EQ(KioskAsks(a, late).seats, 2);
  EXPECT_EQ(KioskAsks(a, late + 3600).seats, 2);
  // Back in touch: lent again.
  Report(a, late + 3600);
  Pull(a, late + 3600);
  EXPECT_EQ(KioskAsks(a, late + 3600).seats, 4);
}

TEST_F(ChainLeasesTest, AMalformedLeaseListIsRefusedAndNothingIsApplied) {
  Shop& a = shops_[0];
  auto state = hq_->State(0);
  ASSERT_TRUE(state.ok());
  for (const json& bad : {json("x"), json::array({json{{"deal_id", kDeal}}}),
                          json::array({json{{"deal_id", -1}, {"seats", 1}, {"expires_at", 0}}}),
                          json::array({json{{"deal_id", kDeal}, {"seats", -2}, {"expires_at", 0}}}),
                          json::array({json{{"deal_id", kDeal}, {"seats", 2}, {"expires_at", "x"}}})}) {
    json s = *state;
    s["leases"] = bad;
    auto r = a.db->ApplyChainState(s, a.id, kNow);
    ASSERT_FALSE(r.ok()) << bad.dump();
    EXPECT_EQ(r.status().reason(), "bad_state");
    EXPECT_NE(r.status().message().find("leases"), std::string::npos) << r.status().message();
  }
  // Nothing of those answers was kept: no deal, no lease.
  EXPECT_FALSE(a.db->ChainLease(kDeal)->has_value());
  auto t = a.db->Tallies();
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE((*t)["deals"].empty());
}

}  // namespace
}  // namespace gb::store
