// Painter: what widgets draw with. Widgets paint through this interface and
// never see SDL; ui/sdl/SdlCanvas implements it with the software renderer,
// and tests may record the calls.
//
// Coordinates are in pixels of the target. Colours are straight RGBA and
// blended over what is already there.
#pragma once

#include <string_view>

#include "ui/color.h"
#include "ui/font_spec.h"
#include "ui/geometry.h"

namespace gb::ui {

class Painter {
 public:
  virtual ~Painter() = default;
  // Fills `rect` with corners of `radius` (clamped to half the shorter side;
  // 0 for square corners), anti-aliased.
  virtual void FillRoundedRect(const Rect& rect, int radius, Color color) = 0;
  // Draws one line of text (no wrapping) with its line box's top left at
  // `top_left`; the line box is TextMeasurer::LineHeight(font) tall.
  virtual void DrawText(Point top_left, std::string_view utf8, const FontSpec& font,
                        Color color) = 0;
  // Draws the picture named `key` (a catalog image file name) to cover
  // `rect`, cropped to keep its aspect ratio. Returns false when this painter
  // has no such picture; the caller then draws a stand-in. Default: none.
  virtual bool DrawImage(const Rect& /*rect*/, std::string_view /*key*/) { return false; }
};

}  // namespace gb::ui
