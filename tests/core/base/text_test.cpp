#include "core/base/text.h"

#include <gtest/gtest.h>

namespace gb::base {
namespace {

TEST(TextTest, AcceptsValidUtf8InEveryLength) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Lamp"));
  EXPECT_TRUE(IsValidUtf8("Журнальный столик"));
  EXPECT_TRUE(IsValidUtf8("咖啡桌"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x9B\x8B"));  // U+1F6CB, four bytes
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last one
}

TEST(TextTest, RefusesMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("caf\xe9"));          // Latin-1 é
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));         // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));     // overlong, three bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));     // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE4\xBD"));         // cut short
  EXPECT_FALSE(IsValidUtf8("\x80"));             // a lone continuation byte
}

TEST(TextTest, ReplacesEachBadByteAndKeepsTheRest) {
  EXPECT_EQ(ToValidUtf8("caf\xe9!"), "caf\xEF\xBF\xBD!");
  EXPECT_EQ(ToValidUtf8("\xE4\xBD"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("咖啡"), "咖啡");
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8(std::string(300, '\x90'))));
}

TEST(TextTest, AbbreviatesAtACharacterBoundary) {
  EXPECT_EQ(Abbreviate("short", 10), "short");
  // Six bytes of Cyrillic cut at 5 must not split the third letter.
  EXPECT_EQ(Abbreviate("абв", 5), "аб...");
  EXPECT_EQ(Abbreviate(std::string(1000, 'x'), 8), "xxxxxxxx...");
  EXPECT_TRUE(IsValidUtf8(Abbreviate(std::string(8192, '\xff'), 120)));
}

TEST(TextTest, CheckTextNamesTheFieldAndNeverEchoesTheText) {
  Status s = CheckText("name", "Jos\xe9");
  EXPECT_EQ(s.reason(), "bad_text");
  EXPECT_NE(s.message().find("name is not valid UTF-8 (byte 3)"), std::string::npos)
      << s.message();
  EXPECT_EQ(s.message().find("Jos"), std::string::npos);

  EXPECT_EQ(CheckText("title", "a\tb").reason(), "bad_text");
  EXPECT_EQ(CheckText("title", "a\x7f").reason(), "bad_text");
  EXPECT_EQ(CheckText("title", "a\xC2\x85").reason(), "bad_text");  // U+0085, a C1 control
  EXPECT_EQ(CheckText("title", "a\nb").reason(), "bad_text");
  EXPECT_TRUE(CheckText("terms", "a\nb", {.max_bytes = 0, .allow_newline = true}).ok());
  EXPECT_EQ(CheckText("name", "").reason(), "empty");
  EXPECT_EQ(CheckText("name", std::string(201, 'x')).reason(), "too_long");
  EXPECT_TRUE(CheckText("name", "Анна Ли 李").ok());
}

TEST(TextTest, ParseInt64TakesWholeNumbersOnlyAndNeverThrows) {
  EXPECT_EQ(ParseInt64("n", "0").value(), 0);
  EXPECT_EQ(ParseInt64("n", "-12").value(), -12);
  EXPECT_EQ(ParseInt64("n", "9223372036854775807").value(), INT64_MAX);
  for (const char* bad : {"", " 1", "1 ", "+1", "1x", "x", "9223372036854775808", "1.5",
                          "\xff"}) {
    auto r = ParseInt64("meta.revision", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().reason(), "bad_number");
    EXPECT_NE(r.status().message().find("meta.revision"), std::string::npos);
  }
}

}  // namespace
}  // namespace gb::base
