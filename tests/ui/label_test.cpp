// Label wrapping, ellipsis and alignment with the fake measurer (10 px a
// character, 20 px a line at FontSpec{20}).
#include "ui/label.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/ui/fake_text_measurer.h"
#include "ui/text_wrap.h"

namespace gb::ui {
namespace {

constexpr FontSpec kFont{20, Weight::kRegular};
const std::string kEll(kEllipsis);

// Records DrawText calls.
class RecordingPainter final : public Painter {
 public:
  struct Text {
    Point at;
    std::string utf8;
  };
  void FillRoundedRect(const Rect&, int, Color) override {}
  void DrawText(Point at, std::string_view utf8, const FontSpec&, Color) override {
    texts.push_back({at, std::string(utf8)});
  }
  std::vector<Text> texts;
};

class LabelTest : public ::testing::Test {
 protected:
  test::FakeTextMeasurer text_;
  Theme theme_ = Theme::Default();
  LayoutContext ctx_{text_, theme_};

  std::vector<std::string> Wrap(std::string_view s, int width, int max_lines = 0) {
    return WrapText(s, kFont, width, max_lines, text_);
  }
};

TEST_F(LabelTest, WrapsAtSpacesAndDropsTheSpacesAtTheBreak) {
  EXPECT_EQ(Wrap("aaa bbb ccc", 75), (std::vector<std::string>{"aaa bbb", "ccc"}));
}

TEST_F(LabelTest, KeepsTextThatFitsOnOneLine) {
  EXPECT_EQ(Wrap("aaa bbb", 70), (std::vector<std::string>{"aaa bbb"}));
}

TEST_F(LabelTest, BreaksAWordWiderThanTheLineBetweenCodePoints) {
  EXPECT_EQ(Wrap("abcdefghij", 40), (std::vector<std::string>{"abcd", "efgh", "ij"}));
}

TEST_F(LabelTest, BreaksChineseBetweenAnyTwoCharacters) {
  // Six Han characters, 10 px each, in 40 px: 4 + 2.
  EXPECT_EQ(Wrap("拼团优惠活动", 40), (std::vector<std::string>{"拼团优惠", "活动"}));
}

TEST_F(LabelTest, BreaksCyrillicAtSpaces) {
  EXPECT_EQ(Wrap("Купить вместе", 80), (std::vector<std::string>{"Купить", "вместе"}));
}

TEST_F(LabelTest, NoBreakSpaceKeepsItsNeighboursTogether) {
  EXPECT_EQ(Wrap("ab 1\u00A0L", 50), (std::vector<std::string>{"ab", "1\u00A0L"}));
}

TEST_F(LabelTest, NewlineAlwaysEndsALine) {
  EXPECT_EQ(Wrap("ab\ncd", 500), (std::vector<std::string>{"ab", "cd"}));
}

TEST_F(LabelTest, MaxLinesCutsWithAnEllipsisThatFits) {
  const auto lines = Wrap("aaa bbb ccc ddd", 70, 1);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "aaa bb" + kEll);
  EXPECT_LE(text_.Width(lines[0], kFont), 70);
}

TEST_F(LabelTest, MaxLinesMarksTheCutEvenWhenTheLastLineHasRoom) {
  EXPECT_EQ(Wrap("aaa bbb", 60, 1), (std::vector<std::string>{"aaa" + kEll}));
}

TEST_F(LabelTest, EllipsizeLeavesFittingTextAlone) {
  EXPECT_EQ(Ellipsize("abc", kFont, 30, text_), "abc");
  EXPECT_EQ(Ellipsize("abcd", kFont, 30, text_), "ab" + kEll);
  EXPECT_EQ(Ellipsize("abcd", kFont, 5, text_), kEll);
}

TEST_F(LabelTest, EmptyTextHasNoLinesAndNoHeight) {
  Label label("", kFont);
  EXPECT_EQ(label.Measure({100, 100}, ctx_), (Size{0, 0}));
}

TEST_F(LabelTest, MeasureReportsWidestLineAndLineCount) {
  Label label("aaa bbbbb cc", kFont);
  EXPECT_EQ(label.Measure({60, 1000}, ctx_), (Size{50, 60}));
  EXPECT_EQ(label.lines(), (std::vector<std::string>{"aaa", "bbbbb", "cc"}));
}

TEST_F(LabelTest, LayoutRewrapsToTheGivenWidth) {
  Label label("aaa bbb", kFont);
  label.Measure({1000, 1000}, ctx_);
  ASSERT_EQ(label.lines().size(), 1u);
  label.Layout({0, 0, 40, 40}, ctx_);
  EXPECT_EQ(label.lines(), (std::vector<std::string>{"aaa", "bbb"}));
}

TEST_F(LabelTest, AlignmentPlacesEachLineWithinTheRect) {
  for (auto [align, x] : {std::pair{Align::kStart, 10}, {Align::kCenter, 45}, {Align::kEnd, 80}}) {
    Label label("abc", kFont);
    label.set_align(align);
    label.Measure({100, 100}, ctx_);
    label.Layout({10, 5, 100, 20}, ctx_);
    RecordingPainter painter;
    label.Paint(painter, theme_);
    ASSERT_EQ(painter.texts.size(), 1u);
    EXPECT_EQ(painter.texts[0].at, (Point{x, 5})) << static_cast<int>(align);
  }
}

TEST_F(LabelTest, PaintsEachLineOneLineHeightApart) {
  Label label("aaa bbb", kFont);
  label.Measure({40, 100}, ctx_);
  label.Layout({0, 0, 40, 40}, ctx_);
  RecordingPainter painter;
  label.Paint(painter, theme_);
  ASSERT_EQ(painter.texts.size(), 2u);
  EXPECT_EQ(painter.texts[1].at, (Point{0, 20}));
  EXPECT_EQ(painter.texts[1].utf8, "bbb");
}

}  // namespace
}  // namespace gb::ui
