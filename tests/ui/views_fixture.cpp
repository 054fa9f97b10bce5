#include "tests/ui/views_fixture.h"

#include "ui/button.h"
#include "ui/label.h"
#include "ui/sdl/sdl_canvas.h"
#include "ui/sdl/sdl_text_measurer.h"
#include "ui/views/metrics.h"
#include "ui/views/views.h"

namespace gb::ui {

void ViewsRenderTest::SetUpTestSuite() {
  auto fonts = FontChain::Create();
  ASSERT_TRUE(fonts.ok()) << fonts.status().ToString();
  fonts_ = std::move(fonts).value().release();
}

void ViewsRenderTest::TearDownTestSuite() {
  delete fonts_;
  fonts_ = nullptr;
}

Rendered ViewsRenderTest::Render(const app::ViewModel& vm, Size size) {
  Rendered r;
  const i18n::Lang lang = vm.lang;
  const Theme theme = Theme::Default().Scaled(views::Scale(size));
  SdlTextMeasurer measurer(*fonts_);
  const LayoutContext ctx{measurer, theme};
  r.tree = views::BuildScreen(vm, i18n::Catalog::For(lang), size);
  r.tree->Measure({size.width, size.height}, ctx);
  r.tree->Layout({0, 0, size.width, size.height}, ctx);
  auto canvas = SdlCanvas::Create(size, *fonts_);
  EXPECT_TRUE(canvas.ok());
  if (!canvas.ok()) return r;
  EXPECT_TRUE((*canvas)->Render(*r.tree, theme).ok());
  auto px = (*canvas)->ReadPixels();
  EXPECT_TRUE(px.ok());
  if (px.ok()) r.pixels = std::move(*px);
  return r;
}

std::string ShownText(const Widget& w) {
  std::string out;
  if (const auto* l = dynamic_cast<const Label*>(&w)) out += l->text() + "\n";
  if (const auto* b = dynamic_cast<const Button*>(&w)) out += b->caption() + "\n";
  for (const auto& child : w.children()) out += ShownText(*child);
  return out;
}

namespace {

// The rect of every widget with an id under w, by id.
void RectsById(const Widget& w, std::map<std::string, Rect>& out) {
  if (!w.id().empty()) out.emplace(w.id(), w.rect());
  for (const auto& child : w.children()) RectsById(*child, out);
}

}  // namespace

void ExpectNothingMoved(const Widget& calm, const Widget& busy, const std::string& where) {
  std::map<std::string, Rect> before, after;
  RectsById(calm, before);
  RectsById(busy, after);
  for (const auto& [id, a] : before) {
    if (id.starts_with("screen-")) continue;
    const auto it = after.find(id);
    ASSERT_NE(it, after.end()) << where << ": #" << id << " is gone";
    const Rect b = it->second;
    EXPECT_TRUE(a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height)
        << where << ": #" << id << " moved from " << a.x << "," << a.y << " " << a.width << "x"
        << a.height << " to " << b.x << "," << b.y << " " << b.width << "x" << b.height;
  }
}

void ExpectEssentialsWhole(const Widget& w, const std::string& where, int& seen) {
  if (const auto* l = dynamic_cast<const Label*>(&w); l != nullptr && l->essential()) {
    ++seen;
    std::string shown;
    for (const std::string& line : l->lines()) shown += line;
    EXPECT_EQ(shown.find("\xE2\x80\xA6"), l->text().find("\xE2\x80\xA6"))
        << where << ": \"" << l->text() << "\" is cut to \"" << shown << "\"";
  }
  for (const auto& child : w.children()) ExpectEssentialsWhole(*child, where, seen);
}

}  // namespace gb::ui
