// The store is the authority (docs/security.md): each attack a stolen or
// copied kiosk can make with real keys, against a real StoreDb on a real
// file. Each test checks the exact refusal, that nothing was counted or
// paid, that staff see it on the rescue list, and that the file is sound.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "core/sqlite/sqlite.h"
#include "core/voucher/codec.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;

constexpr int64_t kNow = test::kOpens + 4000;
constexpr int64_t kDeposit = 5000;
constexpr uint32_t kPlain = 42;    // no deposit, unlocks at 2, at most 3 places
constexpr uint32_t kDepDeal = 44;  // asks a 50.00 deposit within a day

voucher::SigningKey Key(uint8_t fill) {
  std::array<uint8_t, 32> seed{};
  seed.fill(fill);
  return std::move(voucher::SigningKey::FromSeed(seed)).value();
}

class StoreAuthorityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    for (uint32_t k = 1; k <= 2; ++k) {
      KioskRecord r{Kiosk(k), k,           keys_[k - 1].Public().Pem(), Sha256("token-" + Kiosk(k)),
                    0,        std::nullopt};
      ASSERT_TRUE(db_->AddKiosk(r).ok());
    }
    plain_ = test::MakeDeal(kPlain, 2);
    plain_.cap = 3;
    plain_.per_shopper = 1;
    deposit_ = test::MakeDeal(kDepDeal, 2);
    deposit_.deposit = {rules::DepositKind::kAmount, kDeposit, 86400};
    ASSERT_TRUE(db_->PutDeals({plain_, deposit_}, test::kOpens).ok());
  }
  void TearDown() override { EXPECT_EQ(db_->IntegrityCheck().value(), "ok"); }

  static std::string Kiosk(uint32_t k) { return "kiosk-" + std::to_string(k); }
  protocol::Event Sign(uint32_t kiosk, uint64_t serial, const rules::Deal& deal,
                       const test::Tamper& tamper = nullptr, uint64_t phone = 0,
                       int64_t joined = test::kOpens + 3600) {
    return test::TamperedSignUp(keys_[kiosk - 1], kiosk, Kiosk(kiosk), ++seq_[kiosk - 1], serial,
                                deal, joined, phone, tamper);
  }
  protocol::Event Money(uint32_t kiosk, std::string_view type, uint32_t key_id, uint64_t serial,
                        int64_t amount, int64_t at = kNow) {
    return protocol::Event{Kiosk(kiosk), ++seq_[kiosk - 1], std::string(type), at,
                           protocol::ToJson(protocol::DepositPayload{key_id, serial, amount, at,
                                                                     "till-" + Kiosk(kiosk)})};
  }
  protocol::Event CancelBy(uint32_t kiosk, uint32_t key_id, uint64_t serial) {
    return test::Cancel(Kiosk(kiosk), ++seq_[kiosk - 1], key_id, serial, kNow);
  }
  IngestResult Ingest(std::vector<protocol::Event> events, int64_t now = kNow) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->front() : IngestResult{};
  }
  json Deal(uint32_t id) {
    auto t = db_->Tallies();
    EXPECT_TRUE(t.ok());
    for (const json& d : (*t)["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }
  int64_t Seats(uint32_t id) {
    json d = Deal(id);
    return d["committed"].get<int64_t>() + d["reserved"].get<int64_t>();
  }
  // The kinds of the open rescue items, oldest first.
  std::vector<std::string> Rescue() {
    std::vector<std::string> kinds;
    auto items = db_->ListRescue();
    EXPECT_TRUE(items.ok());
    for (const RescueItem& it : *items) kinds.push_back(it.kind);
    return kinds;
  }
  int64_t LastRescueId() {
    auto items = db_->ListRescue();
    return items.ok() && !items->empty() ? items->back().id : 0;
  }
  int64_t Scalar(const std::string& sql) {
    auto db = sqlite::Db::Open(tmp_.File("store.db"), false);
    if (!db.ok()) return -1;
    auto st = db->Prepare(sql);
    if (!st.ok() || !*st->Step()) return -1;
    return st->Int(0);
  }
  static std::string VoucherOf(const protocol::Event& e) {
    return e.payload["voucher"].get<std::string>();
  }
  // A till of kiosk-2 (an honest one) asking about a voucher.
  RedeemVerdict TillRedeem(const std::string& voucher, const std::string& origin = "kiosk-2") {
    auto v = db_->Redeem({voucher, "", "Till 9", origin, kNow + 100});
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : RedeemVerdict{};
  }
  MoneyVerdict TillMoney(bool refund, const std::string& voucher,
                         const std::string& origin = "kiosk-2") {
    MoneyRequest r{voucher, "", "till-9", origin, kNow + 100};
    auto v = refund ? db_->Refund(r) : db_->Deposit(r);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : MoneyVerdict{};
  }
  void ExpectRefusedAtEveryTill(const std::string& voucher) {
    for (const char* origin : {"kiosk-1", "kiosk-2"}) {
      RedeemVerdict r = TillRedeem(voucher, origin);
      EXPECT_EQ(r.verdict, "REFUSED") << origin;
      EXPECT_EQ(r.reason, "refused_by_store") << origin;
      MoneyVerdict d = TillMoney(false, voucher, origin);
      EXPECT_EQ(d.verdict, "REFUSED") << origin;
      EXPECT_EQ(d.reason, "refused_by_store") << origin;
    }
  }
  KioskRecord KioskOne() {
    auto kiosks = db_->ListKiosks();
    EXPECT_TRUE(kiosks.ok());
    for (const KioskRecord& k : *kiosks) {
      if (k.kiosk_id == "kiosk-1") return k;
    }
    return {};
  }
  void ExpectCannotAccept() {
    auto accepted = db_->ResolveRescue({LastRescueId(), "accept", "", kNow + 200});
    EXPECT_EQ(accepted.status().reason(), "cannot_accept");
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  voucher::SigningKey keys_[2] = {Key(1), Key(2)};
  int64_t seq_[2] = {0, 0};
  rules::Deal plain_, deposit_;
};

TEST_F(StoreAuthorityTest, AOneCentVoucherIsAPriceMismatchRefusedAtEveryTill) {
  protocol::Event cent = Sign(1, 1, plain_, [](voucher::Body& b, auto&) { b.price_minor = 1; });
  IngestResult r = Ingest({cent});
  EXPECT_EQ(r.conflicts, 1);
  EXPECT_EQ(Seats(kPlain), 0);
  EXPECT_EQ(Deal(kPlain)["conflicts"], 1);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"price_mismatch"});
  EXPECT_EQ(Scalar("SELECT count(*) FROM pledges"), 0);
  ExpectRefusedAtEveryTill(VoucherOf(cent));
  ExpectCannotAccept();
  EXPECT_EQ(Seats(kPlain), 0);
  // The honest voucher of the same kiosk still counts.
  EXPECT_EQ(Ingest({Sign(1, 2, plain_)}).conflicts, 0);
  EXPECT_EQ(Seats(kPlain), 1);
}

TEST_F(StoreAuthorityTest, ALateOneCentVoucherCannotBeAcceptedFromTheRescueListEither) {
  protocol::Event late = Sign(
      1, 1, plain_, [](voucher::Body& b, auto&) { b.price_minor = 1; }, 0, test::kStop + 60);
  EXPECT_EQ(Ingest({late}, test::kStop + 100).conflicts, 1);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"late_sign_up"});
  ExpectCannotAccept();
  EXPECT_EQ(Rescue(), std::vector<std::string>{"late_sign_up"});  // still open: reject it
  EXPECT_EQ(Seats(kPlain), 0);
  ASSERT_TRUE(db_->ResolveRescue({LastRescueId(), "reject", "", kNow + 300}).ok());
  EXPECT_TRUE(Rescue().empty());
  ExpectRefusedAtEveryTill(VoucherOf(late));
}

