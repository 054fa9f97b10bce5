#include "core/rules/deal_json.h"

#include <gtest/gtest.h>

#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

TEST(DealJsonTest, RoundTripKeepsEveryField) {
  Deal d = testing::SampleDeal();
  d.description = {{"en", "Three seats"}};
  d.image = "sofa.png";
  d.cap = 60;
  d.per_shopper = 2;
  d.scope = Scope::kChain;
  d.deposit = {DepositKind::kAmount, 5000, 86400};
  d.stopped_early_at = testing::kStop - 10;
  d.paused = true;
  auto back = DealFromJson(nlohmann::json::parse(DealToJson(d).dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, d);
  // "paused" is written only when set, and must be a boolean.
  d.paused = false;
  EXPECT_FALSE(DealToJson(d).contains("paused"));
  nlohmann::json j = DealToJson(d);
  j["paused"] = "yes";
  EXPECT_NE(DealFromJson(j).status().message().find("paused"), std::string::npos);
}

TEST(DealJsonTest, BadInputNamesTheField) {
  const nlohmann::json base = DealToJson(testing::SampleDeal());
  struct Row {
    const char* name;
    nlohmann::json patch;  // merged into the valid deal
    const char* field;
  };
  const Row rows[] = {
      {"string id", {{"id", "42"}}, "'id'"},
      {"negative price", {{"regular_price", -5}}, "'regular_price'"},
      {"huge price", {{"regular_price", 18446744073709551615ULL}}, "'regular_price'"},
      {"float price", {{"regular_price", 599.0}}, "'regular_price'"},
      {"tiers not list", {{"tiers", 3}}, "'tiers'"},
      {"tier missing price", {{"tiers", {{{"participants", 3}}}}}, "'price'"},
      {"unknown key", {{"colour", "red"}}, "'colour'"},
      {"bad scope", {{"scope", "galaxy"}}, "'scope'"},
      {"bad deposit kind", {{"deposit", {{"kind", "some"}}}}, "'deposit.kind'"},
      {"title not object", {{"title", "Sofa"}}, "'title'"},
      {"missing deadline", {{"deadline", nullptr}}, "'deadline'"},
  };
  for (const Row& r : rows) {
    nlohmann::json j = base;
    j.merge_patch(r.patch);
    if (r.patch.contains("deadline")) j.erase("deadline");
    auto got = DealFromJson(j);
    ASSERT_FALSE(got.ok()) << r.name;
    EXPECT_EQ(got.status().reason(), "bad_deal") << r.name;
    EXPECT_NE(got.status().message().find(r.field), std::string::npos)
        << r.name << ": " << got.status().message();
  }
  EXPECT_FALSE(DealFromJson(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace gb::rules
