#include "core/rules/deal.h"

#include <gtest/gtest.h>

#include <functional>

#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

using testing::SampleDeal;

TEST(DealTest, SampleIsValid) { EXPECT_TRUE(ValidateDeal(SampleDeal()).ok()); }

struct BadCase {
  const char* name;
  std::function<void(Deal&)> mutate;
  const char* field;  // must appear in the message
};

TEST(DealTest, EveryBrokenFieldIsNamed) {
  const BadCase cases[] = {
      {"zero id", [](Deal& d) { d.id = 0; }, "'id'"},
      {"no title", [](Deal& d) { d.title.clear(); }, "'title'"},
      {"empty title", [](Deal& d) { d.title["ru"] = ""; }, "'title.ru'"},
      {"bad currency", [](Deal& d) { d.currency = "XXX"; }, "'currency'"},
      {"zero regular", [](Deal& d) { d.regular_price_minor = 0; }, "'regular_price'"},
      {"no tiers", [](Deal& d) { d.tiers.clear(); }, "'tiers'"},
      {"zero participants", [](Deal& d) { d.tiers[0].participants = 0; }, "'tiers[0]'"},
      {"tier above regular", [](Deal& d) { d.tiers[0].price_minor = 100000; }, "'tiers[0]'"},
      {"participants fall", [](Deal& d) { d.tiers[1].participants = 10; }, "'tiers[1]'"},
      {"price rises", [](Deal& d) { d.tiers[2].price_minor = 60000; }, "'tiers[2]'"},
      {"cap below threshold", [](Deal& d) { d.cap = 5; }, "'cap'"},
      {"negative cap", [](Deal& d) { d.cap = -1; }, "'cap'"},
      {"per shopper 0", [](Deal& d) { d.per_shopper = 0; }, "'per_shopper'"},
      {"stop before open", [](Deal& d) { d.stop_at = d.opens_at; }, "'stop_at'"},
      {"deadline before open", [](Deal& d) { d.deadline = d.opens_at - 1; }, "'deadline'"},
      {"redeem before deadline", [](Deal& d) { d.redeem_by = d.deadline - 1; }, "'redeem_by'"},
      {"fee over 100%", [](Deal& d) { d.fee_bp = 10001; }, "'fee'"},
      {"deposit value without kind", [](Deal& d) { d.deposit.value = 5; }, "'deposit'"},
      {"deposit amount above price",
       [](Deal& d) { d.deposit = {DepositKind::kAmount, 60000, 3600}; }, "'deposit.amount'"},
      {"deposit percent 0", [](Deal& d) { d.deposit = {DepositKind::kPercent, 0, 3600}; },
       "'deposit.percent'"},
      {"deposit no window", [](Deal& d) { d.deposit = {DepositKind::kFull, 0, 0}; },
       "'deposit.pay_within'"},
  };
  for (const BadCase& c : cases) {
    Deal d = SampleDeal();
    c.mutate(d);
    base::Status s = ValidateDeal(d);
    EXPECT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.reason(), "bad_deal") << c.name;
    EXPECT_NE(s.message().find(c.field), std::string::npos) << c.name << ": " << s.message();
  }
}

TEST(DealTest, TierPricingFollowsCommittedCount) {
  Deal d = SampleDeal();
  struct Row {
    int64_t committed;
    std::optional<size_t> tier;
    int64_t price_now;
    std::optional<int32_t> next_participants;
  };
  const Row rows[] = {
      {0, std::nullopt, 59900, 10}, {9, std::nullopt, 59900, 10}, {10, 0, 59900, 20},
      {19, 0, 59900, 20},           {20, 1, 54900, 50},           {49, 1, 54900, 50},
      {50, 2, 49900, std::nullopt}, {500, 2, 49900, std::nullopt},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(ReachedTier(d, r.committed), r.tier) << r.committed;
    EXPECT_EQ(PriceNow(d, r.committed), r.price_now) << r.committed;
    auto next = NextTier(d, r.committed);
    EXPECT_EQ(next ? std::optional<int32_t>(next->participants) : std::nullopt,
              r.next_participants)
        << r.committed;
  }
  EXPECT_EQ(MaxPrice(d), 59900);
  EXPECT_EQ(LowestPrice(d), 49900);
  EXPECT_EQ(Threshold(d), 10);
}

TEST(DealTest, FeeAndDepositRoundHalfUp) {
  Deal d = SampleDeal();
  EXPECT_EQ(FeePart(d, 59900), 1498);  // 2.5 % of 599.00 = 14.975 -> 14.98
  EXPECT_EQ(DepositAmount(d, 59900), 0);
  d.deposit = {DepositKind::kPercent, 1000, 3600};
  EXPECT_EQ(DepositAmount(d, 59905), 5991);  // 10 % of 599.05 = 59.905 -> 59.91
  d.deposit = {DepositKind::kAmount, 5000, 3600};
  EXPECT_EQ(DepositAmount(d, 59900), 5000);
  d.deposit = {DepositKind::kFull, 0, 3600};
  EXPECT_EQ(DepositAmount(d, 59900), 59900);
}

TEST(DealTest, EarlyStopMovesTheEffectiveStopOnlyEarlier) {
  Deal d = SampleDeal();
  EXPECT_EQ(EffectiveStop(d), testing::kStop);
  d.stopped_early_at = testing::kStop - 100;
  EXPECT_EQ(EffectiveStop(d), testing::kStop - 100);
  d.stopped_early_at = testing::kStop + 100;
  EXPECT_EQ(EffectiveStop(d), testing::kStop);
}

TEST(DealTest, CanonicalTermsAreExact) {
  Deal d = SampleDeal();
  d.deposit = {DepositKind::kPercent, 1000, 86400};
  EXPECT_EQ(CanonicalTerms(d),
            "GB1-TERMS/1\n"
            "deal_id=42\n"
            "currency=EUR\n"
            "tiers=10:59900,20:54900,50:49900\n"
            "cap=0\n"
            "per_shopper=1\n"
            "stop_at=1700604800\n"
            "deadline=1700691200\n"
            "redeem_by=1702592000\n"
            "fee_bp=250\n"
            "deposit=percent:1000\n"
            "deposit_within=86400\n");
  // Titles and an early stop are not terms: they do not change the text.
  Deal other = d;
  other.title["en"] = "Another title";
  other.stopped_early_at = testing::kOpens + 5;
  EXPECT_EQ(CanonicalTerms(other), CanonicalTerms(d));
  other.fee_bp = 300;
  EXPECT_NE(CanonicalTerms(other), CanonicalTerms(d));
}

}  // namespace
}  // namespace gb::rules
