// StoreDb::Deposit and Refund: each once per pledge across every till, the
// amounts from core/rules, and the till's own later "deposit" event known
// as the deposit the server took.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <set>
#include <thread>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

constexpr int64_t kNow = test::kOpens + 4000;
constexpr int64_t kDeposit = 5000;

// Deal 42 asks a 50.00 deposit within a day and unlocks at 2; deal 43 asks
// none.
rules::Deal DepositDeal(uint32_t id, int32_t threshold) {
  rules::Deal d = test::MakeDeal(id, threshold);
  d.deposit = {rules::DepositKind::kAmount, kDeposit, 86400};
  return d;
}

protocol::Event DepositEvent(int64_t seq, uint64_t serial, int64_t at, const std::string& till) {
  return protocol::Event{"kiosk-1", seq, std::string(protocol::kDeposit), at,
                         protocol::ToJson(protocol::DepositPayload{1, serial, kDeposit, at, till})};
}

protocol::Event RefundEvent(int64_t seq, uint64_t serial, int64_t at, const std::string& till,
                            const std::string& origin = "kiosk-1") {
  return protocol::Event{origin, seq, std::string(protocol::kRefund), at,
                         protocol::ToJson(protocol::RefundPayload{1, serial, kDeposit, at, till})};
}

class StoreMoneyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    std::array<uint8_t, 32> seed{};
    seed.fill(9);
    key_.emplace(std::move(voucher::SigningKey::FromSeed(seed)).value());
    KioskRecord k{"kiosk-1", 1, key_->Public().Pem(), Sha256("token"), 0, std::nullopt};
    ASSERT_TRUE(db_->AddKiosk(k).ok());
    ASSERT_TRUE(db_->PutDeals({DepositDeal(42, 2), test::MakeDeal(43, 100), DepositDeal(44, 100)},
                              test::kOpens)
                    .ok());
    std::vector<protocol::Event> events = {Sign(1, 1, 42), Sign(2, 2, 42), Sign(3, 3, 43),
                                           Sign(4, 4, 44)};
    for (const auto& e : events) vouchers_.push_back(e.payload["voucher"].get<std::string>());
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    ASSERT_TRUE(db_->IngestGroup(group, kNow).ok());
  }
  protocol::Event Sign(int64_t seq, uint64_t serial, uint32_t deal) {
    // As SetUp published them: 42 and 44 ask a deposit (the pledge starts
    // reserved), 43 does not.
    rules::Deal d = deal == 43 ? test::MakeDeal(43, 100) : DepositDeal(deal, deal == 42 ? 2 : 100);
    return test::SignUp(*key_, 1, "kiosk-1", seq, serial, d);
  }
  MoneyRequest Req(size_t voucher, std::string place, int64_t now = kNow + 10) {
    return MoneyRequest{vouchers_[voucher], "", std::move(place), "kiosk-1", now};
  }
  MoneyVerdict Deposit(MoneyRequest r) {
    auto v = db_->Deposit(r);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : MoneyVerdict{};
  }
  MoneyVerdict Refund(MoneyRequest r) {
    auto v = db_->Refund(r);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : MoneyVerdict{};
  }
  nlohmann::json Deal(uint32_t id) {
    auto t = db_->Tallies();
    EXPECT_TRUE(t.ok());
    for (const auto& d : (*t)["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }
  void Ingest(std::vector<protocol::Event> events, int64_t now) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    ASSERT_TRUE(db_->IngestGroup(group, now).ok());
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::optional<voucher::SigningKey> key_;
  std::vector<std::string> vouchers_;
};

TEST_F(StoreMoneyTest, ADepositIsPaidOnceAndCountsThePledge) {
  EXPECT_EQ(Deal(42)["reserved"], 2);
  const int64_t rev = db_->Revision().value();
  MoneyVerdict first = Deposit(Req(0, "till-1"));
  EXPECT_EQ(first.verdict, "PAID");
  EXPECT_EQ(first.amount_minor, kDeposit);  // rules::DepositAmount of the voucher's price
  EXPECT_EQ(first.deal_id, 42u);
  EXPECT_EQ(first.place, "till-1");
  EXPECT_EQ(db_->Revision().value(), rev + 1);
  EXPECT_EQ(Deal(42)["committed"], 1);
  // The second deposit, by short code at another till: when and where.
  auto parsed = voucher::Parse(vouchers_[0]);
  ASSERT_TRUE(parsed.ok());
  MoneyVerdict second = Deposit({"", voucher::ShortCode(*parsed), "till-2", "kiosk-2", kNow + 99});
  EXPECT_EQ(second.verdict, "ALREADY_PAID");
  EXPECT_EQ(second.at, kNow + 10);
  EXPECT_EQ(second.place, "till-1");
  EXPECT_EQ(second.amount_minor, kDeposit);
  EXPECT_EQ(db_->Revision().value(), rev + 1);
  // The second pledge's deposit unlocks the deal, in the same transaction.
  EXPECT_EQ(Deposit(Req(1, "till-1")).verdict, "PAID");
  EXPECT_EQ(Deal(42)["state"], "unlocked");
}

TEST_F(StoreMoneyTest, RefusalsNameTheRule) {
  MoneyVerdict none = Deposit(Req(2, "till-1"));
  EXPECT_EQ(none.verdict, "REFUSED");
  EXPECT_EQ(none.reason, "no_deposit");
  MoneyVerdict late = Deposit(Req(0, "till-1", test::kOpens + 3600 + 86400));
  EXPECT_EQ(late.verdict, "REFUSED");
  EXPECT_EQ(late.reason, "deposit_late");
  auto parsed = voucher::Parse(vouchers_[0]);
  voucher::Voucher other = *parsed;
  other.body.serial = 99;
  EXPECT_EQ(Deposit({voucher::Encode(other), "", "till-1", "kiosk-1", kNow}).verdict, "UNKNOWN");
  EXPECT_EQ(db_->Deposit(Req(0, std::string(65, 't'))).status().reason(), "bad_place");
  EXPECT_EQ(db_->Refund({"", "", "till-1", "kiosk-1", kNow}).status().reason(), "bad_request");
}

TEST_F(StoreMoneyTest, TheTillsOwnDepositEventIsNotASecondDeposit) {
  ASSERT_EQ(Deposit(Req(0, "till-1")).verdict, "PAID");
  Ingest({DepositEvent(10, 1, kNow + 10, "till-1")}, kNow + 20);
  EXPECT_EQ(db_->CountConflicts().value(), 0);
  EXPECT_EQ(Deal(42)["committed"], 1);
  // Another till's offline deposit for the same pledge is a second one.
  Ingest({DepositEvent(11, 1, kNow + 30, "till-9")}, kNow + 40);
  EXPECT_EQ(db_->CountConflicts().value(), 1);
  // An offline deposit first: the server's answer names it.
  Ingest({DepositEvent(12, 2, kNow + 50, "till-3")}, kNow + 60);
  MoneyVerdict v = Deposit(Req(1, "till-1"));
  EXPECT_EQ(v.verdict, "ALREADY_PAID");
  EXPECT_EQ(v.place, "till-3");
  EXPECT_EQ(v.at, kNow + 50);
}

TEST_F(StoreMoneyTest, ADryRunSaysWhatWouldBeTakenOrGivenAndWritesNothing) {
  const int64_t rev = db_->Revision().value();
  MoneyRequest dry = Req(0, "till-1");
  dry.dry_run = true;
  MoneyVerdict would = Deposit(dry);
  EXPECT_EQ(would.verdict, "PAID");
  EXPECT_EQ(would.amount_minor, kDeposit);
  EXPECT_EQ(would.at, 0);
  EXPECT_EQ(would.place, "");
  EXPECT_EQ(db_->Revision().value(), rev);
  EXPECT_EQ(Deal(42)["committed"], 0);
  EXPECT_EQ(Deposit(Req(0, "till-1")).verdict, "PAID");  // the real one still can
  EXPECT_EQ(Deposit(dry).verdict, "ALREADY_PAID");
  Ingest({test::Cancel("kiosk-1", 10, 1, 1, kNow + 20)}, kNow + 30);
  MoneyRequest dry_refund = Req(0, "till-2", kNow + 40);
  dry_refund.dry_run = true;
  const int64_t before = db_->Revision().value();
  MoneyVerdict back = Refund(dry_refund);
  EXPECT_EQ(back.verdict, "REFUNDED");
  EXPECT_EQ(back.amount_minor, kDeposit);
  EXPECT_EQ(db_->Revision().value(), before);
  EXPECT_EQ(Refund(Req(0, "till-2", kNow + 40)).verdict, "REFUNDED");
  EXPECT_EQ(Refund(dry_refund).verdict, "ALREADY_REFUNDED");
}

TEST_F(StoreMoneyTest, ACancelledPledgeGetsItsDepositBackOnce) {
  EXPECT_EQ(Refund(Req(0, "till-1")).reason, "nothing_to_refund");  // reserved, unpaid
  ASSERT_EQ(Deposit(Req(0, "till-1")).verdict, "PAID");
  MoneyVerdict active = Refund(Req(0, "till-1"));
  EXPECT_EQ(active.verdict, "REFUSED");
  EXPECT_EQ(active.reason, "nothing_to_refund");
  Ingest({test::Cancel("kiosk-1", 10, 1, 1, kNow + 20)}, kNow + 30);
  MoneyVerdict first = Refund(Req(0, "till-2", kNow + 40));
  EXPECT_EQ(first.verdict, "REFUNDED");
  EXPECT_EQ(first.amount_minor, kDeposit);
  MoneyVerdict second = Refund(Req(0, "till-3", kNow + 50));
  EXPECT_EQ(second.verdict, "ALREADY_REFUNDED");
  EXPECT_EQ(second.at, kNow + 40);
  EXPECT_EQ(second.place, "till-2");
  EXPECT_EQ(second.amount_minor, kDeposit);
}

TEST_F(StoreMoneyTest, ARefundGivenOfflineReachesTheStoreAndASecondIsAConflict) {
  ASSERT_EQ(Deposit(Req(0, "till-1")).verdict, "PAID");
  ASSERT_EQ(Deposit(Req(1, "till-1")).verdict, "PAID");
  // Given back while the refund is not due: reported, not recorded.
  Ingest({RefundEvent(10, 1, kNow + 15, "till-1")}, kNow + 16);
  EXPECT_EQ(db_->CountConflicts().value(), 1);
  EXPECT_EQ(Refund(Req(0, "till-2", kNow + 17)).reason, "nothing_to_refund");
  // Cancelled, then refunded offline at till-1: the store records it...
  Ingest({test::Cancel("kiosk-1", 11, 1, 1, kNow + 20),
          RefundEvent(12, 1, kNow + 25, "till-1")},
         kNow + 30);
  EXPECT_EQ(db_->CountConflicts().value(), 1);
  MoneyVerdict online = Refund(Req(0, "till-2", kNow + 40));
  EXPECT_EQ(online.verdict, "ALREADY_REFUNDED") << "no second refund at another till";
  EXPECT_EQ(online.place, "till-1");
  EXPECT_EQ(online.at, kNow + 25);
  // ...and a second offline refund elsewhere is a double refund.
  Ingest({RefundEvent(13, 1, kNow + 45, "till-7")}, kNow + 50);
  EXPECT_EQ(db_->CountConflicts().value(), 2);
  // The till's own record of a refund the store gave it is not a second one.
  Ingest({test::Cancel("kiosk-1", 14, 1, 2, kNow + 60)}, kNow + 61);
  ASSERT_EQ(Refund(Req(1, "till-3", kNow + 62)).verdict, "REFUNDED");
  Ingest({RefundEvent(15, 2, kNow + 62, "till-3")}, kNow + 63);
  EXPECT_EQ(db_->CountConflicts().value(), 2);
  // The same till id from another kiosk is not that record.
  Ingest({RefundEvent(16, 2, kNow + 64, "till-3", "kiosk-2")}, kNow + 65);
  EXPECT_EQ(db_->CountConflicts().value(), 3);
}

TEST_F(StoreMoneyTest, AFailedDealsDepositIsRefundedBeforeTheTimerRuns) {
  ASSERT_EQ(Deposit(Req(3, "till-1")).verdict, "PAID");
  // Past the deadline below threshold: failed, though AdvanceDeals has not run.
  MoneyVerdict v = Refund(Req(3, "till-1", test::kDeadline + 10));
  EXPECT_EQ(v.verdict, "REFUNDED");
  EXPECT_EQ(v.amount_minor, kDeposit);
  EXPECT_EQ(Deal(44)["state"], "failed");
}

TEST_F(StoreMoneyTest, TwoConnectionsRacingForOneDepositOrRefundGetOneEach) {
  std::unique_ptr<StoreDb> dbs[2];
  for (auto& db : dbs) {
    auto opened = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(opened.ok());
    db = std::move(opened).value();
  }
  for (bool refund : {false, true}) {
    if (refund) Ingest({test::Cancel("kiosk-1", 10, 1, 1, kNow + 20)}, kNow + 30);
    std::atomic<int> ready = 0;
    base::Result<MoneyVerdict> got[2] = {base::Status::Internal("x", "unset"),
                                         base::Status::Internal("x", "unset")};
    std::vector<std::thread> tills;
    for (int t = 0; t < 2; ++t) {
      tills.emplace_back([&, t] {
        ++ready;
        while (ready < 2) {
        }
        MoneyRequest r = Req(0, "till-" + std::to_string(t), kNow + 40);
        got[t] = refund ? dbs[t]->Refund(r) : dbs[t]->Deposit(r);
      });
    }
    for (auto& t : tills) t.join();
    ASSERT_TRUE(got[0].ok()) << got[0].status().ToString();
    ASSERT_TRUE(got[1].ok()) << got[1].status().ToString();
    const std::multiset<std::string> verdicts = {got[0]->verdict, got[1]->verdict};
    const std::multiset<std::string> once =
        refund ? std::multiset<std::string>{"ALREADY_REFUNDED", "REFUNDED"}
               : std::multiset<std::string>{"ALREADY_PAID", "PAID"};
    EXPECT_EQ(verdicts, once);
  }
  EXPECT_EQ(db_->IntegrityCheck().value(), "ok");
}

}  // namespace
}  // namespace gb::store
