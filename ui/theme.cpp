#include "ui/theme.h"

#include <cmath>
#include <initializer_list>

namespace gb::ui {
namespace {

// One type scale for both themes: high contrast changes colour, not size,
// so a screen lays out the same in either.
TypeScale KioskTypeScale() {
  return TypeScale{
      .display = {72, Weight::kBold},
      .title = {56, Weight::kBold},
      .body = {40, Weight::kRegular},
      .label = {44, Weight::kBold},
      .caption = {32, Weight::kRegular},
  };
}

}  // namespace

Theme Theme::Default() {
  Theme t;
  t.palette_ = Palette{
      .background = {0xEC, 0xEF, 0xF3, 0xFF},
      .surface = {0xFF, 0xFF, 0xFF, 0xFF},
      .on_surface = {0x1A, 0x1C, 0x20, 0xFF},
      .muted = {0x4A, 0x50, 0x5A, 0xFF},
      .primary = {0x15, 0x5E, 0xC8, 0xFF},
      .primary_pressed = {0x0E, 0x45, 0x96, 0xFF},
      .on_primary = {0xFF, 0xFF, 0xFF, 0xFF},
      .disabled = {0xD5, 0xD8, 0xDE, 0xFF},
      .on_disabled = {0x4E, 0x53, 0x5B, 0xFF},
      .track = {0xD5, 0xDC, 0xE8, 0xFF},
      .accent = {0xB0, 0x2A, 0x1E, 0xFF},
  };
  t.type_ = KioskTypeScale();
  return t;
}

Theme Theme::Scaled(double factor) const {
  auto px = [factor](int v) {
    const long scaled = std::lround(static_cast<double>(v) * factor);
    return static_cast<int>(scaled < 1 ? 1 : scaled);
  };
  Theme t = *this;
  for (FontSpec* f :
       {&t.type_.display, &t.type_.title, &t.type_.body, &t.type_.label, &t.type_.caption}) {
    f->px = px(f->px);
  }
  t.corner_radius_ = px(corner_radius_);
  t.spacing_ = px(spacing_);
  t.padding_ = px(padding_);
  t.button_padding_ = px(button_padding_);
  t.progress_height_ = px(progress_height_);
  return t;
}

Theme Theme::HighContrast() {
  Theme t;
  const Color black{0x00, 0x00, 0x00, 0xFF};
  const Color white{0xFF, 0xFF, 0xFF, 0xFF};
  const Color yellow{0xFF, 0xD6, 0x00, 0xFF};
  t.palette_ = Palette{
      .background = black,
      .surface = {0x14, 0x14, 0x14, 0xFF},  // just off black, so cards show
      .on_surface = white,
      .muted = white,
      .primary = yellow,
      .primary_pressed = white,
      .on_primary = black,
      .disabled = {0x30, 0x30, 0x30, 0xFF},
      .on_disabled = {0xD0, 0xD0, 0xD0, 0xFF},
      .track = {0x50, 0x50, 0x50, 0xFF},
      .accent = yellow,
  };
  t.type_ = KioskTypeScale();
  return t;
}

}  // namespace gb::ui
