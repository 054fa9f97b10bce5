#include "core/base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace gb::base {
namespace {

std::string Utf8(char32_t cp) {
  std::string out;
  AppendUtf8(out, cp);
  return out;
}

TEST(AppendUtf8Test, WritesOneToFourBytes) {
  EXPECT_EQ(Utf8(U'A'), "A");
  EXPECT_EQ(Utf8(U'\u00E9'), "\xC3\xA9");      // é
  EXPECT_EQ(Utf8(U'\u0416'), "\xD0\x96");      // Ж
  EXPECT_EQ(Utf8(U'\u56E2'), "\xE5\x9B\xA2");  // 团
  EXPECT_EQ(Utf8(U'\U0001F600'), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Utf8(0x10FFFF), "\xF4\x8F\xBF\xBF");
  std::string word;
  for (char32_t cp : std::u32string(U"Ёж团")) AppendUtf8(word, cp);
  EXPECT_EQ(word, "\xD0\x81\xD0\xB6\xE5\x9B\xA2");
}

TEST(AppendUtf8Test, WritesAReplacementForWhatIsNoScalarValue) {
  EXPECT_EQ(Utf8(0xD800), "\xEF\xBF\xBD");
  EXPECT_EQ(Utf8(0xDFFF), "\xEF\xBF\xBD");
  EXPECT_EQ(Utf8(0x110000), "\xEF\xBF\xBD");
  EXPECT_EQ(Utf8(0xFFFFFFFF), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace gb::base