TEST_F(StoreAuthorityTest, AChangedTermsHashIsATermsMismatch) {
  protocol::Event forged = Sign(1, 1, plain_, [](voucher::Body& b, auto&) {
    b.terms_hash = voucher::TermsHash("GB1-TERMS/1\nprice 1\n");
  });
  EXPECT_EQ(Ingest({forged}).conflicts, 1);
  EXPECT_EQ(Seats(kPlain), 0);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"terms_mismatch"});
  ExpectRefusedAtEveryTill(VoucherOf(forged));
  ExpectCannotAccept();
}

TEST_F(StoreAuthorityTest, EachPublishedVersionOfTheTermsIsKeptWithWhenItWasLive) {
  // Deal 44's terms change (no pledges yet) at kChange: vouchers of the old
  // terms count if signed before the change, those of the new after it.
  constexpr int64_t kChange = test::kOpens + 5000;
  const rules::Deal old_terms = deposit_;
  rules::Deal new_terms = deposit_;
  new_terms.tiers = {{2, 49900}};
  ASSERT_TRUE(db_->PutDeals({new_terms}, kChange).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM deal_terms WHERE deal_id=44"), 2);
  EXPECT_EQ(Scalar("SELECT live_until FROM deal_terms WHERE deal_id=44 AND live_from=0"), kChange);
  // Signed under the old terms before the change (uploaded later): counted.
  EXPECT_EQ(Ingest({Sign(1, 1, old_terms, nullptr, 0, kChange - 600)}, kChange + 60).conflicts, 0);
  // Under the old terms long after the change: refused, even at their price.
  protocol::Event stale = Sign(1, 2, old_terms, nullptr, 0, kChange + 3600);
  EXPECT_EQ(Ingest({stale}, kChange + 3700).conflicts, 1);
  // The new terms, after the change: counted.
  EXPECT_EQ(Ingest({Sign(1, 3, new_terms, nullptr, 0, kChange + 3600)}, kChange + 3700).conflicts,
            0);
  EXPECT_EQ(Seats(kDepDeal), 2);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"terms_mismatch"});
  // Each version's own price: the old one under the new terms is refused.
  protocol::Event old_price = Sign(
      1, 4, new_terms, [](voucher::Body& b, auto&) { b.price_minor = 59900; }, 0, kChange + 3600);
  EXPECT_EQ(Ingest({old_price}, kChange + 3700).conflicts, 1);
  EXPECT_EQ(Rescue(), (std::vector<std::string>{"terms_mismatch", "price_mismatch"}));
}

