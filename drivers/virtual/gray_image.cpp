#include "drivers/virtual/gray_image.h"

#include <algorithm>

namespace gb::virtual_printer {

GrayImage ToGray(const escpos::Bitmap& bitmap) {
  GrayImage out{bitmap.width(), bitmap.height(), {}};
  out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height),
                    kPaper);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      if (bitmap.Get(x, y)) {
        out.pixels[static_cast<std::size_t>(y * out.width + x)] = kInk;
      }
    }
  }
  return out;
}

escpos::Bitmap ToBitmap(const GrayImage& image) {
  escpos::Bitmap out(image.width, image.height);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      if (image.At(x, y) < 128) out.Set(x, y, true);
    }
  }
  return out;
}

GrayImage ComposeJobImage(std::span<const Page> pages, int width_dots) {
  int height = 0;
  for (const Page& p : pages) height += p.image.height() + (p.cut ? kCutGapRows : 0);
  GrayImage out{width_dots, std::max(height, 1), {}};
  out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height),
                    kPaper);
  int top = 0;
  for (const Page& p : pages) {
    const int w = std::min(width_dots, p.image.width());
    for (int y = 0; y < p.image.height(); ++y) {
      for (int x = 0; x < w; ++x) {
        if (p.image.Get(x, y))
          out.pixels[static_cast<std::size_t>((top + y) * width_dots + x)] = kInk;
      }
    }
    top += p.image.height();
    if (p.cut) {
      const int mark = top + kCutGapRows / 2;
      for (int x = 0; x < width_dots; ++x) {
        // 8 on, 4 off: reads as scissors' dashes, not as printed ink.
        if (x % 12 < 8) out.pixels[static_cast<std::size_t>(mark * width_dots + x)] = kCutMark;
      }
      top += kCutGapRows;
    }
  }
  return out;
}

}  // namespace gb::virtual_printer
