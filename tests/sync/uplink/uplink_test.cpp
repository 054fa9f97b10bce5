// SnapshotOutbox and ChainStateSink over a real store database file.
#include "sync/uplink/uplink.h"

#include <gtest/gtest.h>

#include "core/rules/deal_json.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::uplink {
namespace {

class UplinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = store::StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->PutDeals({test::MakeDeal(5, 3)}, test::kOpens).ok());
  }

  test::ScopedTempDir tmp_;
  std::shared_ptr<store::StoreDb> db_;
  int64_t clock_ = 1000;
};

TEST_F(UplinkTest, OneSnapshotPerChangeAtTheStoresRevision) {
  SnapshotOutbox out(db_, "store-a", [this] { return clock_; });
  auto first = out.After(0, 10);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  const protocol::Event e = first->front();
  EXPECT_EQ(e.origin, "store-a");
  EXPECT_EQ(e.type, "tallies");
  EXPECT_EQ(e.seq, *db_->Revision());
  EXPECT_TRUE(protocol::ValidatePayload(e, "e").ok());
  // Not yet acknowledged: the very same event again, even later.
  clock_ += 60;
  auto resend = out.After(0, 10);
  ASSERT_EQ(resend->size(), 1u);
  EXPECT_EQ(resend->front(), e);
  // Acknowledged, and nothing counted moved: nothing to send even though
  // the revision grows (a staff change, say).
  ASSERT_TRUE(db_->PutDeals({test::MakeDeal(5, 3)}, test::kOpens).ok());  // bumps the revision
  EXPECT_GT(*db_->Revision(), e.seq);
  auto quiet = out.After(e.seq, 10);
  ASSERT_TRUE(quiet.ok());
  EXPECT_TRUE(quiet->empty());
  // A new deal changes the counts: a new snapshot at the new revision.
  ASSERT_TRUE(db_->PutDeals({test::MakeDeal(6, 2)}, test::kOpens).ok());
  auto next = out.After(e.seq, 10);
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ(next->front().seq, *db_->Revision());
  EXPECT_EQ(next->front().payload["deals"].size(), 2u);
  EXPECT_TRUE(out.After(next->front().seq, 10)->empty());
  EXPECT_TRUE(out.After(0, 0)->empty());  // limit 0
}

TEST_F(UplinkTest, AKioskGoingOfflineIsANewSnapshotWithItsId) {
  store::KioskRecord k;
  k.kiosk_id = "kiosk-1";
  k.key_id = 1;
  k.public_key_pem = "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----\n";
  ASSERT_TRUE(db_->AddKiosk(k).ok());
  std::map<std::string, int64_t> contacts = {{"kiosk-1", clock_}};
  SnapshotOutbox out(db_, "store-a", [this] { return clock_; },
                     KioskWatch{[&contacts] { return contacts; }, clock_, 60});
  auto first = out.After(0, 10);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(first->front().payload["kiosks"],
            nlohmann::json::parse(R"({"enrolled":1,"offline":[]})"));
  const int64_t seq = first->front().seq;
  clock_ += 30;  // quiet, but not for long
  EXPECT_TRUE(out.After(seq, 10)->empty());
  clock_ += 31;
  auto offline = out.After(seq, 10);
  ASSERT_EQ(offline->size(), 1u);
  EXPECT_GT(offline->front().seq, seq);
  EXPECT_EQ(offline->front().payload["kiosks"]["offline"],
            nlohmann::json::parse(R"([{"kiosk_id":"kiosk-1","since":1000}])"));
  EXPECT_TRUE(out.After(offline->front().seq, 10)->empty());
  contacts["kiosk-1"] = clock_;  // it polls again
  auto back = out.After(offline->front().seq, 10);
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ(back->front().payload["kiosks"]["offline"], nlohmann::json::array());
}

TEST_F(UplinkTest, TheSinkRefusesWhatIsNotAHeadOfficeState) {
  ChainStateSink sink(db_, "store-a");
  EXPECT_EQ(*sink.Revision(), 0);
  EXPECT_EQ(sink.Apply("{", 1).status().reason(), "bad_json");
  EXPECT_EQ(sink.Apply("[]", 1).status().reason(), "bad_state");
  EXPECT_EQ(sink.Apply(R"({"revision": 3})", 1).status().reason(), "bad_state");
  EXPECT_EQ(sink.Apply(R"({"revision": 3, "deals": [{"state": "open"}]})", 1).status().reason(),
            "bad_state");
  nlohmann::json odd = {{"revision", 3},
                        {"deals", {{{"deal", rules::DealToJson(test::MakeDeal(9, 2))},
                                    {"state", 5}}}}};
  EXPECT_EQ(sink.Apply(odd.dump(), 1).status().reason(), "bad_state");
  auto ok = sink.Apply(R"({"revision": 3, "deals": []})", 1);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  EXPECT_EQ(*sink.Revision(), 3);
}

}  // namespace
}  // namespace gb::uplink