TEST_F(StoreAuthorityTest, AnActivePledgeOnADepositDealIsAStateMismatch) {
  protocol::Event active =
      Sign(1, 1, deposit_, [](voucher::Body&, protocol::SignUpPayload& p) { p.state = "active"; });
  EXPECT_EQ(Ingest({active}).conflicts, 1);
  json d = Deal(kDepDeal);
  EXPECT_EQ(d["committed"], 0);
  EXPECT_EQ(d["reserved"], 0);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"state_mismatch"});
  ExpectRefusedAtEveryTill(VoucherOf(active));
  ExpectCannotAccept();
}

TEST_F(StoreAuthorityTest, ASignUpBeyondTheCapOverEveryKioskIsOverCap) {
  // Three places: two at kiosk-1, one at kiosk-2, then one more at each.
  EXPECT_EQ(Ingest({Sign(1, 1, plain_), Sign(1, 2, plain_)}).conflicts, 0);
  std::vector<protocol::Batch> group = {test::MakeBatch({Sign(2, 1, plain_)}),
                                        test::MakeBatch({Sign(1, 3, plain_)})};
  auto r = db_->IngestGroup(group, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].conflicts, 0);
  EXPECT_EQ((*r)[1].conflicts, 1);
  protocol::Event fourth = Sign(2, 2, plain_);
  EXPECT_EQ(Ingest({fourth}).conflicts, 1);
  EXPECT_EQ(Seats(kPlain), 3);
  EXPECT_EQ(Rescue(), (std::vector<std::string>{"over_cap", "over_cap"}));
  ExpectRefusedAtEveryTill(VoucherOf(fourth));
}

