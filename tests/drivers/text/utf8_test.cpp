#include "drivers/text/utf8.h"

#include <gtest/gtest.h>

namespace gb::text {
namespace {

TEST(Utf8Test, DecodesAllSequenceLengths) {
  EXPECT_EQ(DecodeUtf8("aП团😀"), (std::u32string{U'a', U'П', U'团', U'😀'}));
}

TEST(Utf8Test, EncodeIsTheInverseOfDecode) {
  const std::string s = "Привет, мир 团购成功 😀";
  EXPECT_EQ(EncodeUtf8(DecodeUtf8(s)), s);
}

TEST(Utf8Test, MalformedBytesBecomeReplacementCharacters) {
  EXPECT_EQ(DecodeUtf8("\xFF"
                       "a"),
            (std::u32string{kReplacementChar, U'a'}));
  EXPECT_EQ(DecodeUtf8("\xE5\x9B"), (std::u32string{kReplacementChar, kReplacementChar}));
  EXPECT_EQ(DecodeUtf8("\xC0\xAF"),
            (std::u32string{kReplacementChar, kReplacementChar}));  // overlong '/'
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80").front(), kReplacementChar);  // surrogate
  EXPECT_EQ(EncodeUtf8(std::u32string{0xD800, 0x110000}), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8Test, CjkCoversHanAndFullWidthButNotCyrillic) {
  EXPECT_TRUE(IsCjk(U'团'));
  EXPECT_TRUE(IsCjk(U'。'));
  EXPECT_TRUE(IsCjk(U'！'));
  EXPECT_FALSE(IsCjk(U'П'));
  EXPECT_FALSE(IsCjk(U'a'));
}

}  // namespace
}  // namespace gb::text
