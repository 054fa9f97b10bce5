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
  auto hyph = hyphen::LibHyphenator::Create();
  ASSERT_TRUE(hyph.ok()) << hyph.status().ToString();
  hyph_ = std::move(hyph).value().release();
}

void ViewsRenderTest::TearDownTestSuite() {
  delete fonts_;
  fonts_ = nullptr;
  delete hyph_;
  hyph_ = nullptr;
}

Rendered ViewsRenderTest::Render(const app::ViewModel& vm, Size size) {
  Rendered r;
  const i18n::Lang lang = vm.lang;
  const Theme theme = Theme::Default().Scaled(views::Scale(size));
  SdlTextMeasurer measurer(*fonts_);
  const LayoutContext ctx{measurer, theme, hyph_};
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

// The code point at s[i] (U+FFFD for a stray byte).
char32_t At(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0xFFFD;
  if (n == 1) return b;
  char32_t cp = b & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return cp;
}

// The code point that ends s.
char32_t Last(std::string_view s) {
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return At(s, i);
}

bool IsWordChar(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x400 && c <= 0x4FF);
}

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

void ExpectWordsBrokenOnlyWithAHyphen(const Widget& w, const std::string& where, int& hyphenated) {
  if (const auto* l = dynamic_cast<const Label*>(&w); l != nullptr) {
    const std::string_view text = l->text();
    const std::vector<std::string>& lines = l->lines();
    std::size_t pos = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string_view line = lines[i];
      while (pos < text.size() && !text.substr(pos).starts_with(line) &&
             (text[pos] == ' ' || text[pos] == '\n')) {
        ++pos;  // the spaces a break dropped
      }
      if (line.find("\xE2\x80\xA6") != std::string_view::npos &&
          text.find("\xE2\x80\xA6") == std::string_view::npos) {
        break;  // an ellipsis: what follows is not shown (other checks judge it)
      }
      bool hyphen = false;
      if (!text.substr(pos).starts_with(line)) {
        hyphen =
            line.ends_with('-') && text.substr(pos).starts_with(line.substr(0, line.size() - 1));
        EXPECT_TRUE(hyphen) << where << ": line \"" << line << "\" of \"" << text
                            << "\" is not its text";
        if (!hyphen) return;
        line.remove_suffix(1);
      }
      pos += line.size();
      if (i + 1 == lines.size() || line.empty() || pos >= text.size()) continue;
      const bool inside_word = IsWordChar(Last(line)) && IsWordChar(At(text, pos));
      if (hyphen) {
        EXPECT_TRUE(inside_word) << where << ": \"" << lines[i] << "\" hyphenates outside a word";
        ++hyphenated;
      } else {
        EXPECT_FALSE(inside_word) << where << ": \"" << text << "\" breaks mid-word after \""
                                  << line << "\" without a hyphen";
      }
    }
  }
  for (const auto& child : w.children())
    ExpectWordsBrokenOnlyWithAHyphen(*child, where, hyphenated);
}

}  // namespace gb::ui