TEST_F(StoreAuthorityTest, TheSamePhoneBeyondTheLimitIsAShopperLimitOverEveryKiosk) {
  // One place per shopper; the same phone hash at two kiosks (a store-wide
  // phone key makes it the same there: docs/security.md).
  EXPECT_EQ(Ingest({Sign(1, 1, plain_, nullptr, 777)}).conflicts, 0);
  protocol::Event again = Sign(2, 1, plain_, nullptr, 777);
  EXPECT_EQ(Ingest({again}).conflicts, 1);
  EXPECT_EQ(Seats(kPlain), 1);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"shopper_limit"});
  ExpectRefusedAtEveryTill(VoucherOf(again));
  // A cancelled place is free again for that shopper.
  EXPECT_EQ(Ingest({CancelBy(1, 1, 1)}).conflicts, 0);
  EXPECT_EQ(Ingest({Sign(2, 2, plain_, nullptr, 777)}).conflicts, 0);
  EXPECT_EQ(Seats(kPlain), 1);
}

TEST_F(StoreAuthorityTest, ARoguesFiftyThousandDepositAndCancelPayNothingBack) {
  protocol::Event mine = Sign(1, 1, deposit_);
  ASSERT_EQ(Ingest({mine}).conflicts, 0);
  // The copied kiosk posts a 50,000.00 deposit for its own pledge, then cancels.
  IngestResult r = Ingest({Money(1, protocol::kDeposit, 1, 1, 5'000'000), CancelBy(1, 1, 1)});
  EXPECT_EQ(r.conflicts, 1);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"wrong_amount"});
  EXPECT_EQ(Scalar("SELECT deposit_paid FROM pledges WHERE key_id=1 AND serial=1"), 0);
  ExpectCannotAccept();
  // An honest till then has nothing to give back.
  MoneyVerdict refund = TillMoney(true, VoucherOf(mine));
  EXPECT_EQ(refund.verdict, "REFUSED");
  EXPECT_EQ(refund.reason, "nothing_to_refund");
  EXPECT_EQ(Scalar("SELECT count(*) FROM pledges WHERE refunded_at IS NOT NULL"), 0);
  // A refund event it posts itself is not due either: nothing was paid.
  EXPECT_EQ(Ingest({Money(1, protocol::kRefund, 1, 1, 5'000'000)}).conflicts, 1);
  EXPECT_EQ(Rescue(), (std::vector<std::string>{"wrong_amount", "refund_not_due"}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM pledges WHERE refunded_at IS NOT NULL"), 0);
}

TEST_F(StoreAuthorityTest, TheRightDepositCountsAndOnlyWhatWasPaidComesBack) {
  ASSERT_EQ(Ingest({Sign(1, 1, deposit_)}).conflicts, 0);
  EXPECT_EQ(Ingest({Money(1, protocol::kDeposit, 1, 1, kDeposit)}).conflicts, 0);
  EXPECT_EQ(Deal(kDepDeal)["committed"], 1);
  // Refunded offline while the pledge is active: not due.
  EXPECT_EQ(Ingest({Money(1, protocol::kRefund, 1, 1, kDeposit)}).conflicts, 1);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"refund_not_due"});
  ExpectCannotAccept();
  // Cancelled: more than was paid is still not due; what was paid is.
  ASSERT_EQ(Ingest({CancelBy(1, 1, 1)}).conflicts, 0);
  EXPECT_EQ(Ingest({Money(1, protocol::kRefund, 1, 1, kDeposit + 1)}).conflicts, 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM pledges WHERE refunded_at IS NOT NULL"), 0);
  EXPECT_EQ(Ingest({Money(1, protocol::kRefund, 1, 1, kDeposit)}).conflicts, 0);
  EXPECT_EQ(Scalar("SELECT refund_minor FROM pledges WHERE key_id=1 AND serial=1"), kDeposit);
}

