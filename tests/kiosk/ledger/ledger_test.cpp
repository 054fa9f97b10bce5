#include "kiosk/ledger/ledger.h"

#include <nlohmann/json.hpp>

#include "core/base/hex.h"
#include "core/voucher/codec.h"
#include "core/voucher/key_ring.h"
#include "core/voucher/terms_hash.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger {
namespace {

using rules::testing::kOpens;
using rules::testing::SampleDeal;
using testing::LedgerFixture;
using testing::Phone;

SignUpRequest Req(int phone, int64_t now = kOpens + 100) {
  SignUpRequest r;
  r.deal_id = 42;
  r.phone_e164 = Phone(phone);
  r.now = now;
  return r;
}

TEST_F(LedgerFixture, SignUpCommitsAVerifiableVoucherAndEveryRow) {
  Ledger l = OpenOrDie();
  rules::Deal deal = SampleDeal();
  ASSERT_TRUE(l.PutDeal(deal, rules::DealState::kOpen, kOpens).ok());
  SignUpRequest req = Req(1);
  req.name = "Anna";
  auto r = l.SignUp(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->serial, 1u);
  EXPECT_EQ(r->position, 1);
  EXPECT_EQ(r->price_minor, 59900);
  EXPECT_EQ(r->state, rules::PledgeState::kActive);

  voucher::KeyRing ring;
  ring.Add(7, l.identity().key->Public());
  auto v = voucher::Verify(r->voucher_text, ring);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->body.deal_id, 42u);
  EXPECT_EQ(v->body.key_id, 7u);
  EXPECT_EQ(v->body.serial, 1u);
  EXPECT_EQ(v->body.price_minor, 59900u);
  EXPECT_EQ(v->body.issued_at, kOpens + 100);
  EXPECT_EQ(v->body.terms_hash, voucher::TermsHash(rules::CanonicalTerms(deal)));
  EXPECT_FALSE(v->body.offline());

  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM pledges"), 1);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM pledges WHERE voucher='" + r->voucher_text +
                          "' AND short_code='" + r->short_code + "' AND serial=1"),
            1);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM print_jobs"), 1);
  auto events = l.OutboxAfter(0, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  auto payload = nlohmann::json::parse((*events)[0].payload);
  EXPECT_EQ(payload["voucher"], r->voucher_text);
  EXPECT_EQ(payload["origin"], "kiosk-1");
  // No personal data leaves the kiosk in events.
  EXPECT_EQ((*events)[0].payload.find("Anna"), std::string::npos);
  EXPECT_EQ((*events)[0].payload.find(Phone(1).substr(1)), std::string::npos);
}

TEST_F(LedgerFixture, TheTenthSignUpUnlocksTheDeal) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.PutDeal(SampleDeal(), rules::DealState::kOpen, kOpens).ok());
  for (int i = 1; i <= 10; ++i) {
    auto r = l.SignUp(Req(i));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->position, i);
    EXPECT_EQ(r->serial, static_cast<uint64_t>(i));
    auto d = l.GetDeal(42, kOpens + 100);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->state, i < 10 ? rules::DealState::kOpen : rules::DealState::kUnlocked) << i;
    // Stored too, in the sign-up's own transaction, not only derived on reading.
    EXPECT_EQ(Scalar(l, "SELECT count(*) FROM deals WHERE state='unlocked'"), i < 10 ? 0 : 1) << i;
  }
}

TEST_F(LedgerFixture, TallyFollowsEveryPledgeStateChange) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.PutDeal(SampleDeal(), rules::DealState::kOpen, kOpens).ok());
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(l.SignUp(Req(i)).ok());
  auto committed = [&] { return l.GetDeal(42, kOpens + 100).value().tally.committed; };
  EXPECT_EQ(committed(), 3);
  ASSERT_TRUE(l.db().Exec("UPDATE pledges SET state='cancelled' WHERE serial=1").ok());
  EXPECT_EQ(committed(), 2);
  ASSERT_TRUE(l.db().Exec("UPDATE pledges SET state='redeemed' WHERE serial=2").ok());
  EXPECT_EQ(committed(), 2);  // active -> redeemed stays committed
  ASSERT_TRUE(l.db().Exec("UPDATE pledges SET state='active' WHERE serial=1").ok());
  EXPECT_EQ(committed(), 3);
  ASSERT_TRUE(l.db().Exec("DELETE FROM print_jobs WHERE pledge_id IN "
                          "(SELECT id FROM pledges WHERE serial=3)").ok());
  ASSERT_TRUE(l.db().Exec("DELETE FROM pledges WHERE serial=3").ok());
  EXPECT_EQ(committed(), 2);
  // The counter always equals a full count.
  EXPECT_EQ(committed(), Scalar(l, "SELECT count(*) FROM pledges WHERE state IN "
                                   "('active','redeemed','expired')"));
}

