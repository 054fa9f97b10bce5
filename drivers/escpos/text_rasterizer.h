// TextRasterizer: the seam between the pure builder and a font engine.
//
// Receipt printers only have glyphs for ASCII that we trust (see
// PrinterQuirks::ascii_only_text); lines in other scripts are drawn on the
// host and sent as raster images. The builder asks an implementation of this
// interface for the pixels, so it never includes a font library itself.
// drivers/text/ttf_rasterizer.h is the SDL2_ttf implementation; tests may use
// fakes.
#pragma once

#include <string_view>

#include "core/base/result.h"
#include "drivers/escpos/bitmap.h"

namespace gb::escpos {

class TextRasterizer {
 public:
  virtual ~TextRasterizer() = default;

  // Renders UTF-8 text black on white, one line of text every px_height rows,
  // wrapping at word boundaries (or anywhere inside over-long words and
  // between CJK characters) so that no line is wider than max_width.
  // Returns an image max_width wide or narrower, and px_height times the
  // number of lines tall. Empty text gives a 0-wide, px_height-tall image.
  // REQUIRES: px_height >= 8, max_width >= 1.
  // Implementations need not be thread-safe; const means "no visible state".
  virtual base::Result<Bitmap> Render(std::string_view utf8, int px_height, bool bold,
                                      int max_width) const = 0;
};

}  // namespace gb::escpos
