#include "kiosk/config/catalog.h"

#include <gtest/gtest.h>

#include "core/base/file_util.h"

namespace gb::config {
namespace {

constexpr int64_t kNow = 1767225600;

TEST(CatalogTest, TheExampleCatalogsImportWithTimesRelativeToNow) {
  for (const char* file : {"docs/examples/catalog.json", "docs/examples/catalog.csv"}) {
    auto deals = ReadCatalogFile(std::string(GB_SOURCE_DIR) + "/" + file, kNow);
    ASSERT_TRUE(deals.ok()) << file << ": " << deals.status().ToString();
    ASSERT_FALSE(deals->empty());
    for (const rules::Deal& d : *deals) {
      EXPECT_LT(d.opens_at, kNow) << file << " deal " << d.id << " is open when imported";
      EXPECT_GT(d.stop_at, kNow);
      for (const char* lang : {"en", "ru", "zh"}) {
        EXPECT_TRUE(d.title.contains(lang)) << file << " deal " << d.id << " has no " << lang;
      }
    }
  }
  auto json = ReadCatalogFile(std::string(GB_SOURCE_DIR) + "/docs/examples/catalog.json", kNow);
  EXPECT_EQ((*json)[0].stop_at, kNow + 7 * 86400);
  EXPECT_EQ((*json)[0].opens_at, kNow - 3600);
  auto csv = ReadCatalogFile(std::string(GB_SOURCE_DIR) + "/docs/examples/catalog.csv", kNow);
  EXPECT_EQ((*csv)[0].title.at("en"), "Lamp \"Nord\"");
  EXPECT_EQ((*csv)[0].tiers, (std::vector<rules::Tier>{{4, 5900}, {10, 4900}}));
  EXPECT_EQ((*csv)[0].fee_bp, 250);
  EXPECT_EQ((*csv)[1].deposit, (rules::DepositPolicy{rules::DepositKind::kAmount, 5000, 86400}));
}

TEST(CatalogTest, TimesAndMoneyAreReadExactly) {
  EXPECT_EQ(ParseCatalogTime("+7d", kNow).value(), kNow + 604800);
  EXPECT_EQ(ParseCatalogTime("-30m", kNow).value(), kNow - 1800);
  EXPECT_EQ(ParseCatalogTime("+36h", kNow).value(), kNow + 129600);
  EXPECT_EQ(ParseCatalogTime("+0", kNow).value(), kNow);
  EXPECT_EQ(ParseCatalogTime("1767225600", kNow).value(), 1767225600);
  EXPECT_EQ(ParseCatalogTime("-5", kNow).value(), kNow - 5);
  for (const char* bad : {"", "+", "7d", "+7w", "+-1d", "abc", "+99999999d"}) {
    EXPECT_EQ(ParseCatalogTime(bad, kNow).status().reason(), "bad_time") << bad;
  }
  EXPECT_EQ(ParseMoney("599.00", "EUR").value(), 59900);
  EXPECT_EQ(ParseMoney("599", "EUR").value(), 59900);
  EXPECT_EQ(ParseMoney("599.5", "EUR").value(), 59950);
  EXPECT_EQ(ParseMoney("0.07", "EUR").value(), 7);
  EXPECT_EQ(ParseMoney("5000", "JPY").value(), 5000);
  // "-0" and "-0.50" were read as 0 and 0.50 (found by the catalog fuzzer).
  for (const char* bad : {"", ".5", "5.001", "-5", "5.-1", "1e3", "5,00", "12.+5", "-0", "-0.50"}) {
    EXPECT_EQ(ParseMoney(bad, "EUR").status().reason(), "bad_money") << bad;
  }
  EXPECT_EQ(ParseMoney("5.5", "JPY").status().reason(), "bad_money");
  EXPECT_EQ(ParseMoney("5", "XXX").status().reason(), "bad_money");
}

TEST(CatalogTest, JsonErrorsNameTheDealAndField) {
  struct Row {
    const char* text;
    const char* needle;
  };
  const Row rows[] = {
      {"{", "not valid JSON"},
      {"[]", "{\"deals\""},
      {R"({"deals": []})", "no deals"},
      {R"({"deals": [1]})", "deals[0]"},
      {R"({"deals": [{"id": 1, "title": {"en": "A"}, "currency": "EUR", "regular_price": 100,
         "tiers": [{"participants": 2, "price": 90}], "opens_at": "+0", "stop_at": "+1d",
         "deadline": "+1d", "redeem_by": "+2d"},
        {"id": 2, "title": {"en": "B"}, "currency": "EUR", "regular_price": 100,
         "tiers": [{"participants": 2, "price": 190}], "opens_at": "+0", "stop_at": "+1d",
         "deadline": "+1d", "redeem_by": "+2d"}]})",
       "deals[1]: deal field 'tiers[0]'"},
      {R"({"deals": [{"id": 1, "opens_at": "soon"}]})", "deals[0].opens_at"},
  };
  for (const Row& r : rows) {
    auto got = ParseCatalogJson(r.text, kNow);
    ASSERT_FALSE(got.ok()) << r.text;
    EXPECT_EQ(got.status().reason(), "bad_catalog");
    EXPECT_NE(got.status().message().find(r.needle), std::string::npos)
        << r.needle << " not in: " << got.status().message();
  }
}

