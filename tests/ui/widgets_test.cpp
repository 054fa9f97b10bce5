// The kiosk's widgets with the fake measurer: grid cells, keypad and
// keyboard ids, image stand-ins, the QR's module runs, fields and toggles.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/ui/fake_text_measurer.h"
#include "ui/button.h"
#include "ui/column.h"
#include "ui/field.h"
#include "ui/grid.h"
#include "ui/image.h"
#include "ui/keyboard.h"
#include "ui/keypad.h"
#include "ui/label.h"
#include "ui/qr_image.h"
#include "ui/spacer.h"
#include "ui/toggle.h"

namespace gb::ui {
namespace {

// Records what widgets paint.
class RecordingPainter final : public Painter {
 public:
  struct Fill {
    Rect rect;
    Color color;
  };
  std::vector<Fill> fills;
  std::vector<std::string> texts;
  std::vector<std::string> images_asked;
  bool has_images = false;
  void FillRoundedRect(const Rect& rect, int /*radius*/, Color color) override {
    fills.push_back({rect, color});
  }
  void DrawText(Point /*at*/, std::string_view utf8, const FontSpec& /*font*/,
                Color /*color*/) override {
    texts.emplace_back(utf8);
  }
  bool DrawImage(const Rect& /*rect*/, std::string_view key) override {
    images_asked.emplace_back(key);
    return has_images;
  }
};

class WidgetsTest : public ::testing::Test {
 protected:
  test::FakeTextMeasurer text_;
  Theme theme_ = Theme::Default();
  LayoutContext ctx_{text_, theme_};
  void Run(Widget& root, Rect rect) {
    root.Measure({rect.width, rect.height}, ctx_);
    root.Layout(rect, ctx_);
  }
};

TEST_F(WidgetsTest, GridFillsRowsWithEqualCells) {
  Grid grid(3);
  grid.set_spacing(10).set_padding(5);
  for (int i = 0; i < 5; ++i) grid.Add(std::make_unique<Spacer>(Size{10, 20 + i}));
  Run(grid, {0, 0, 321, 500});
  const auto& k = grid.children();
  // Inner 311 wide, 291 for cells: 97, 97 and the remainder 97.
  EXPECT_EQ(k[0]->rect(), (Rect{5, 5, 97, 22}));
  EXPECT_EQ(k[1]->rect(), (Rect{112, 5, 97, 22}));
  EXPECT_EQ(k[2]->rect(), (Rect{219, 5, 97, 22}));
  EXPECT_EQ(k[3]->rect(), (Rect{5, 37, 97, 24}));
  EXPECT_EQ(k[4]->rect(), (Rect{112, 37, 97, 24}));
  EXPECT_EQ(grid.measured(), (Size{321, 5 + 22 + 10 + 24 + 5}));
}

TEST_F(WidgetsTest, GridWithUniformRowsAndAZeroColumnCount) {
  Grid grid(0);
  EXPECT_EQ(grid.columns(), 1);
  Grid keys(2);
  keys.set_uniform_rows(true);
  keys.Add(std::make_unique<Spacer>(Size{10, 50}));
  keys.Add(std::make_unique<Spacer>(Size{10, 10}));
  keys.Add(std::make_unique<Spacer>(Size{10, 10}));
  Run(keys, {0, 0, 100, 500});
  EXPECT_EQ(keys.children()[2]->rect().height, 50);
}

TEST_F(WidgetsTest, KeypadHasEveryKeyByIdAndLargeTargets) {
  Keypad pad("Clear", 120);
  Run(pad, {0, 0, 600, 900});
  for (int d = 0; d <= 9; ++d) {
    const Widget* key = pad.FindById(KeypadKeyId(d));
    ASSERT_NE(key, nullptr) << d;
    EXPECT_EQ(key->rect().height, 120);
    EXPECT_EQ(key->AutomationText(), std::to_string(d));
    const Rect r = key->rect();
    EXPECT_EQ(pad.HitTestId({r.x + r.width / 2, r.y + r.height / 2}), KeypadKeyId(d));
  }
  for (const char* id : {kKeyPlusId, kKeyBackId, kKeyClearId}) EXPECT_NE(pad.FindById(id), nullptr);
  EXPECT_EQ(pad.FindById(kKeyClearId)->AutomationText(), "Clear");
  // Rows: 1 2 3 on top, + 0 ⌫ at the bottom.
  EXPECT_LT(pad.FindById("key-1")->rect().y, pad.FindById("key-0")->rect().y);
  EXPECT_LT(pad.FindById("key-plus")->rect().x, pad.FindById("key-0")->rect().x);
}

TEST_F(WidgetsTest, KeyboardIdsAreCodePointsOfTheShownLetters) {
  Keyboard latin(KeyboardLayout::kLatin, false, {"space", ""}, 100);
  Run(latin, {0, 0, 1000, 600});
  EXPECT_NE(latin.FindById("kb-71"), nullptr);  // q
  EXPECT_EQ(latin.FindById("kb-51"), nullptr);  // Q only with shift
  EXPECT_EQ(latin.FindById("kb-71")->AutomationText(), "q");
  for (const char* id : {kKbShiftId, kKbLayoutId, kKbSpaceId, kKbBackId}) {
    EXPECT_NE(latin.FindById(id), nullptr) << id;
  }
  Keyboard upper(KeyboardLayout::kLatin, true, {"space", ""}, 100);
  EXPECT_NE(upper.FindById("kb-51"), nullptr);
  Keyboard cyr(KeyboardLayout::kCyrillic, true, {"пробел", ""}, 100);
  Run(cyr, {0, 0, 1000, 600});
  EXPECT_NE(cyr.FindById(KeyboardKeyId(U'Й')), nullptr);
  EXPECT_NE(cyr.FindById(KeyboardKeyId(U'Ё')), nullptr);
  EXPECT_EQ(cyr.FindById(KeyboardKeyId(U'й')), nullptr);
  // Every key at least a touch target, even 12 to a row.
  const Widget* key = cyr.FindById(KeyboardKeyId(U'Й'));
  EXPECT_GE(key->rect().width, Theme::kMinTouchTarget);
}

TEST_F(WidgetsTest, TheCodeKeyboardHasBase32sAlphabetInUpperCaseAndAClearKey) {
  Keyboard code(KeyboardLayout::kCode, false, {"space", "Clear"}, 100);
  Run(code, {0, 0, 1000, 700});
  // Every letter of RFC 4648's Base32 alphabet, upper case whatever the shift.
  for (char32_t c : std::u32string(U"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")) {
    const Widget* key = code.FindById(KeyboardKeyId(c));
    ASSERT_NE(key, nullptr) << KeyboardKeyId(c);
    EXPECT_GE(key->rect().width, Theme::kMinTouchTarget);
  }
  // Nothing that cannot be in a code.
  for (char32_t c : std::u32string(U"a0189-' "))
    EXPECT_EQ(code.FindById(KeyboardKeyId(c)), nullptr);
  for (const char* id : {kKbShiftId, kKbLayoutId, kKbSpaceId})
    EXPECT_EQ(code.FindById(id), nullptr);
  EXPECT_NE(code.FindById(kKbBackId), nullptr);
  ASSERT_NE(code.FindById(kKbClearId), nullptr);
  EXPECT_EQ(code.FindById(kKbClearId)->AutomationText(), "Clear");
  EXPECT_EQ(code.layout(), KeyboardLayout::kCode);
}

TEST_F(WidgetsTest, KeyboardIdRoundTrips) {
  for (char32_t c : {U'a', U'Z', U'ж', U'Ё', U'-'}) {
    EXPECT_EQ(KeyboardKeyCodePoint(KeyboardKeyId(c)), c);
  }
  EXPECT_EQ(KeyboardKeyId(U'a'), "kb-61");
  for (const char* id : {"kb-", "kb-space", "kb-12g", "key-1", "kb-shift"}) {
    EXPECT_EQ(KeyboardKeyCodePoint(id), 0u) << id;
  }
}

TEST_F(WidgetsTest, ImageAsksThePainterThenDrawsItsStandIn) {
  Image img("sofa.png", "Sofa Oslo, 3 seats", 200);
  Run(img, {0, 0, 400, 300});
  EXPECT_EQ(img.measured(), (Size{400, 200}));
  EXPECT_EQ(img.initials(), "SO");
  RecordingPainter p;
  img.Paint(p, theme_);
  EXPECT_EQ(p.images_asked, std::vector<std::string>{"sofa.png"});
  ASSERT_EQ(p.fills.size(), 1u);
  EXPECT_EQ(p.fills[0].color, img.tint());
  EXPECT_EQ(p.texts, std::vector<std::string>{"SO"});
  RecordingPainter with;
  with.has_images = true;
  img.Paint(with, theme_);
  EXPECT_TRUE(with.fills.empty());
}

TEST_F(WidgetsTest, InitialsSkipPunctuationAndFollowTheScript) {
  EXPECT_EQ(Image("", "Диван «Осло», трёхместный", 10).initials(), "ДО");
  EXPECT_EQ(Image("", "кресло «берген»", 10).initials(), "КБ");
  EXPECT_EQ(Image("", "奥斯陆三人沙发", 10).initials(), "奥斯");
  EXPECT_EQ(Image("", "", 10).initials(), "");
  // Same key, same tint; the tint does not depend on the language of alt.
  EXPECT_EQ(Image("a.png", "x", 10).tint(), Image("a.png", "y", 10).tint());
}

TEST_F(WidgetsTest, QrPaintsDarkRunsInsideAQuietZone) {
  // 3x3: a full top row, a lone centre, nothing at the bottom.
  QrImage qr({1, 1, 1, 0, 1, 0, 0, 0, 0}, 3, 110);
  Run(qr, {0, 0, 200, 200});
  EXPECT_EQ(qr.rect().width, 200);
  EXPECT_EQ(qr.ModulePixels(), 200 / 11);
  RecordingPainter p;
  qr.Paint(p, theme_);
  ASSERT_EQ(p.fills.size(), 3u);  // white square, one run, one module
  EXPECT_EQ(p.fills[0].rect, (Rect{0, 0, 200, 200}));
  const int m = qr.ModulePixels();
  EXPECT_EQ(p.fills[1].rect.width, 3 * m);
  EXPECT_EQ(p.fills[2].rect.width, m);
  EXPECT_EQ(p.fills[2].rect.y - p.fills[1].rect.y, m);
  QrImage bad({1, 0}, 3, 100);
  EXPECT_EQ(bad.ModulePixels(), 0);
}

TEST_F(WidgetsTest, FieldShowsValueOrHintAndReportsTheValue) {
  Field empty("", "Tap here", "phone");
  Run(empty, {0, 0, 600, 200});
  EXPECT_EQ(empty.AutomationText(), "");
  RecordingPainter p;
  empty.Paint(p, theme_);
  EXPECT_EQ(p.texts, std::vector<std::string>{"Tap here"});
  // A long value keeps its end in view.
  Field full("0123456789012345678901234", "hint", "phone");
  Run(full, {0, 0, 300, 200});
  RecordingPainter q;
  full.Paint(q, theme_);
  ASSERT_EQ(q.texts.size(), 1u);
  EXPECT_EQ(q.texts[0].back(), '4');
  EXPECT_LT(q.texts[0].size(), 25u);
  EXPECT_EQ(full.AutomationText(), "0123456789012345678901234");
}

TEST_F(WidgetsTest, ToggleIsOneTargetAndSaysOnOrOff) {
  Column col;
  auto* t =
      col.Add(std::make_unique<Toggle>("I agree to a rather long sentence", false, "consent"));
  Run(col, {0, 0, 400, 800});
  EXPECT_EQ(t->AutomationText(), "off");
  EXPECT_GE(t->rect().height, Theme::kMinTouchTarget);
  const Rect label = t->children().front()->rect();
  EXPECT_EQ(col.HitTestId({label.x + 5, label.y + 5}), "consent");
  EXPECT_EQ(Toggle("x", true, "consent").AutomationText(), "on");
}

TEST(ThemeScaledTest, ScalesLengthsButNotTheTouchTarget) {
  const Theme base = Theme::Default();
  const Theme half = base.Scaled(0.5);
  EXPECT_EQ(half.type().body.px, base.type().body.px / 2);
  EXPECT_EQ(half.type().label.weight, Weight::kBold);
  EXPECT_EQ(half.padding(), base.padding() / 2);
  EXPECT_EQ(half.touch_target(), Theme::kMinTouchTarget);
  EXPECT_EQ(half.palette().primary, base.palette().primary);
  EXPECT_EQ(base.Scaled(1.0).type().display, base.type().display);
  EXPECT_GE(base.Scaled(0.001).progress_height(), 1);
}

TEST_F(WidgetsTest, AutomationTextOfAContainerIsItsTexts) {
  Column card("deal-1");
  card.Add(std::make_unique<Label>("Sofa", FontSpec{20}));
  card.Add(std::make_unique<Spacer>(Size{1, 1}));
  card.Add(std::make_unique<Button>("Join", "join"));
  EXPECT_EQ(card.AutomationText(), "Sofa\nJoin");
}

}  // namespace
}  // namespace gb::ui
