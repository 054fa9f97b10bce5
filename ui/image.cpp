#include "ui/image.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace gb::ui {
namespace {

// Length in bytes of the UTF-8 sequence that starts with `lead`.
std::size_t SeqLen(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

bool IsCjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

std::string UpperFirst(std::string_view glyph) {
  std::string g(glyph);
  if (g.size() == 1 && g[0] >= 'a' && g[0] <= 'z') g[0] = static_cast<char>(g[0] - 32);
  // Cyrillic а..я (D0 B0..D0 BF, D1 80..D1 8F) to А..Я (D0 90..D0 AF).
  if (g.size() == 2) {
    auto b0 = static_cast<unsigned char>(g[0]);
    auto b1 = static_cast<unsigned char>(g[1]);
    if (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) g[1] = static_cast<char>(b1 - 0x20);
    if (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) {
      g[0] = static_cast<char>(0xD0);
      g[1] = static_cast<char>(b1 + 0x20);
    }
  }
  return g;
}

char32_t Decode(std::string_view glyph) {
  const auto lead = static_cast<unsigned char>(glyph[0]);
  if (glyph.size() == 1) return lead;
  char32_t c = lead & (0x7F >> glyph.size());
  for (std::size_t k = 1; k < glyph.size(); ++k) {
    c = (c << 6) | (static_cast<unsigned char>(glyph[k]) & 0x3F);
  }
  return c;
}

// Letters and digits of the scripts the kiosk writes; punctuation such as
// quotes around a name never makes an initial.
bool IsLetter(char32_t c) {
  return (c < 0x80 && std::isalnum(static_cast<int>(c)) != 0) ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x400 && c <= 0x4FF) ||
         IsCjk(c);
}

std::string Initials(std::string_view alt) {
  std::string out;
  int taken = 0;
  bool word_start = true;
  for (std::size_t i = 0; i < alt.size() && taken < 2;) {
    const auto lead = static_cast<unsigned char>(alt[i]);
    const std::size_t n = std::min(SeqLen(lead), alt.size() - i);
    const std::string_view glyph = alt.substr(i, n);
    const char32_t c = Decode(glyph);
    const bool letter = IsLetter(c);
    // CJK is written without spaces: every character starts a "word".
    if (letter && (word_start || IsCjk(c))) {
      out += UpperFirst(glyph);
      ++taken;
    }
    word_start = !letter;
    i += n;
  }
  return out;
}

}  // namespace

Image::Image(std::string key, std::string alt, int height, std::string automation_id)
    : Widget(std::move(automation_id)),
      key_(std::move(key)),
      alt_(std::move(alt)),
      initials_(Initials(alt_)),
      height_(std::max(1, height)) {}

Color Image::tint() const {
  // FNV-1a, so a deal keeps its colour from run to run.
  std::uint32_t h = 2166136261u;
  for (char c : key_.empty() ? alt_ : key_) {
    h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  }
  static constexpr Color kTints[] = {
      {0xDC, 0xE8, 0xF7, 0xFF}, {0xE4, 0xF1, 0xE1, 0xFF}, {0xF7, 0xE6, 0xD5, 0xFF},
      {0xEC, 0xE1, 0xF4, 0xFF}, {0xF5, 0xDE, 0xE2, 0xFF}, {0xDD, 0xF0, 0xEE, 0xFF},
  };
  return kTints[h % (sizeof kTints / sizeof kTints[0])];
}

Size Image::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  font_ = FontSpec{std::max(24, height_ / 3), Weight::kBold};
  radius_ = ctx.theme.corner_radius();
  const int width =
      constraints.max_width < Constraints::kUnbounded ? constraints.max_width : height_ * 4 / 3;
  return {width, std::min(height_, constraints.max_height)};
}

void Image::OnLayout(const LayoutContext& ctx) {
  text_width_ = ctx.text.Width(initials_, font_);
  line_height_ = ctx.text.LineHeight(font_);
}

void Image::OnPaint(Painter& painter, const Theme& theme) const {
  if (!key_.empty() && painter.DrawImage(rect(), key_)) return;
  painter.FillRoundedRect(rect(), radius_, tint());
  const Point at{rect().x + (rect().width - text_width_) / 2,
                 rect().y + (rect().height - line_height_) / 2};
  painter.DrawText(at, initials_, font_, theme.palette().muted);
}

}  // namespace gb::ui