TEST_F(LedgerFixture, RefusedSignUpLeavesNoTrace) {
  Ledger l = OpenOrDie();
  rules::Deal deal = SampleDeal();
  deal.cap = 10;
  ASSERT_TRUE(l.PutDeal(deal, rules::DealState::kOpen, kOpens).ok());
  ASSERT_TRUE(l.SignUp(Req(1)).ok());

  auto again = l.SignUp(Req(1));  // same phone, limit 1
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "shopper_limit");

  auto late = l.SignUp(Req(2, rules::testing::kStop));
  EXPECT_EQ(late.status().reason(), "after_stop");

  SignUpRequest unknown = Req(3);
  unknown.deal_id = 99;
  EXPECT_EQ(l.SignUp(unknown).status().reason(), "deal_unknown");

  EXPECT_EQ(l.SignUp(Req(5, -1)).status().reason(), "bad_clock");
  EXPECT_EQ(l.SignUp(Req(5, int64_t{1} << 33)).status().reason(), "bad_clock");

  SignUpRequest raw = Req(4);
  raw.phone_e164 = "0151 2345";
  EXPECT_EQ(l.SignUp(raw).status().reason(), "bad_phone");

  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM pledges"), 1);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM outbox"), 1);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM print_jobs"), 1);
  EXPECT_EQ(l.LastSerial().value(), 1u);

  for (int i = 2; i <= 10; ++i) ASSERT_TRUE(l.SignUp(Req(i)).ok());
  EXPECT_EQ(l.SignUp(Req(11)).status().reason(), "sold_out");
  EXPECT_EQ(l.LastSerial().value(), 10u);
}

TEST_F(LedgerFixture, DepositDealReservesAndExpiredReservationsFreeTheirSeat) {
  Ledger l = OpenOrDie();
  rules::Deal deal = SampleDeal();
  deal.cap = 10;
  deal.deposit = {rules::DepositKind::kPercent, 1000, 3600};
  ASSERT_TRUE(l.PutDeal(deal, rules::DealState::kOpen, kOpens).ok());
  auto r = l.SignUp(Req(1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, rules::PledgeState::kReserved);
  EXPECT_EQ(r->deposit_due, 5990);
  EXPECT_EQ(r->tally, (rules::Tally{0, 1}));
  // Within the window the same phone holds its seat; after it, the seat is free.
  EXPECT_EQ(l.SignUp(Req(1, kOpens + 200)).status().reason(), "shopper_limit");
  auto later = l.SignUp(Req(1, kOpens + 100 + 3600));
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(later->tally, (rules::Tally{0, 1}));
}

TEST_F(LedgerFixture, OfflineSignUpsAreFlaggedInTheVoucher) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.PutDeal(SampleDeal(), rules::DealState::kOpen, kOpens).ok());
  SignUpRequest req = Req(1);
  req.offline = true;
  auto r = l.SignUp(req);
  ASSERT_TRUE(r.ok());
  auto v = voucher::Parse(r->voucher_text);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->body.offline());
}

// The rules' canonical terms and the voucher doc's example must be one text.
TEST(PhoneHashTest, IsHmacSha256OfTheNumberUnderThePhoneKey) {
  // The expected value is Python's hmac.new(bytes(range(32)), b"+4915123456789",
  // hashlib.sha256): the store and other kiosks of the same key must agree.
  std::array<uint8_t, 32> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i);
  auto hash = PhoneHash(key, "+4915123456789");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(base::ToHex(*hash), "2bc257f379375571416efadcb6fe3c84c7bf682e2ce8dbd83bc7e3cf41380ad2");
}

TEST(CanonicalTermsTest, MatchTheVoucherFormatExample) {
  rules::Deal d = SampleDeal();
  d.stop_at = 1767225600;
  d.deadline = 1767312000;
  d.redeem_by = 1769904000;
  auto hash = voucher::TermsHash(rules::CanonicalTerms(d));
  const std::array<uint8_t, 8> want{0x2b, 0x06, 0x6a, 0x4e, 0x0d, 0x67, 0x2a, 0x3b};
  EXPECT_EQ(hash, want) << rules::CanonicalTerms(d);
}

TEST_F(LedgerFixture, PutDealRefusesAnInvalidDeal) {
  Ledger l = OpenOrDie();
  rules::Deal deal = SampleDeal();
  deal.tiers.clear();
  EXPECT_EQ(l.PutDeal(deal, rules::DealState::kOpen, kOpens).reason(), "bad_deal");
  EXPECT_EQ(l.GetDeal(42, kOpens).status().reason(), "deal_unknown");
}

}  // namespace
}  // namespace gb::ledger

namespace gb::ledger {
namespace {

TEST_F(LedgerFixture, CatalogImportIsAllOrNothingAndLocksTermsOnceJoined) {
  Ledger l = OpenOrDie();
  rules::Deal a = SampleDeal();
  ASSERT_TRUE(l.PutDeals({a}, rules::DealState::kOpen, kOpens).ok());
  ASSERT_TRUE(l.SignUp(Req(1)).ok());
  for (int i = 2; i <= 10; ++i) ASSERT_TRUE(l.SignUp(Req(i)).ok());  // unlocked now

  rules::Deal b = SampleDeal();
  b.id = 43;
  rules::Deal changed = a;
  changed.tiers[0].price_minor = 58900;
  base::Status s = l.PutDeals({b, changed}, rules::DealState::kOpen, kOpens);
  EXPECT_EQ(s.reason(), "terms_locked");
  EXPECT_NE(s.message().find("deal 42"), std::string::npos);
  EXPECT_EQ(l.GetDeal(43, kOpens).status().reason(), "deal_unknown") << "nothing was stored";

  // Same terms, new words: accepted, and the deal keeps the state it reached.
  rules::Deal retitled = a;
  retitled.title["en"] = "Sofa Oslo, grey";
  ASSERT_TRUE(l.PutDeals({retitled, b}, rules::DealState::kOpen, kOpens + 200).ok());
  auto d = l.GetDeal(42, kOpens + 200);
  EXPECT_EQ(d->deal.title.at("en"), "Sofa Oslo, grey");
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM deals WHERE id=42 AND state='unlocked'"), 1);
  EXPECT_TRUE(l.GetDeal(43, kOpens).ok());
}

}  // namespace
}  // namespace gb::ledger
