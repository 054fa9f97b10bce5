// TextMeasurer: the one thing layout needs to know about fonts. Widgets
// measure and wrap text through it, so layout and hit testing run in tests
// with a fake and on the kiosk with SdlTextMeasurer (ui/sdl), which uses the
// same fonts as the renderer.
//
// Contract: Width is the advance width of one line (no newlines) of UTF-8;
// it is additive enough for wrapping (Width(a + b) is close to Width(a) +
// Width(b)) and 0 for the empty string. LineHeight is the distance between
// baselines of consecutive lines and is > 0.
// Thread-safety: implementations need not be thread-safe.
#pragma once

#include <string_view>

#include "ui/font_spec.h"

namespace gb::ui {

class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  virtual int Width(std::string_view utf8, const FontSpec& font) const = 0;
  virtual int LineHeight(const FontSpec& font) const = 0;
};

}  // namespace gb::ui
