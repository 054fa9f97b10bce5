// SdlTextMeasurer: TextMeasurer over a FontChain, so layout measures text
// with exactly the fonts SdlCanvas draws it with.
// Borrows the FontChain, which must outlive it. Not thread-safe.
#pragma once

#include "ui/sdl/font_chain.h"
#include "ui/text_measurer.h"

namespace gb::ui {

class SdlTextMeasurer final : public TextMeasurer {
 public:
  explicit SdlTextMeasurer(FontChain& fonts) : fonts_(fonts) {}
  int Width(std::string_view utf8, const FontSpec& font) const override {
    return fonts_.Width(utf8, font);
  }
  int LineHeight(const FontSpec& font) const override { return fonts_.LineHeight(font); }

 private:
  FontChain& fonts_;
};

}  // namespace gb::ui
