// The virtual printer's resident font: printable ASCII (0x20..0x7E) drawn
// from a classic 5x7 dot-matrix table (plus two descender rows), scaled 2x3
// into the 12x24 cell of ESC/POS font A. Not Epson's font, only something
// legible in a PNG. Pure.
#pragma once

#include "drivers/escpos/bitmap.h"

namespace gb::virtual_printer {

inline constexpr int kCellWidth = 12;  // font A cell, dots
inline constexpr int kCellHeight = 24;
// Descenders (g j p q y) reach this far below the cell, into the line gap.
inline constexpr int kGlyphDescent = 3;

// Draws c with the cell's top-left at (x, y), each cell dot scaled by
// (sx, sy) as GS ! magnification does. Bold strikes the glyph a second time
// one dot (times sx) to the right, as emphasised mode does. Characters
// outside 0x20..0x7E draw as '?'. Clipped to the page.
void DrawChar(escpos::Bitmap& page, int x, int y, char c, int sx, int sy, bool bold);

}  // namespace gb::virtual_printer