TEST_F(StoreAuthorityTest, OnlyTheIssuingKioskCancelsOrActsOnAPledgeByEvent) {
  protocol::Event theirs = Sign(1, 1, deposit_);
  protocol::Event plain = Sign(1, 2, plain_);
  ASSERT_EQ(Ingest({theirs, plain}).conflicts, 0);
  // kiosk-2 cancels, pays, redeems and refunds kiosk-1's pledges by event.
  IngestResult r = Ingest({CancelBy(2, 1, 1), Money(2, protocol::kDeposit, 1, 1, kDeposit),
                           test::Redeem(Kiosk(2), ++seq_[1], 1, 2, kNow, "Till 2"),
                           Money(2, protocol::kRefund, 1, 1, kDeposit)});
  EXPECT_EQ(r.conflicts, 4);
  EXPECT_EQ(Rescue(),
            (std::vector<std::string>{"not_owner", "not_owner", "not_owner", "not_owner"}));
  EXPECT_EQ(Deal(kDepDeal)["reserved"], 1);
  EXPECT_EQ(Deal(kDepDeal)["cancelled"], 0);
  EXPECT_EQ(Deal(kPlain)["redeemed"], 0);
  EXPECT_EQ(Scalar("SELECT deposit_paid FROM pledges WHERE key_id=1 AND serial=1"), 0);
  ExpectCannotAccept();
  // Through the store's till API kiosk-2's till may take the deposit, and
  // its own later event is that deposit, not a conflict.
  MoneyVerdict paid = TillMoney(false, VoucherOf(theirs));
  ASSERT_EQ(paid.verdict, "PAID");
  EXPECT_EQ(paid.amount_minor, kDeposit);
  protocol::Event echo{
      Kiosk(2), ++seq_[1], std::string(protocol::kDeposit), kNow + 100,
      protocol::ToJson(protocol::DepositPayload{1, 1, kDeposit, kNow + 100, "till-9"})};
  EXPECT_EQ(Ingest({echo}, kNow + 101).conflicts, 0);
  EXPECT_EQ(Deal(kDepDeal)["committed"], 1);
}

TEST_F(StoreAuthorityTest, ASuspendedKioskCanNeitherRotateNorUseTheTillsUntilReinstated) {
  protocol::Event first = Sign(1, 1, plain_);
  ASSERT_EQ(Ingest({first}).conflicts, 0);
  // A clone: the same key and serial with another shopper.
  protocol::Event clone = Sign(1, 1, plain_, nullptr, 99, test::kOpens + 3700);
  EXPECT_EQ(Ingest({clone}).conflicts, 1);
  ASSERT_TRUE(db_->ListKiosks()->at(0).suspended_at.has_value());
  // The clone's voucher is refused at every other till; the first stands.
  EXPECT_EQ(TillRedeem(VoucherOf(clone)).reason, "refused_by_store");
  EXPECT_EQ(TillMoney(false, VoucherOf(clone)).reason, "refused_by_store");
  const voucher::SigningKey fresh = Key(7);
  auto rotate = db_->RotateKey("kiosk-1", fresh.Public().Pem(), kNow + 10);
  EXPECT_EQ(rotate.status().reason(), "kiosk_suspended");
  EXPECT_EQ(db_->Redeem({VoucherOf(first), "", "Till 1", "kiosk-1", kNow + 10}).status().reason(),
            "kiosk_suspended");
  RedeemRequest look{VoucherOf(first), "", "Till 1", "kiosk-1", kNow + 10, /*dry_run=*/true};
  EXPECT_EQ(db_->Redeem(look).status().reason(), "kiosk_suspended");
  MoneyRequest money{VoucherOf(first), "", "till-1", "kiosk-1", kNow + 10};
  EXPECT_EQ(db_->Deposit(money).status().reason(), "kiosk_suspended");
  EXPECT_EQ(db_->Refund(money).status().reason(), "kiosk_suspended");
  EXPECT_EQ(Deal(kPlain)["redeemed"], 0);
  // Another kiosk's till is not affected.
  EXPECT_EQ(TillRedeem(VoucherOf(first)).verdict, "REFUSED");  // open: not unlocked yet
  // The admin reinstates it; then it rotates, with a new token.
  EXPECT_EQ(db_->Reinstate("kiosk-9").status().reason(), "unknown_kiosk");
  ASSERT_TRUE(db_->Reinstate("kiosk-1").value());
  EXPECT_FALSE(db_->Reinstate("kiosk-1").value());  // not suspended any more
  EXPECT_FALSE(db_->ListKiosks()->at(0).suspended_at.has_value());
  rotate = db_->RotateKey("kiosk-1", fresh.Public().Pem(), kNow + 20);
  ASSERT_TRUE(rotate.ok()) << rotate.status().ToString();
  EXPECT_EQ(rotate->retired_key_id, 1u);
  ASSERT_EQ(rotate->token.size(), 64u);
  const KioskRecord after = KioskOne();
  EXPECT_TRUE(SameDigest(after.token_sha256, Sha256(rotate->token)));
  EXPECT_FALSE(SameDigest(after.token_sha256, Sha256("token-kiosk-1")));
  // Asking again with the same key changes nothing, and no new token.
  auto again = db_->RotateKey("kiosk-1", fresh.Public().Pem(), kNow + 30);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->retired_key_id, 0u);
  EXPECT_EQ(again->token, "");
  EXPECT_TRUE(SameDigest(KioskOne().token_sha256, Sha256(rotate->token)));
}

