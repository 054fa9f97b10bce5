// The rescue list (late events resolved by staff, once) and cloned kiosks
// (a key that issues one serial twice is suspended until it has a new key).
#include <gtest/gtest.h>

#include <array>

#include "core/sqlite/sqlite.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

constexpr int64_t kNow = test::kOpens + 4000;
constexpr int64_t kLate = test::kStop + 10;

voucher::SigningKey Key(uint8_t fill) {
  std::array<uint8_t, 32> seed{};
  seed.fill(fill);
  return std::move(voucher::SigningKey::FromSeed(seed)).value();
}

class StoreRescueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    key_.emplace(Key(9));
    KioskRecord k{"kiosk-1", 1, key_->Public().Pem(), Sha256("token"), 0, std::nullopt};
    ASSERT_TRUE(db_->AddKiosk(k).ok());
    ASSERT_TRUE(db_->PutDeals({test::MakeDeal(42, 5)}, test::kOpens).ok());
    Ingest({Sign(1, 1), Sign(2, 2)}, kNow);
  }
  protocol::Event Sign(int64_t seq, uint64_t serial, int64_t joined = test::kOpens + 3600) {
    return test::SignUp(*key_, 1, "kiosk-1", seq, serial, test::MakeDeal(42, 5), joined);
  }
  void Ingest(std::vector<protocol::Event> events, int64_t now) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, now);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  int64_t Committed() {
    auto t = db_->Tallies();
    return t.ok() ? (*t)["deals"][0]["committed"].get<int64_t>() : -1;
  }
  base::Result<RescueOutcome> Resolve(int64_t id, std::string how) {
    return db_->ResolveRescue({id, std::move(how), "called the shopper", kLate + 100});
  }
  std::vector<RescueItem> Open() {
    auto items = db_->ListRescue();
    EXPECT_TRUE(items.ok());
    return items.ok() ? *items : std::vector<RescueItem>{};
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::optional<voucher::SigningKey> key_;
};

TEST_F(StoreRescueTest, ALateSignUpWaitsForStaffAndAcceptCountsIt) {
  Ingest({Sign(3, 3, kLate), Sign(4, 4, kLate)}, kLate + 5);
  EXPECT_EQ(Committed(), 2);
  std::vector<RescueItem> items = Open();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, "late_sign_up");
  EXPECT_EQ(items[0].type, "sign_up");
  EXPECT_EQ(items[0].origin, "kiosk-1");
  EXPECT_EQ(items[0].seq, 3);
  EXPECT_EQ(items[0].deal_id, 42u);
  EXPECT_EQ(items[0].at, kLate + 5);
  auto tallies = db_->Tallies();
  EXPECT_EQ((*tallies)["rescue_open"], 2);
  EXPECT_EQ((*tallies)["deals"][0]["rescue_open"], 2);

  const int64_t rev = db_->Revision().value();
  auto accepted = Resolve(items[0].id, "accept");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->revision, rev + 1);
  EXPECT_EQ(Committed(), 3);
  auto state = db_->State(rev);
  ASSERT_EQ((*state)["deals"].size(), 1u);  // kiosks hear of the new tally
  EXPECT_EQ((*state)["deals"][0]["committed"], 3);

  ASSERT_TRUE(Resolve(items[1].id, "reject").ok());
  EXPECT_EQ(Committed(), 3);
  EXPECT_TRUE(Open().empty());
  EXPECT_EQ(db_->CountOpenRescue().value(), 0);

  auto again = Resolve(items[0].id, "reject");
  EXPECT_EQ(again.status().code(), base::Code::kFailedPrecondition);
  EXPECT_EQ(again.status().reason(), "already_resolved");
  EXPECT_EQ(Committed(), 3);
}

