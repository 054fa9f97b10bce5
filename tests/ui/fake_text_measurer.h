// FakeTextMeasurer: fonts with round numbers, for layout tests without SDL.
// Every code point (Latin, Cyrillic, Chinese, the ellipsis) is px/2 wide;
// a line is px tall. With FontSpec{20}: 10 px a character, 20 px a line.
#pragma once

#include <cstdint>

#include "ui/text_measurer.h"

namespace gb::ui::test {

class FakeTextMeasurer final : public TextMeasurer {
 public:
  int Width(std::string_view utf8, const FontSpec& font) const override {
    int code_points = 0;
    for (char c : utf8) {
      if ((static_cast<std::uint8_t>(c) & 0xC0) != 0x80) ++code_points;
    }
    return code_points * (font.px / 2);
  }
  int LineHeight(const FontSpec& font) const override { return font.px; }
};

}  // namespace gb::ui::test