TEST(CatalogTest, CsvErrorsNameTheLineAndColumn) {
  const std::string header =
      "id,title_en,currency,regular_price,tiers,opens_at,stop_at,deadline,redeem_by\n";
  const std::string good = "1,Lamp,EUR,89.00,4:59.00,+0,+1d,+1d,+2d\n";
  struct Row {
    std::string text;
    std::string needle;
  };
  const Row rows[] = {
      {header + good + "x,Lamp,EUR,89.00,4:59.00,+0,+1d,+1d,+2d\n", "line 3, column 'id'"},
      {header + "1,Lamp,EUR,89.0.0,4:59.00,+0,+1d,+1d,+2d\n", "line 2, column 'regular_price'"},
      {header + "1,Lamp,EUR,89.00,four:59.00,+0,+1d,+1d,+2d\n", "line 2, column 'tiers'"},
      {header + "1,Lamp,EUR,89.00,4:59.00,soon,+1d,+1d,+2d\n", "line 2, column 'opens_at'"},
      {header + "1,Lamp,EUR,89.00,4:59.00,+0,+1d\n", "line 2: 7 fields"},
      {header + good + good, "appears twice"},
      {"id,colour\n1,red\n", "column 'colour'"},
      {header + "1,Lamp,EUR,89.00,4:99.00,+0,+1d,+1d,+2d\n", "line 2: deal field 'tiers[0]'"},
      // Hours that overflowed int64 when turned into seconds.
      {"id,title_en,currency,regular_price,tiers,opens_at,stop_at,deadline,redeem_by,"
       "deposit_kind,deposit_value,deposit_within_hours\n"
       "1,Lamp,EUR,89.00,4:59.00,+0,+1d,+1d,+2d,percent,10,9999999999999999\n",
       "line 2, column 'deposit_within_hours'"},
  };
  for (const Row& r : rows) {
    auto got = ParseCatalogCsv(r.text, kNow);
    ASSERT_FALSE(got.ok()) << r.text;
    EXPECT_NE(got.status().message().find(r.needle), std::string::npos)
        << r.needle << " not in: " << got.status().message();
  }
  EXPECT_TRUE(ParseCatalogCsv(header + good, kNow).ok());
  EXPECT_EQ(ReadCatalogFile("/nonexistent.csv", kNow).status().reason(), "file_missing");
  EXPECT_EQ(ReadCatalogFile(std::string(GB_SOURCE_DIR) + "/README.md", kNow).status().reason(),
            "bad_catalog");
}

}  // namespace
}  // namespace gb::config