TEST_F(StoreRescueTest, ACancelAfterTheStopIsAcceptedOnlyWhileThePledgeIsLive) {
  Ingest({test::Cancel("kiosk-1", 5, 1, 1, kLate), test::Cancel("kiosk-1", 6, 1, 1, kLate + 1)},
         kLate + 5);
  std::vector<RescueItem> items = Open();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, "after_stop");
  ASSERT_TRUE(Resolve(items[0].id, "accept").ok());
  EXPECT_EQ(Committed(), 1);
  auto twice = Resolve(items[1].id, "accept");  // the pledge is cancelled now
  EXPECT_EQ(twice.status().reason(), "cannot_accept");
  EXPECT_EQ(Open().size(), 1u);  // still open: staff reject it
  EXPECT_TRUE(Resolve(items[1].id, "reject").ok());
  EXPECT_TRUE(Open().empty());
}

TEST_F(StoreRescueTest, BadResolutionsAreErrors) {
  Ingest({Sign(3, 3, kLate)}, kLate + 5);
  const int64_t id = Open().at(0).id;
  EXPECT_EQ(Resolve(id + 100, "accept").status().reason(), "unknown_rescue");
  EXPECT_EQ(Resolve(id, "maybe").status().reason(), "bad_resolution");
  EXPECT_EQ(db_->ResolveRescue({id, "accept", std::string(501, 'n'), kLate}).status().reason(),
            "bad_note");
  EXPECT_EQ(Open().size(), 1u);
}

TEST_F(StoreRescueTest, AReusedSerialSuspendsTheKioskUntilItHasANewKey) {
  // The same key and serial with another voucher: a second device has the key.
  Ingest({test::SignUp(*key_, 1, "kiosk-1", 3, 1, test::MakeDeal(42, 5), test::kOpens + 4000, 77)}, kNow + 10);
  auto kiosks = db_->ListKiosks();
  ASSERT_TRUE(kiosks.ok());
  ASSERT_TRUE(kiosks->at(0).suspended_at.has_value());
  EXPECT_EQ(kiosks->at(0).suspend_reason, "serial_reuse");
  auto state = db_->State(0);
  EXPECT_EQ((*state)["kiosks"][0]["suspended"], true);
  EXPECT_EQ((*state)["kiosks"][0]["suspend_reason"], "serial_reuse");
  EXPECT_EQ((*state)["kiosks"][0]["suspended_at"], kNow + 10);
  // Its sign-ups are stored as conflicts, not counted.
  const int64_t conflicts = db_->CountConflicts().value();
  Ingest({Sign(4, 4)}, kNow + 20);
  EXPECT_EQ(Committed(), 2);
  EXPECT_EQ(db_->CountConflicts().value(), conflicts + 1);

  // A new key for the kiosk (what a rotation after `reinstate` does) ends
  // the suspension: it holds only for the key it was found with.
  voucher::SigningKey fresh = Key(10);
  {
    auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE(raw->Exec("UPDATE kiosks SET key_id=2, public_key='" + fresh.Public().Pem() +
                          "', rev=rev+1 WHERE kiosk_id='kiosk-1'")
                    .ok());
  }
  EXPECT_FALSE(db_->ListKiosks()->at(0).suspended_at.has_value());
  Ingest({test::SignUp(fresh, 2, "kiosk-1", 5, 1, test::MakeDeal(42, 5))}, kNow + 30);
  EXPECT_EQ(Committed(), 3);
  EXPECT_EQ((*db_->State(0))["kiosks"][0]["suspended"], false);
}

TEST_F(StoreRescueTest, AReusedSeqSuspendsTheKioskToo) {
  Ingest({test::Cancel("kiosk-1", 2, 1, 2)}, kNow + 10);  // seq 2 held a sign-up
  auto kiosks = db_->ListKiosks();
  ASSERT_TRUE(kiosks->at(0).suspended_at.has_value());
  EXPECT_EQ(kiosks->at(0).suspend_reason, "seq_reuse");
  EXPECT_EQ(db_->IntegrityCheck().value(), "ok");
}

}  // namespace
}  // namespace gb::store