TEST_F(StoreAuthorityTest, ABackdatedVoucherOfARetiredKeyIsRetiredKey) {
  constexpr int64_t kRotated = kNow + 1000;
  ASSERT_EQ(Ingest({Sign(1, 1, plain_)}, kRotated - 500).conflicts, 0);
  const voucher::SigningKey fresh = Key(7);
  auto rotate = db_->RotateKey("kiosk-1", fresh.Public().Pem(), kRotated);
  ASSERT_TRUE(rotate.ok()) << rotate.status().ToString();
  // The old key (leaked) signs a voucher dated an hour before the rotation;
  // it reaches the store after it.
  protocol::Event backdated = Sign(1, 2, plain_, nullptr, 0, kRotated - 3600);
  EXPECT_EQ(Ingest({backdated}, kRotated + 5).conflicts, 1);
  EXPECT_EQ(Seats(kPlain), 1);
  EXPECT_EQ(Rescue(), std::vector<std::string>{"retired_key"});
  ExpectRefusedAtEveryTill(VoucherOf(backdated));
  ExpectCannotAccept();
}

TEST_F(StoreAuthorityTest, AnUpgradedStoreKnowsTheTermsOfItsDealsFromBefore) {
  // A store file of schema step 13: no deal_terms yet.
  db_.reset();
  {
    auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE(raw->Exec("ALTER TABLE kiosks DROP COLUMN flagged_at;"
                          " ALTER TABLE kiosks DROP COLUMN flag_reason;"
                          " ALTER TABLE pledges DROP COLUMN redeem_staff;"
                          " ALTER TABLE pledges DROP COLUMN deposit_staff;"
                          " ALTER TABLE pledges DROP COLUMN refund_staff;"
                          " DROP TABLE conflict_summary; DROP INDEX conflicts_by_origin;"
                          " DROP TABLE deal_terms; DROP INDEX conflicts_by_voucher;"
                          " DROP INDEX pledges_by_phone; DROP TABLE server_alarms;"
                          " ALTER TABLE store_kiosks DROP COLUMN alarms_json; PRAGMA user_version = 13")
                    .ok());
  }
  auto db = StoreDb::Open(tmp_.File("store.db"));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  db_ = std::move(db).value();
  EXPECT_EQ(Scalar("SELECT count(*) FROM deal_terms WHERE live_from=0"), 2);
  EXPECT_EQ(Ingest({Sign(1, 1, plain_)}).conflicts, 0);
  EXPECT_EQ(
      Ingest({Sign(1, 2, plain_,
                   [](voucher::Body& b, auto&) { b.terms_hash = voucher::TermsHash("other"); })})
          .conflicts,
      1);
  EXPECT_EQ(Seats(kPlain), 1);
}

}  // namespace
}  // namespace gb::store
