// WrapText's hyphenation of words too wide for a line, with a fake
// hyphenator (syllables given per word) and the fake measurer (10 px a code
// point at FontSpec{20}, Cyrillic too). Plain wrapping: label_test.cpp.
#include "ui/text_wrap.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/ui/fake_text_measurer.h"

namespace gb::ui {
namespace {

constexpr FontSpec kFont{20, Weight::kRegular};

// Break points after each syllable but the last of the words it knows;
// counts the words it was asked about.
class FakeHyphenator final : public base::Hyphenator {
 public:
  explicit FakeHyphenator(std::map<std::string, std::vector<std::string>> syllables)
      : syllables_(std::move(syllables)) {}
  std::vector<std::size_t> BreakPoints(std::string_view word) const override {
    asked.emplace_back(word);
    std::vector<std::size_t> out;
    const auto it = syllables_.find(std::string(word));
    if (it == syllables_.end()) return out;
    std::size_t at = 0;
    for (std::size_t i = 0; i + 1 < it->second.size(); ++i) {
      at += it->second[i].size();
      out.push_back(at);
    }
    return out;
  }
  mutable std::vector<std::string> asked;

 private:
  std::map<std::string, std::vector<std::string>> syllables_;
};

class TextWrapTest : public ::testing::Test {
 protected:
  test::FakeTextMeasurer text_;
  FakeHyphenator hyph_{{
      {"несостоявшаяся", {"не", "со", "сто", "яв", "ша", "яся"}},
      {"Несостоявшаяся,", {"Не", "со", "сто", "яв", "ша", "яся,"}},
  }};

  std::vector<std::string> Wrap(std::string_view s, int width, int max_lines = 0) {
    return WrapText(s, kFont, width, max_lines, text_, &hyph_);
  }
};

using Lines = std::vector<std::string>;

TEST_F(TextWrapTest, AWordTooWideBreaksAtTheLastHyphenationPointThatFitsWithItsHyphen) {
  // 8 code points a line: "несосто-" is 8, "несостояв-" would be 10.
  EXPECT_EQ(Wrap("несостоявшаяся", 80), (Lines{"несосто-", "явшаяся"}));
}

TEST_F(TextWrapTest, WithoutAHyphenatorTheWordBreaksBetweenCodePointsAsBefore) {
  EXPECT_EQ(WrapText("несостоявшаяся", kFont, 80, 0, text_), (Lines{"несостоя", "вшаяся"}));
}

TEST_F(TextWrapTest, WhereNoHyphenationPointFitsThatLineBreaksBetweenCodePoints) {
  // 3 code points a line: "не-", "со-" fit; "сто-" does not, so "сто" is cut
  // without a hyphen; the rest is hyphenated again.
  EXPECT_EQ(Wrap("несостоявшаяся", 30), (Lines{"не-", "со-", "сто", "яв-", "ша-", "яся"}));
}

TEST_F(TextWrapTest, AWordTheHyphenatorDoesNotKnowBreaksBetweenCodePoints) {
  EXPECT_EQ(Wrap("abcdefghij", 40), (Lines{"abcd", "efgh", "ij"}));
  EXPECT_EQ(hyph_.asked, (Lines{"abcdefghij"}));
}

TEST_F(TextWrapTest, OnlyWordsTooWideForALineAreHyphenated) {
  EXPECT_EQ(Wrap("несостоявшаяся сделка", 140), (Lines{"несостоявшаяся", "сделка"}));
  EXPECT_TRUE(hyph_.asked.empty());
}

TEST_F(TextWrapTest, TheWordsAfterAHyphenatedWordFollowOnItsLastLine) {
  EXPECT_EQ(Wrap("несостоявшаяся со", 100), (Lines{"несостояв-", "шаяся со"}));
  EXPECT_EQ(Wrap("до несостоявшаяся", 80), (Lines{"до", "несосто-", "явшаяся"}));
}

TEST_F(TextWrapTest, TheHyphenatorSeesTheWordWithItsPunctuationButNotItsSpaces) {
  EXPECT_EQ(Wrap("Несостоявшаяся, да", 100), (Lines{"Несостояв-", "шаяся, да"}));
  EXPECT_EQ(hyph_.asked, (Lines{"Несостоявшаяся,"}));
}

TEST_F(TextWrapTest, AHyphenatedWordCutByMaxLinesEndsInTheEllipsisAlone) {
  // "несосто-" + "…" is 9: the hyphen gives way to the ellipsis.
  EXPECT_EQ(Wrap("несостоявшаяся", 80, 1), (Lines{"несосто…"}));
}

TEST_F(TextWrapTest, NoLineIsWiderThanTheLineAndThePiecesMakeTheWord) {
  for (int width = 30; width <= 150; width += 10) {
    const Lines lines = Wrap("несостоявшаяся", width);
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      EXPECT_LE(text_.Width(lines[i], kFont), width) << lines[i];
      std::string piece = lines[i];
      if (i + 1 < lines.size() && piece.ends_with("-")) piece.pop_back();
      joined += piece;
    }
    EXPECT_EQ(joined, "несостоявшаяся") << width;
  }
}

}  // namespace
}  // namespace gb::ui
