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

// Kinsoku shori: each row would break before a closing mark or after an
// opening one without it (the "plain" column); with it the line breaks one
// character earlier instead, never overhanging the width.
struct KinsokuCase {
  const char* name;
  const char* text;
  int width;
  std::vector<std::string> plain;  // what a per-character break gives
  std::vector<std::string> lines;  // with kinsoku
};

const KinsokuCase kKinsokuCases[] = {
    {"full stop", "拼团优惠。好", 40, {"拼团优惠", "。好"}, {"拼团优", "惠。好"}},
    {"comma", "拼团优，惠", 30, {"拼团优", "，惠"}, {"拼团", "优，惠"}},
    {"enumeration comma", "苹果、香蕉", 20, {"苹果", "、香", "蕉"}, {"苹", "果、", "香蕉"}},
    {"question and exclamation",
     "真的吗？！好",
     30,
     {"真的吗", "？！好"},
     {"真的", "吗？！", "好"}},
    {"closing bracket after a full stop",
     "他说好。」再",
     30,
     {"他说好", "。」再"},
     {"他说", "好。」", "再"}},
    {"opening corner bracket", "拼团「优惠」", 30, {"拼团「", "优惠」"}, {"拼团", "「优", "惠」"}},
    {"opening book title mark", "请看《规则》", 30, {"请看《", "规则》"}, {"请看", "《规", "则》"}},
    {"opening full-width parenthesis",
     "已满（2人）",
     30,
     {"已满（", "2人）"},
     {"已满", "（2", "人）"}},
    {"curly quotes", "他说“好”", 30, {"他说“", "好”"}, {"他说", "“好”"}},
    {"ASCII closing after Han", "拼团优惠)", 40, {"拼团优惠", ")"}, {"拼团优", "惠)"}},
    {"ASCII opening before Han", "拼团(优惠", 30, {"拼团(", "优惠"}, {"拼团", "(优惠"}},
    {"small katakana", "アカップ", 20, {"アカ", "ップ"}, {"ア", "カッ", "プ"}},
    {"small hiragana", "すぐちょっと", 30, {"すぐち", "ょっと"}, {"すぐ", "ちょっ", "と"}},
    {"prolonged sound mark", "コーヒー", 30, {"コーヒ", "ー"}, {"コー", "ヒー"}},
    {"middle dot", "ジョン・スミス", 30, {"ジョン", "・スミ", "ス"}, {"ジョ", "ン・ス", "ミス"}},
    {"Latin is unchanged", "aaa, bbb (cc)", 40, {"aaa,", "bbb", "(cc)"}, {"aaa,", "bbb", "(cc)"}},
    {"a space stays a break", "好 。", 10, {"好", "。"}, {"好", "。"}},
};

TEST_F(LabelTest, KinsokuKeepsClosingMarksOffLineStartsAndOpeningOnesOffLineEnds) {
  for (const KinsokuCase& c : kKinsokuCases) {
    SCOPED_TRACE(c.name);
    const auto lines = Wrap(c.text, c.width);
    EXPECT_EQ(lines, c.lines);
    for (const std::string& line : lines) EXPECT_LE(text_.Width(line, kFont), c.width) << line;
  }
}

// The "plain" column documents the problem each row guards against: with the
// glue gone, a mark lands at the start or end of a line.
TEST_F(LabelTest, EachKinsokuRowGuardsARealBreakProblem) {
  for (const KinsokuCase& c : kKinsokuCases) {
    SCOPED_TRACE(c.name);
    if (c.plain == c.lines) continue;  // the rows that must stay unchanged
    EXPECT_NE(c.plain, c.lines);
    bool bad = false;
    for (std::size_t i = 0; i < c.plain.size(); ++i) {
      const std::string& l = c.plain[i];
      for (const char* closing : {"。", "，", "、", "？", "」", ")", "ッ", "ょ", "ー", "・", "”"}) {
        if (i > 0 && l.starts_with(closing)) bad = true;
      }
      for (const char* opening : {"「", "《", "（", "(", "“"}) {
        if (i + 1 < c.plain.size() && l.ends_with(opening)) bad = true;
      }
    }
    EXPECT_TRUE(bad) << "row shows no problem";
  }
}

// Sentences from the Chinese catalog (brackets added) at every width from 3
// characters (the widest glued group, "款）。") to 30: no line starts with a
// closing mark or ends with an opening one, none overhangs, nothing is lost.
TEST_F(LabelTest, KinsokuHoldsAtEveryWidthForAChineseSentence) {
  const std::string text =
      "团购成团后，请持此票到收银台。如团购未成团，定金将全额退还（无需付款）。"
      "在自助机上扫描「此票」，可查询或取消名额。";
  for (int chars = 3; chars <= 30; ++chars) {
    const auto lines = Wrap(text, chars * 10);
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      SCOPED_TRACE(std::to_string(chars) + " chars, line " + std::to_string(i));
      joined += lines[i];
      EXPECT_LE(text_.Width(lines[i], kFont), chars * 10);
      for (const char* closing : {"，", "。", "）", "」"}) {
        EXPECT_FALSE(i > 0 && lines[i].starts_with(closing)) << lines[i];
      }
      for (const char* opening : {"（", "「"}) {
        EXPECT_FALSE(i + 1 < lines.size() && lines[i].ends_with(opening)) << lines[i];
      }
    }
    EXPECT_EQ(joined, text);
  }
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
