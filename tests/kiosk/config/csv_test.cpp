#include "kiosk/config/csv.h"

#include <gtest/gtest.h>

namespace gb::config {
namespace {

TEST(CsvTest, QuotesCommasNewlinesAndLineNumbers) {
  auto r = ParseCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*r)[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ((*r)[1].line, 2);
  EXPECT_EQ((*r)[2].fields, (std::vector<std::string>{"1", "", "3"}));
  EXPECT_EQ((*r)[2].line, 5);
}

TEST(CsvTest, NoFinalNewlineAndEmptyText) {
  auto r = ParseCsv("a,b");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].fields.size(), 2u);
  EXPECT_TRUE(ParseCsv("").value().empty());
}

TEST(CsvTest, BrokenQuotingIsNamed) {
  EXPECT_EQ(ParseCsv("a,\"b\nc").status().reason(), "bad_csv");
  EXPECT_NE(ParseCsv("a,\"b\nc").status().message().find("line 1"), std::string::npos);
  EXPECT_EQ(ParseCsv("\"a\"x,b\n").status().reason(), "bad_csv");
}

}  // namespace
}  // namespace gb::config
