// The head office and chain-wide deals in the store database (chain.cpp,
// chain_report.cpp): a head office's StoreDb summing its stores' snapshots,
// and a store's StoreDb applying the head office's real State() answer.
#include <gtest/gtest.h>

#include <array>
#include <limits>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/client_record.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;
using test::MakeBatch;
using test::MakeDeal;

constexpr int64_t kNow = test::kOpens + 4000;

using test::ClientRecord;

protocol::Event Snapshot(const std::string& store, int64_t seq, uint32_t deal, int64_t committed,
                         int64_t at = kNow) {
  protocol::TalliesPayload p;
  p.deals.push_back({deal, "Sofa", true, "open", committed, 0, 0, 0, 59900});
  return protocol::Event{store, seq, std::string(protocol::kTallies), at, protocol::ToJson(p)};
}

class ChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto hq = StoreDb::Open(tmp_.File("hq.db"));
    auto st = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(hq.ok() && st.ok());
    hq_ = std::move(hq).value();
    store_ = std::move(st).value();
    ASSERT_TRUE(hq_->SetHeadOffice().ok());
    ASSERT_TRUE(hq_->AddKiosk(ClientRecord("store-a", 1, "store")).ok());
    ASSERT_TRUE(hq_->AddKiosk(ClientRecord("store-b", 2, "store")).ok());
    ASSERT_TRUE(hq_->AddKiosk(ClientRecord("kiosk-x", 3, "kiosk")).ok());
    ASSERT_TRUE(hq_->PutDeals({MakeDeal(77, 4)}, test::kOpens).ok());
    voucher::SigningKey key = *voucher::SigningKey::Generate();
    ASSERT_TRUE(store_->AddKiosk(ClientRecord("kiosk-1", 1, "kiosk", &key)).ok());
    kiosk_key_.emplace(std::move(key));
  }

  IngestResult IngestInto(StoreDb& db, std::vector<protocol::Event> events, int64_t now = kNow) {
    std::vector<protocol::Batch> group = {MakeBatch(std::move(events))};
    auto r = db.IngestGroup(group, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->front() : IngestResult{};
  }

  static json DealOf(StoreDb& db, uint32_t id) {
    auto t = db.Tallies();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    for (const json& d : (*t)["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }

  // The store applies what the head office's GET /v1/state would answer.
  base::Result<int64_t> Pull(const std::string& self = "store-a", int64_t now = kNow) {
    auto state = hq_->State(0);
    EXPECT_TRUE(state.ok());
    return store_->ApplyChainState(*state, self, now);
  }

  // The head office's deal 77 (SetUp), as the store's kiosk signs it up.
  protocol::Event KioskSignUp(int64_t seq) {
    return test::SignUp(*kiosk_key_, 1, "kiosk-1", seq, static_cast<uint64_t>(seq),
                        MakeDeal(77, 4));
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> hq_, store_;
  std::optional<voucher::SigningKey> kiosk_key_;
};

TEST_F(ChainTest, TheHeadOfficeUnlocksOnTheSumOfItsStoresSnapshots) {
  IngestInto(*hq_, {Snapshot("store-a", 5, 77, 2)});
  EXPECT_EQ(DealOf(*hq_, 77)["state"], "open");
  IngestInto(*hq_, {Snapshot("store-b", 3, 77, 2)});
  json d = DealOf(*hq_, 77);
  EXPECT_EQ(d["committed"], 4);
  EXPECT_EQ(d["state"], "unlocked");
  EXPECT_EQ(d["chain"], true);
  EXPECT_EQ(d["by_store"]["store-a"]["committed"], 2);
  EXPECT_EQ(d["by_store"]["store-b"]["name"], "Shop store-b");
  auto t = hq_->Tallies();
  EXPECT_EQ((*t)["role"], "hq");
  EXPECT_EQ((*t)["stores"].size(), 2u);
}

TEST_F(ChainTest, TheHeadOfficeSumsRedeemedAndCancelledOverItsStores) {
  auto with = [](const std::string& store, int64_t seq, int64_t redeemed, int64_t cancelled) {
    protocol::TalliesPayload p;
    p.deals.push_back({77, "Sofa", true, "unlocked", 3, 0, redeemed, cancelled, 59900});
    return protocol::Event{store, seq, std::string(protocol::kTallies), kNow, protocol::ToJson(p)};
  };
  IngestInto(*hq_, {with("store-a", 5, 1, 2), with("store-b", 7, 2, 0)});
  json d = DealOf(*hq_, 77);
  EXPECT_EQ(d["redeemed"], 3);
  EXPECT_EQ(d["cancelled"], 2);
  EXPECT_EQ(d["by_store"]["store-a"]["redeemed"], 1);
  EXPECT_EQ(d["by_store"]["store-b"]["redeemed"], 2);
  // A newer snapshot replaces the store's numbers; nothing is added twice.
  IngestInto(*hq_, {with("store-a", 6, 2, 2)});
  d = DealOf(*hq_, 77);
  EXPECT_EQ(d["redeemed"], 4);
  EXPECT_EQ(d["cancelled"], 2);
}

TEST_F(ChainTest, SnapshotsAreAbsoluteSoLateAndRepeatedOnesCountNothingTwice) {
  IngestInto(*hq_, {Snapshot("store-a", 5, 77, 2)});
  IngestResult late = IngestInto(*hq_, {Snapshot("store-a", 4, 77, 9)});  // older revision
  EXPECT_EQ(late.new_events, 1);
  EXPECT_EQ(DealOf(*hq_, 77)["committed"], 2);
  // The same revision rebuilt after a restart differs only in its time.
  IngestResult again = IngestInto(*hq_, {Snapshot("store-a", 5, 77, 2, kNow + 60)});
  EXPECT_EQ(again.duplicates, 1);
  EXPECT_EQ(again.conflicts, 0);
  IngestInto(*hq_, {Snapshot("store-a", 8, 77, 3)});
  EXPECT_EQ(DealOf(*hq_, 77)["committed"], 3);
  EXPECT_EQ(*hq_->CountConflicts(), 0);
}

TEST_F(ChainTest, OnlyStoresSendTalliesAndStoresSendNothingElse) {
  IngestResult from_kiosk = IngestInto(*hq_, {Snapshot("kiosk-x", 1, 77, 50)});
  EXPECT_EQ(from_kiosk.conflicts, 1);
  EXPECT_EQ(DealOf(*hq_, 77)["committed"], 0);
  IngestResult cancel = IngestInto(*hq_, {test::Cancel("store-a", 1, 1, 1)});
  EXPECT_EQ(cancel.conflicts, 1);
  EXPECT_EQ(*hq_->CountConflicts(), 2);
}

TEST_F(ChainTest, AStoreCountsTheRestOfTheChainAndReportsOnlyItsOwn) {
  IngestInto(*hq_, {Snapshot("store-a", 5, 77, 1), Snapshot("store-b", 6, 77, 2)});
  ASSERT_TRUE(Pull().ok());
  json d = DealOf(*store_, 77);
  ASSERT_FALSE(d.is_null());
  EXPECT_EQ(d["committed"], 2);  // store-b's; its own one is not counted from the head office
  EXPECT_EQ(d["chain"], true);
  EXPECT_EQ(d["elsewhere"]["committed"], 2);
  // Its own kiosk's two sign-ups make 4: the store unlocks without waiting.
  IngestInto(*store_, {KioskSignUp(1), KioskSignUp(2)});
  d = DealOf(*store_, 77);
  EXPECT_EQ(d["committed"], 4);
  EXPECT_EQ(d["state"], "unlocked");
  auto own = store_->OwnCounts();
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->payload.deals.size(), 1u);
  EXPECT_EQ(own->payload.deals[0].committed, 2);
  EXPECT_TRUE(own->payload.deals[0].chain);
  EXPECT_EQ(own->revision, *store_->Revision());
  // Its kiosks see the rest of the chain as one more source.
  auto state = store_->State(0);
  EXPECT_EQ((*state)["deals"][0]["by_kiosk"]["chain"]["committed"], 2);
  EXPECT_EQ((*state)["deals"][0]["committed"], 4);
}

TEST_F(ChainTest, AChainDealFailsOnlyWhenTheHeadOfficeSaysSo) {
  ASSERT_TRUE(Pull().ok());
  IngestInto(*store_, {KioskSignUp(1)});
  const int64_t late = test::kDeadline + 10;
  ASSERT_TRUE(store_->AdvanceDeals(late).ok());
  EXPECT_EQ(DealOf(*store_, 77)["state"], "open");
  ASSERT_EQ(*hq_->AdvanceDeals(late), 1);
  ASSERT_TRUE(Pull("store-a", late).ok());
  EXPECT_EQ(DealOf(*store_, 77)["state"], "failed");
  auto state = store_->State(0);
  EXPECT_EQ((*state)["deals"][0]["committed"], 0);  // the voucher is void
}

TEST_F(ChainTest, ApplyingTheSameStateTwiceChangesNothing) {
  auto first = Pull();
  ASSERT_TRUE(first.ok());
  const int64_t rev = *store_->Revision();
  auto second = Pull();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(*store_->Revision(), rev);
  EXPECT_EQ(*store_->ChainRevision(), *hq_->Revision());
}

// UBSan in the chain fuzzer: a head office's count of INT64_MIN,
// less this store's own count, overflowed.
TEST_F(ChainTest, NegativeCountsFromTheHeadOfficeAreReadAsZero) {
  auto state = hq_->State(0);
  ASSERT_TRUE(state.ok());
  json s = *state;
  ASSERT_FALSE(s["deals"].empty());
  s["deals"][0]["committed"] = std::numeric_limits<int64_t>::min();
  s["deals"][0]["reserved"] = -5;
  s["deals"][0]["by_kiosk"]["store-a"] = {{"committed", 1}, {"reserved", 1}};
  ASSERT_TRUE(store_->ApplyChainState(s, "store-a", kNow).ok());
  EXPECT_EQ(DealOf(*store_, 77)["committed"], 0);
}

TEST_F(ChainTest, ALocalDealKeepsItsIdAndTheClashIsRecordedOnce) {
  ASSERT_TRUE(store_->PutDeals({MakeDeal(77, 2)}, test::kOpens).ok());
  ASSERT_TRUE(hq_->PutDeals({MakeDeal(78, 5)}, test::kOpens).ok());
  ASSERT_TRUE(Pull().ok());
  ASSERT_TRUE(hq_->PutDeals({MakeDeal(79, 5)}, test::kOpens).ok());
  ASSERT_TRUE(Pull().ok());
  EXPECT_EQ(DealOf(*store_, 77)["chain"], false);
  EXPECT_EQ(DealOf(*store_, 78)["chain"], true);
  EXPECT_EQ(DealOf(*store_, 79)["chain"], true);
  EXPECT_EQ(*store_->CountConflicts(), 1);
  // And the store's own catalog cannot overwrite a chain-wide deal.
  EXPECT_EQ(store_->PutDeals({MakeDeal(78, 1)}, test::kOpens).reason(), "chain_deal");
}

TEST_F(ChainTest, TheHeadOfficeKeepsTermsOnceStoresHaveSignUps) {
  rules::Deal changed = MakeDeal(77, 9);
  EXPECT_TRUE(hq_->PutDeals({changed}, test::kOpens).ok());  // nobody joined yet
  IngestInto(*hq_, {Snapshot("store-a", 5, 77, 1)});
  EXPECT_EQ(hq_->PutDeals({MakeDeal(77, 4)}, test::kOpens).reason(), "terms_locked");
}

TEST_F(ChainTest, TheHeadOfficeStopsAChainDealAndItsStoresTakeTheStop) {
  ASSERT_TRUE(Pull().ok());
  IngestInto(*store_, {KioskSignUp(1)});
  const int64_t stop = kNow;
  auto stopped = hq_->StopDeal(77, stop);
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  EXPECT_EQ(stopped->stopped_at, stop);
  EXPECT_EQ(stopped->state, "open");  // below the threshold: its deadline still decides
  EXPECT_EQ(stopped->revision, *hq_->Revision());
  EXPECT_EQ(hq_->StopDeal(77, stop + 1).status().reason(), "already_stopped");
  EXPECT_EQ(hq_->StopDeal(99, stop).status().reason(), "unknown_deal");
  const int64_t before = *store_->Revision();
  ASSERT_TRUE(Pull("store-a", stop + 1).ok());
  EXPECT_GT(*store_->Revision(), before);  // its kiosks re-read the deal
  auto state = store_->State(before);
  ASSERT_TRUE(state.ok());
  ASSERT_EQ((*state)["deals"].size(), 1u);
  EXPECT_EQ((*state)["deals"][0]["deal"]["stopped_early_at"], stop);
  // Only the head office stops its deals.
  EXPECT_EQ(store_->StopDeal(77, stop + 2).status().reason(), "chain_deal");
  // Until the stop a shopper may cancel; after it nothing changes.
  IngestResult cancel = IngestInto(*store_, {test::Cancel("kiosk-1", 2, 1, 1, stop - 10)});
  EXPECT_EQ(cancel.conflicts, 0);
  IngestResult late = IngestInto(
      *store_, {test::SignUp(*kiosk_key_, 1, "kiosk-1", 3, 3, MakeDeal(77, 4), stop + 5)});
  EXPECT_EQ(late.conflicts, 1);
  IngestInto(*store_, {test::SignUp(*kiosk_key_, 1, "kiosk-1", 4, 4, MakeDeal(77, 4), stop - 5)});
  IngestResult after = IngestInto(*store_, {test::Cancel("kiosk-1", 5, 1, 4, stop + 5)});
  EXPECT_EQ(after.conflicts, 1);
  EXPECT_EQ(DealOf(*store_, 77)["committed"], 1);  // serial 4 stays; serial 1 was cancelled
}

TEST_F(ChainTest, TheHeadOfficePausesAndResumesAChainDealAndItsStoresFollow) {
  ASSERT_TRUE(Pull().ok());
  auto paused = hq_->PauseDeal(77, true, kNow);
  ASSERT_TRUE(paused.ok()) << paused.status().ToString();
  EXPECT_TRUE(paused->changed);
  EXPECT_FALSE(hq_->PauseDeal(77, true, kNow + 1)->changed);  // paused already
  EXPECT_EQ(hq_->PauseDeal(99, true, kNow).status().reason(), "unknown_deal");
  ASSERT_TRUE(Pull("store-a", kNow + 1).ok());
  EXPECT_EQ(DealOf(*store_, 77)["paused"], true);
  // Only the head office pauses its deals.
  EXPECT_EQ(store_->PauseDeal(77, false, kNow + 2).status().reason(), "chain_deal");
  // A sign-up a kiosk took before it heard of the pause still counts.
  EXPECT_EQ(IngestInto(*store_, {KioskSignUp(1)}).conflicts, 0);
  // A re-import of the same catalog keeps the pause; only a resume ends it.
  ASSERT_TRUE(hq_->PutDeals({MakeDeal(77, 4)}, kNow + 3).ok());
  EXPECT_EQ(DealOf(*hq_, 77)["paused"], true);
  ASSERT_TRUE(hq_->PauseDeal(77, false, kNow + 4).ok());
  ASSERT_TRUE(Pull("store-a", kNow + 5).ok());
  EXPECT_EQ(DealOf(*store_, 77)["paused"], false);
  EXPECT_EQ(DealOf(*store_, 77)["state"], "open");
  // A deal stopped for good has nothing to pause.
  ASSERT_TRUE(hq_->StopDeal(77, kNow + 6).ok());
  EXPECT_EQ(hq_->PauseDeal(77, true, kNow + 7).status().reason(), "already_stopped");
}

TEST_F(ChainTest, AStoppedUnlockedDealClosesAndAReimportKeepsTheStop) {
  IngestInto(*hq_, {Snapshot("store-a", 5, 77, 4)});
  ASSERT_EQ(DealOf(*hq_, 77)["state"], "unlocked");
  auto stopped = hq_->StopDeal(77, kNow);
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  EXPECT_EQ(stopped->state, "closed");
  ASSERT_TRUE(Pull("store-a", kNow + 1).ok());
  EXPECT_EQ(DealOf(*store_, 77)["state"], "closed");
  // The same catalog again is not a change of terms, and does not restart it.
  ASSERT_TRUE(hq_->PutDeals({MakeDeal(77, 4)}, kNow + 2).ok());
  auto state = hq_->State(0);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ((*state)["deals"][0]["deal"]["stopped_early_at"], kNow);
  EXPECT_EQ((*state)["deals"][0]["state"], "closed");
  // A store stops its own deals the same way.
  ASSERT_TRUE(store_->PutDeals({MakeDeal(5, 2)}, test::kOpens).ok());
  auto own = store_->StopDeal(5, kNow);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->state, "open");
}

TEST_F(ChainTest, TheReportHasOneRowPerDealAndStoreAndQuotesNames) {
  ASSERT_TRUE(hq_->AddKiosk([] {
                    KioskRecord k = ClientRecord("store-c", 4, "store");
                    k.name = "=Main, \"North\"";
                    return k;
                  }())
                  .ok());
  protocol::TalliesPayload local;
  local.deals.push_back({5, "Lamp", false, "unlocked", 3, 1, 2, 1, 1990});
  IngestInto(*hq_, {Snapshot("store-a", 5, 77, 2)});
  IngestInto(*hq_, {protocol::Event{"store-c", 2, std::string(protocol::kTallies), kNow,
                                    protocol::ToJson(local)}});
  auto csv = hq_->ReportCsv();
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv,
            "deal,title,store,store_name,participants,committed,reserved,redeemed,cancelled,"
            "state,price_minor,staff\r\n"
            "5,Lamp,store-c,\"'=Main, \"\"North\"\"\",4,3,1,2,1,unlocked,1990,\r\n"
            "77,Sofa 77,store-a,Shop store-a,2,2,0,0,0,open,59900,\r\n");
  auto t = hq_->Tallies();
  ASSERT_EQ((*t)["store_deals"].size(), 1u);
  EXPECT_EQ((*t)["store_deals"][0]["title"], "Lamp");
}

}  // namespace
}  // namespace gb::store
