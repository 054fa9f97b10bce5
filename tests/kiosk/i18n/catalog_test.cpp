#include "kiosk/i18n/catalog.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace gb::i18n {
namespace {

std::set<std::string> Placeholders(const std::string& text) {
  std::set<std::string> out;
  std::regex re("\\{([a-zA-Z_]+)\\}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

TEST(CatalogTest, EveryLanguageHasEveryKeyWithTheSamePlaceholders) {
  const Catalog& en = Catalog::For(Lang::kEn);
  ASSERT_GT(en.Keys().size(), 40u);
  for (Lang lang : {Lang::kRu, Lang::kZh}) {
    const Catalog& c = Catalog::For(lang);
    for (const std::string& key : en.Keys()) {
      SCOPED_TRACE(std::string(LangCode(lang)) + " " + key);
      ASSERT_TRUE(c.Has(key));
      ASSERT_EQ(c.IsPlural(key), en.IsPlural(key));
      if (en.IsPlural(key)) {
        // Every category the language uses is there, with {n} and the same names.
        for (int64_t n : {0, 1, 2, 5, 11, 21, 22, 25, 101}) {
          EXPECT_EQ(Placeholders(c.Plural(key, n, {})), Placeholders(en.Plural(key, n, {}))) << n;
          EXPECT_NE(c.Plural(key, n, {}).find(std::to_string(n)), std::string::npos);
        }
      } else if (key.starts_with("format.")) {
        // Date and money patterns choose from the fields the formatter offers.
        const std::set<std::string> offered = {"wd", "d", "m", "mon", "yyyy", "HH",
                                               "MM", "sym", "amount", "n"};
        for (const std::string& p : Placeholders(c.Text(key))) EXPECT_TRUE(offered.contains(p)) << p;
      } else {
        EXPECT_EQ(Placeholders(c.Text(key)), Placeholders(en.Text(key)));
      }
    }
    EXPECT_EQ(c.Keys().size(), en.Keys().size()) << "a translation has a key English lacks";
  }
}

TEST(CatalogTest, RussianPluralsFollowCldr) {
  struct Row {
    int64_t n;
    const char* cat;
  };
  const Row rows[] = {{0, "many"}, {1, "one"},  {2, "few"},  {4, "few"},   {5, "many"},
                      {11, "many"}, {12, "many"}, {14, "many"}, {21, "one"}, {22, "few"},
                      {25, "many"}, {101, "one"}, {111, "many"}, {112, "many"}};
  for (const Row& r : rows) EXPECT_EQ(PluralCategory(Lang::kRu, r.n), r.cat) << r.n;
  EXPECT_EQ(PluralCategory(Lang::kEn, 1), "one");
  EXPECT_EQ(PluralCategory(Lang::kEn, 0), "other");
  EXPECT_EQ(PluralCategory(Lang::kZh, 1), "other");
  EXPECT_EQ(Catalog::For(Lang::kRu).Plural("receipt.more_needed", 3),
            "Нужны ещё 3 участника");
  EXPECT_EQ(Catalog::For(Lang::kRu).Plural("receipt.more_needed", 5),
            "Нужно ещё 5 участников");
  EXPECT_EQ(Catalog::For(Lang::kEn).Plural("receipt.tier", 1, {{"price", "x"}}), "1 person: x");
}

TEST(CatalogTest, MoneyPerLanguage) {
  struct Row {
    Lang lang;
    int64_t minor;
    const char* currency;
    const char* want;
  };
  const Row rows[] = {
      {Lang::kEn, 59900, "EUR", "€599.00"},
      {Lang::kRu, 59900, "EUR", "599,00 €"},
      {Lang::kZh, 59900, "CNY", "¥599.00"},
      {Lang::kEn, 123456789, "USD", "$1,234,567.89"},
      {Lang::kRu, 123456789, "RUB", "1 234 567,89 ₽"},
      {Lang::kEn, 5, "EUR", "€0.05"},
      {Lang::kEn, 5000, "JPY", "¥5,000"},
      {Lang::kEn, 100, "KZT", "KZT1.00"},
      {Lang::kEn, -250, "EUR", "€-2.50"},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(Catalog::For(r.lang).Money(r.minor, r.currency), r.want) << r.want;
  }
}

TEST(CatalogTest, DatesInTheStoresTimeZone) {
  const int64_t t = 1767225600;  // Thu 2026-01-01 00:00 UTC
  EXPECT_EQ(Catalog::For(Lang::kEn).DateTime(t, 60), "Thu 1 Jan 01:00");
  EXPECT_EQ(Catalog::For(Lang::kRu).DateTime(t, 180), "чт, 1 янв 03:00");
  EXPECT_EQ(Catalog::For(Lang::kZh).DateTime(t, 480), "1月1日 周四 08:00");
  EXPECT_EQ(Catalog::For(Lang::kEn).DateTime(t, -300), "Wed 31 Dec 19:00");
  EXPECT_EQ(Catalog::For(Lang::kEn).Date(t, 0), "1 Jan 2026");
  EXPECT_EQ(Catalog::For(Lang::kZh).Date(t, 0), "2026年1月1日");
}

TEST(CatalogTest, PercentFromBasisPoints) {
  EXPECT_EQ(Catalog::For(Lang::kEn).Percent(250), "2.5%");
  EXPECT_EQ(Catalog::For(Lang::kRu).Percent(250), "2,5 %");
  EXPECT_EQ(Catalog::For(Lang::kEn).Percent(1000), "10%");
  EXPECT_EQ(Catalog::For(Lang::kEn).Percent(1), "0.01%");
  EXPECT_EQ(Catalog::For(Lang::kEn).Percent(0), "0%");
}

TEST(CatalogTest, MissingKeysShowAndFallBack) {
  EXPECT_EQ(Catalog::For(Lang::kZh).Text("no.such.key"), "[no.such.key]");
  auto partial = Catalog::FromJson(Lang::kRu, R"({"a": "А"})", &Catalog::For(Lang::kEn));
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ(partial->Text("a"), "А");
  EXPECT_EQ(partial->Text("receipt.reprint"), "REPRINT");
  EXPECT_EQ(Catalog::FromJson(Lang::kEn, "[1]", nullptr).status().reason(), "bad_catalog");
  EXPECT_EQ(Catalog::FromJson(Lang::kEn, R"({"p": {"one": "x"}})", nullptr).status().reason(),
            "bad_catalog");
  EXPECT_EQ(Catalog::FromJson(Lang::kEn, "{", nullptr).status().reason(), "bad_catalog");
}

TEST(CatalogTest, FillLeavesUnknownPlaceholders) {
  EXPECT_EQ(Fill("{a} and {b} {", {{"a", "1"}}), "1 and {b} {");
  EXPECT_EQ(ParseLang("ru").value(), Lang::kRu);
  EXPECT_EQ(ParseLang("de").status().reason(), "bad_lang");
}

}  // namespace
}  // namespace gb::i18n
