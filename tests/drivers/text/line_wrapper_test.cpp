#include "drivers/text/line_wrapper.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "drivers/text/utf8.h"

namespace gb::text {
namespace {

// Every code point is 10 pixels wide.
int Measure(std::u32string_view s) { return static_cast<int>(s.size()) * 10; }

std::vector<std::string> Wrap(std::string_view utf8, int max_width) {
  const std::u32string text = DecodeUtf8(utf8);
  std::vector<std::string> out;
  for (const LineSpan& l : WrapLines(text, max_width, Measure)) {
    out.push_back(EncodeUtf8(std::u32string_view(text).substr(l.begin, l.end - l.begin)));
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(LineWrapperTest, ShortTextIsOneLine) { EXPECT_EQ(Wrap("hello", 100), Lines{"hello"}); }

TEST(LineWrapperTest, EmptyTextIsOneEmptyLine) { EXPECT_EQ(Wrap("", 100), Lines{""}); }

TEST(LineWrapperTest, BreaksAtSpacesAndDropsThem) {
  EXPECT_EQ(Wrap("hello big world", 90), (Lines{"hello big", "world"}));
  EXPECT_EQ(Wrap("ab   cd", 30), (Lines{"ab", "cd"}));
}

TEST(LineWrapperTest, KeepsIndentationOfTheFirstLine) {
  EXPECT_EQ(Wrap("  ab cd", 50), (Lines{"  ab", "cd"}));
}

TEST(LineWrapperTest, SplitsWordsLongerThanALine) {
  EXPECT_EQ(Wrap("abcdefgh", 30), (Lines{"abc", "def", "gh"}));
  EXPECT_EQ(Wrap("x abcdefgh", 30), (Lines{"x", "abc", "def", "gh"}));
}

TEST(LineWrapperTest, BreaksBetweenAnyCjkCharacters) {
  EXPECT_EQ(Wrap("团购成功了", 30), (Lines{"团购成", "功了"}));
  EXPECT_EQ(Wrap("ab团购", 30), (Lines{"ab团", "购"}));
}

TEST(LineWrapperTest, NewlineForcesABreak) {
  EXPECT_EQ(Wrap("a\n\nb", 100), (Lines{"a", "", "b"}));
}

TEST(LineWrapperTest, EveryLineFitsForMixedText) {
  const std::u32string text = DecodeUtf8("Привет, мир! Group 团购成功 GB1:ABCDEFGHIJKLMNOP done");
  for (int w : {10, 25, 40, 77, 130}) {
    const auto lines = WrapLines(text, w, Measure);
    std::size_t covered = 0;
    for (const LineSpan& l : lines) {
      EXPECT_LE(Measure(std::u32string_view(text).substr(l.begin, l.end - l.begin)), w);
      EXPECT_GE(l.begin, covered);  // in order, no overlap
      covered = l.end;
    }
  }
}

}  // namespace
}  // namespace gb::text
