// Rows and columns: exact rects with the fake measurer (10 px a character,
// 20 px a line at FontSpec{20}).
#include <gtest/gtest.h>

#include <memory>

#include "tests/ui/fake_text_measurer.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/row.h"

namespace gb::ui {
namespace {

constexpr FontSpec kFont{20, Weight::kRegular};

class BoxLayoutTest : public ::testing::Test {
 protected:
  test::FakeTextMeasurer text_;
  Theme theme_ = Theme::Default();
  LayoutContext ctx_{text_, theme_};

  void Run(Widget& root, Rect rect) {
    root.Measure({rect.width, rect.height}, ctx_);
    root.Layout(rect, ctx_);
  }
};

TEST_F(BoxLayoutTest, ColumnStacksChildrenWithPaddingAndSpacing) {
  Column col;
  col.set_padding(8).set_spacing(4).set_cross_align(CrossAlign::kStart);
  auto* a = col.Add(std::make_unique<Label>("abc", kFont, "a"));
  auto* b = col.Add(std::make_unique<Label>("abcde", kFont, "b"));
  const Size wanted = col.Measure({500, 500}, ctx_);
  EXPECT_EQ(wanted, (Size{8 + 50 + 8, 8 + 20 + 4 + 20 + 8}));
  col.Layout({100, 200, 300, 400}, ctx_);
  EXPECT_EQ(a->rect(), (Rect{108, 208, 30, 20}));
  EXPECT_EQ(b->rect(), (Rect{108, 232, 50, 20}));
}

TEST_F(BoxLayoutTest, ColumnStretchGivesChildrenTheInnerWidth) {
  Column col;
  col.set_padding(10);
  auto* a = col.Add(std::make_unique<Label>("ab", kFont, "a"));
  Run(col, {0, 0, 200, 100});
  EXPECT_EQ(a->rect(), (Rect{10, 10, 180, 20}));
}

TEST_F(BoxLayoutTest, RowPlacesChildrenLeftToRightAndCentersCrossAxis) {
  Row row;
  row.set_padding(5).set_spacing(7).set_cross_align(CrossAlign::kCenter);
  auto* a = row.Add(std::make_unique<Label>("ab", kFont, "a"));
  auto* b = row.Add(std::make_unique<Label>("abc", kFont, "b"));
  Run(row, {0, 0, 300, 60});
  EXPECT_EQ(a->rect(), (Rect{5, 20, 20, 20}));
  EXPECT_EQ(b->rect(), (Rect{5 + 20 + 7, 20, 30, 20}));
}

TEST_F(BoxLayoutTest, RowEndAlignPutsChildrenAtTheBottom) {
  Row row;
  row.set_padding(5).set_cross_align(CrossAlign::kEnd);
  auto* a = row.Add(std::make_unique<Label>("ab", kFont, "a"));
  Run(row, {0, 0, 300, 60});
  EXPECT_EQ(a->rect(), (Rect{5, 35, 20, 20}));
}

TEST_F(BoxLayoutTest, FlexChildrenShareTheFreeSpaceByWeightWithRemainderToLast) {
  Row row;
  row.set_spacing(10);
  auto* fixed = row.Add(std::make_unique<Label>("abcd", kFont, "fixed"));  // 40 wide
  auto* one = row.Add(std::make_unique<Label>("a", kFont, "one"));         // 10 wide
  auto* two = row.Add(std::make_unique<Label>("a", kFont, "two"));         // 10 wide
  one->set_flex(1);
  two->set_flex(2);
  // 201 wide; the fixed child and two gaps take 60; 141 free: 47 and 94.
  Run(row, {0, 0, 201, 20});
  EXPECT_EQ(fixed->rect(), (Rect{0, 0, 40, 20}));
  EXPECT_EQ(one->rect(), (Rect{50, 0, 47, 20}));
  EXPECT_EQ(two->rect(), (Rect{107, 0, 94, 20}));
}

TEST_F(BoxLayoutTest, FlexChildIsMeasuredWithItsShareOfTheRow) {
  Row row;
  auto* wide = row.Add(std::make_unique<Label>("aaaa bbbb cccc", kFont, "wide"));
  auto* narrow = row.Add(std::make_unique<Label>("x", kFont, "narrow"));
  wide->set_flex(1);
  narrow->set_flex(1);
  Run(row, {0, 0, 100, 100});
  // Each gets 50: the wide text wraps to three lines instead of taking 100.
  EXPECT_EQ(wide->lines().size(), 3u);
  EXPECT_EQ(row.measured().height, 60);
  EXPECT_EQ(narrow->rect(), (Rect{50, 0, 50, 100}));
}

TEST_F(BoxLayoutTest, BoxWithFlexChildAsksForTheWholeMainAxis) {
  Row row;
  row.Add(std::make_unique<Label>("a", kFont, "x"))->set_flex(1);
  EXPECT_EQ(row.Measure({250, 100}, ctx_).width, 250);
}

TEST_F(BoxLayoutTest, NestedColumnsAddTheirPaddings) {
  Column outer;
  outer.set_padding(10);
  auto* inner = outer.Add(std::make_unique<Column>());
  inner->set_padding(5);
  auto* label = inner->Add(std::make_unique<Label>("abc", kFont, "l"));
  Run(outer, {0, 0, 100, 100});
  EXPECT_EQ(inner->rect(), (Rect{10, 10, 80, 30}));
  EXPECT_EQ(label->rect(), (Rect{15, 15, 70, 20}));
}

TEST_F(BoxLayoutTest, RowOffersLaterChildrenOnlyTheRoomLeft) {
  Row row;
  row.set_spacing(10);
  row.Add(std::make_unique<Label>("abcdefgh", kFont, "first"));  // 80 wide
  auto* second = row.Add(std::make_unique<Label>("abcdefgh", kFont, "second"));
  second->set_max_lines(1);
  Run(row, {0, 0, 150, 20});
  // 150 - 80 - 10 = 60 left: "abcde…" (6 characters) fits exactly.
  EXPECT_EQ(second->rect().width, 60);
  ASSERT_EQ(second->lines().size(), 1u);
  EXPECT_EQ(second->lines()[0], "abcde\xE2\x80\xA6");
}

}  // namespace
}  // namespace gb::ui
