// Color: 8-bit straight (not premultiplied) RGBA. Pure value.
#pragma once

#include <cstdint>

namespace gb::ui {

struct Color {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;
  friend bool operator==(const Color&, const Color&) = default;
};

}  // namespace gb::ui
