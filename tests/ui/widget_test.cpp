// Hit testing, lookup by automation id, buttons' touch size and the
// progress bar's clamping, with the fake measurer.
#include "ui/widget.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include "tests/ui/fake_text_measurer.h"
#include "ui/button.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/overlay.h"
#include "ui/progress_bar.h"
#include "ui/row.h"

namespace gb::ui {
namespace {

class WidgetTest : public ::testing::Test {
 protected:
  test::FakeTextMeasurer text_;
  Theme theme_ = Theme::Default();
  LayoutContext ctx_{text_, theme_};

  void Run(Widget& root, Rect rect) {
    root.Measure({rect.width, rect.height}, ctx_);
    root.Layout(rect, ctx_);
  }
};

// A card: a title and a row of two buttons.
//   card  (0,0)-(400,300), padding 10, spacing 10
//   title (10,10) 380 x 20
//   row   (10,40) 380 x button height; join left half, later right half.
struct Card {
  std::unique_ptr<Column> root = std::make_unique<Column>("card");
  Label* title;
  Button* join;
  Button* later;
  Card() {
    root->set_padding(10).set_spacing(10);
    title = root->Add(std::make_unique<Label>("Title", FontSpec{20}));
    auto* row = root->Add(std::make_unique<Row>());
    row->set_spacing(20);
    join = row->Add(std::make_unique<Button>("Join", "join"));
    later = row->Add(std::make_unique<Button>("Later", "later"));
    join->set_flex(1);
    later->set_flex(1);
  }
};

TEST_F(WidgetTest, HitTestReturnsTheDeepestWidgetWithAnId) {
  Card card;
  Run(*card.root, {0, 0, 400, 300});
  const Rect j = card.join->rect();
  const Rect l = card.later->rect();
  EXPECT_EQ(card.root->HitTestId({j.x + 1, j.y + 1}), "join");
  EXPECT_EQ(card.root->HitTestId({l.right() - 1, l.bottom() - 1}), "later");
  // The title has no id: the card itself is hit.
  EXPECT_EQ(card.root->HitTestId({15, 15}), "card");
}

TEST_F(WidgetTest, HitTestFindsNothingOutsideTheTree) {
  Card card;
  Run(*card.root, {0, 0, 400, 300});
  EXPECT_EQ(card.root->HitTestId({400, 10}), std::nullopt);  // right edge is exclusive
  EXPECT_EQ(card.root->HitTestId({-1, 10}), std::nullopt);
  EXPECT_EQ(card.root->HitTestId({10, 300}), std::nullopt);
}

TEST_F(WidgetTest, HitTestInTheGapBetweenButtonsHitsTheParent) {
  Card card;
  Run(*card.root, {0, 0, 400, 300});
  const Rect j = card.join->rect();
  ASSERT_LT(j.right(), card.later->rect().x);
  EXPECT_EQ(card.root->HitTestId({j.right(), j.y + 1}), "card");
}

TEST_F(WidgetTest, HitTestStillFindsADisabledButton) {
  Card card;
  card.later->set_enabled(false);
  Run(*card.root, {0, 0, 400, 300});
  const Rect l = card.later->rect();
  EXPECT_EQ(card.root->HitTestId({l.x + 2, l.y + 2}), "later");
}

TEST_F(WidgetTest, AnOverlaySheetLiesOverItsBaseWithoutMovingIt) {
  for (Overlay::Edge edge : {Overlay::Edge::kTop, Overlay::Edge::kBottom}) {
    Overlay overlay("screen", edge);
    Card card;
    overlay.Add(std::move(card.root));
    Run(overlay, {0, 0, 400, 300});
    const Rect before = card.join->rect();
    Overlay with_sheet("screen", edge);
    Card again;
    with_sheet.Add(std::move(again.root));
    auto* sheet = with_sheet.Add(std::make_unique<Button>("Stay", "stay"));
    Run(with_sheet, {0, 0, 400, 300});
    EXPECT_EQ(with_sheet.rect().height, 300);
    EXPECT_EQ(again.join->rect().y, before.y) << "the base does not move";
    EXPECT_EQ(sheet->rect().width, 400);
    EXPECT_EQ(sheet->rect().height, sheet->measured().height);
    EXPECT_EQ(edge == Overlay::Edge::kTop ? sheet->rect().y : sheet->rect().bottom(),
              edge == Overlay::Edge::kTop ? 0 : 300);
    // The sheet is on top: a tap on it is the sheet's, not the base's.
    const Rect r = sheet->rect();
    EXPECT_EQ(with_sheet.HitTestId({r.x + 5, r.y + r.height / 2}), "stay");
  }
}

TEST_F(WidgetTest, FindByIdReturnsTheWidgetOrNull) {
  Card card;
  EXPECT_EQ(card.root->FindById("later"), card.later);
  EXPECT_EQ(card.root->FindById("nope"), nullptr);
}

TEST_F(WidgetTest, ButtonIsNeverSmallerThanTheTouchTarget) {
  for (const char* caption : {"", "i", "OK"}) {
    for (int room : {0, 10, 47, 48, 1000}) {
      Button b(caption, "b");
      const Size s = b.Measure({room, room}, ctx_);
      EXPECT_GE(s.width, Theme::kMinTouchTarget) << caption << " " << room;
      EXPECT_GE(s.height, Theme::kMinTouchTarget) << caption << " " << room;
    }
  }
}

TEST_F(WidgetTest, ButtonSizeIsCaptionPlusPadding) {
  Button b("Join", "join");
  // label font 44 px: 22 a character; padding 24 each side.
  EXPECT_EQ(b.Measure({1000, 1000}, ctx_),
            (Size{4 * 22 + 2 * theme_.button_padding(), 44 + theme_.button_padding()}));
}

TEST_F(WidgetTest, ButtonCaptionIsEllipsizedWhenNarrow) {
  Button b("Join the group", "join");
  Run(b, {0, 0, 2 * 24 + 3 * 22, 100});  // room for three characters inside the padding
  EXPECT_EQ(b.shown_caption(), "Jo\xE2\x80\xA6");
}

TEST_F(WidgetTest, DisabledButtonIsNeverPressed) {
  Button b("Join", "join");
  b.set_pressed(true);
  EXPECT_TRUE(b.pressed());
  b.set_enabled(false);
  EXPECT_FALSE(b.pressed());
  b.set_pressed(true);
  EXPECT_FALSE(b.pressed());
}

TEST_F(WidgetTest, ProgressBarClampsValueAndMax) {
  ProgressBar bar;
  bar.Set(7, 10);
  EXPECT_DOUBLE_EQ(bar.Fraction(), 0.7);
  bar.Set(12, 10);
  EXPECT_EQ(bar.value(), 10);
  EXPECT_DOUBLE_EQ(bar.Fraction(), 1.0);
  bar.Set(-3, 10);
  EXPECT_EQ(bar.value(), 0);
  bar.Set(5, -1);
  EXPECT_EQ(bar.max(), 0);
  EXPECT_EQ(bar.value(), 0);
  EXPECT_DOUBLE_EQ(bar.Fraction(), 0.0);
}

TEST_F(WidgetTest, ProgressBarFillsItsWidthInProportion) {
  ProgressBar bar;
  bar.Set(7, 10);
  Run(bar, {0, 0, 333, 28});
  EXPECT_EQ(bar.FilledWidth(), 233);  // 333 * 7 / 10, rounded down
  bar.Set(10, 10);
  EXPECT_EQ(bar.FilledWidth(), 333);
  EXPECT_EQ(bar.measured().height, theme_.progress_height());
}

// WCAG 2 contrast ratio of two opaque colours.
double Contrast(Color a, Color b) {
  auto lum = [](Color c) {
    auto lin = [](std::uint8_t v) {
      const double s = v / 255.0;
      return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const double la = lum(a);
  const double lb = lum(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST_F(WidgetTest, ThemeTextPairsMeetTheirContrastTargets) {
  const Palette p = Theme::HighContrast().palette();
  EXPECT_GE(Contrast(p.on_surface, p.surface), 7.0);
  EXPECT_GE(Contrast(p.muted, p.surface), 7.0);
  EXPECT_GE(Contrast(p.muted, p.background), 7.0);
  EXPECT_GE(Contrast(p.accent, p.surface), 7.0);
  EXPECT_GE(Contrast(p.on_primary, p.primary), 7.0);
  EXPECT_GE(Contrast(p.on_primary, p.primary_pressed), 7.0);
  EXPECT_GE(Contrast(p.on_disabled, p.disabled), 7.0);
  // The everyday theme meets AA (4.5:1), disabled captions included.
  const Palette d = theme_.palette();
  EXPECT_GE(Contrast(d.on_surface, d.surface), 4.5);
  EXPECT_GE(Contrast(d.muted, d.surface), 4.5);
  EXPECT_GE(Contrast(d.accent, d.surface), 4.5);
  EXPECT_GE(Contrast(d.on_primary, d.primary), 4.5);
  EXPECT_GE(Contrast(d.on_disabled, d.disabled), 4.5);
}

TEST_F(WidgetTest, HighContrastThemeKeepsTheTypeScaleAndTouchTarget) {
  const Theme hc = Theme::HighContrast();
  EXPECT_EQ(hc.type().body, theme_.type().body);
  EXPECT_EQ(hc.touch_target(), 48);
  EXPECT_NE(hc.palette().background, theme_.palette().background);
}

}  // namespace
}  // namespace gb::ui
