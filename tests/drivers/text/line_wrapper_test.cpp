#include "drivers/text/line_wrapper.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "drivers/text/utf8.h"

namespace gb::text {
namespace {

// Every code point is 10 pixels wide.
int Measure(std::u32string_view s) { return static_cast<int>(s.size()) * 10; }

// The lines as drawn: with their "-" where the wrapper hyphenated.
std::vector<std::string> Wrap(std::string_view utf8, int max_width,
                              const base::Hyphenator* hyphenator = nullptr) {
  const std::u32string text = DecodeUtf8(utf8);
  std::vector<std::string> out;
  for (const LineSpan& l : WrapLines(text, max_width, Measure, hyphenator)) {
    out.push_back(EncodeUtf8(std::u32string_view(text).substr(l.begin, l.end - l.begin)) +
                  (l.hyphen ? "-" : ""));
  }
  return out;
}

// Breaks "несостоявшаяся" as не-со-сто-яв-ша-яся (byte offsets: two bytes
// a letter) and knows no other word; counts the words it was asked about.
class FakeHyphenator final : public base::Hyphenator {
 public:
  std::vector<std::size_t> BreakPoints(std::string_view word) const override {
    asked.emplace_back(word);
    if (word != "несостоявшаяся") return {};
    return {4, 8, 14, 18, 22};
  }
  mutable std::vector<std::string> asked;
};

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

// Kinsoku shori: "，" and "。" never start a line, "「" never ends one; the
// line breaks a character earlier instead (each character is 10 px here).
TEST(LineWrapperTest, ChinesePunctuationNeverStartsALineAndOpeningQuotesNeverEndOne) {
  EXPECT_EQ(Wrap("桌面，下方", 20), (Lines{"桌", "面，", "下方"}));
  EXPECT_EQ(Wrap("付款。好", 20), (Lines{"付", "款。", "好"}));
  EXPECT_EQ(Wrap("你好「团购」", 30), (Lines{"你好", "「团", "购」"}));
  // The title the receipts print on a shelf card: no line starts with "，".
  for (int width : {60, 70, 80, 90, 100}) {
    for (const std::string& line : Wrap("峡湾实木橡木咖啡桌，钢化玻璃桌面，下方带杂志架，适合小客厅", width)) {
      EXPECT_NE(line.rfind("，", 0), 0u) << width << ": " << line;
    }
  }
}

TEST(LineWrapperTest, SplitsWordsLongerThanALine) {
  EXPECT_EQ(Wrap("abcdefgh", 30), (Lines{"abc", "def", "gh"}));
  EXPECT_EQ(Wrap("x abcdefgh", 30), (Lines{"x", "abc", "def", "gh"}));
}

TEST(LineWrapperTest, HyphenatesAWordLongerThanALineWhereAPieceFitsWithItsHyphen) {
  FakeHyphenator h;
  // 8 code points a line: "несосто-" is 8.
  EXPECT_EQ(Wrap("несостоявшаяся", 80, &h), (Lines{"несосто-", "явшаяся"}));
  // 3 a line: "сто-" does not fit, so that piece is split without a hyphen.
  EXPECT_EQ(Wrap("несостоявшаяся", 30, &h), (Lines{"не-", "со-", "сто", "яв-", "ша-", "яся"}));
  // The points were found once, for the whole word.
  EXPECT_EQ(h.asked, (Lines{"несостоявшаяся", "несостоявшаяся"}));
}

TEST(LineWrapperTest, OnlyWordsLongerThanALineAreHyphenated) {
  FakeHyphenator h;
  EXPECT_EQ(Wrap("да несостоявшаяся", 140, &h), (Lines{"да", "несостоявшаяся"}));
  EXPECT_TRUE(h.asked.empty());
  EXPECT_EQ(Wrap("да несостоявшаяся да", 80, &h), (Lines{"да", "несосто-", "явшаяся", "да"}));
  EXPECT_EQ(Wrap("abcdefgh", 30, &h), (Lines{"abc", "def", "gh"}));
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
