// GrayImage: 8-bit grey pixels, the form in which the virtual printer's
// output is stored as PNG. ComposeJobImage lays the pages of one job out
// top to bottom with a grey dashed line where the paper was cut. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "drivers/escpos/bitmap.h"
#include "drivers/virtual/page_canvas.h"

namespace gb::virtual_printer {

inline constexpr std::uint8_t kPaper = 255;
inline constexpr std::uint8_t kInk = 0;
inline constexpr std::uint8_t kCutMark = 160;
// Rows added after each cut page; the dashed cut line is in the middle.
inline constexpr int kCutGapRows = 9;

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, width * height

  std::uint8_t At(int x, int y) const {
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                  static_cast<std::size_t>(x)];
  }
};

// Ink black, paper white.
GrayImage ToGray(const escpos::Bitmap& bitmap);
// Pixels darker than 128 become ink, so grey cut marks are paper.
escpos::Bitmap ToBitmap(const GrayImage& image);

// All pages of a job in one image, width_dots wide. A job with no pages
// gives one white row (PNG cannot hold an empty image).
GrayImage ComposeJobImage(std::span<const Page> pages, int width_dots);

}  // namespace gb::virtual_printer
