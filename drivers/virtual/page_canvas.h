// PageCanvas: the paper of the virtual printer. It keeps the line buffer of
// resident-font characters, lays lines out with their alignment, places
// raster images, feeds, and cuts the paper into pages. Pure.
//
// The paper is profile-wide. The total length is capped (kMaxRows) so that
// no input, however hostile, can make the canvas allocate without bound;
// drawing beyond the cap is dropped and reported through overflowed().
// Thread-compatible.
#pragma once

#include <vector>

#include "drivers/escpos/bitmap.h"

namespace gb::virtual_printer {

struct Page {
  escpos::Bitmap image;
  bool cut = false;  // ended by a cut (false: the job ended)
};

struct CharStyle {
  bool bold = false;
  int scale_x = 1;  // 1..8
  int scale_y = 1;  // 1..8
};

class PageCanvas {
 public:
  // About 12 m of paper at 203 dpi.
  static constexpr int kMaxRows = 100000;

  explicit PageCanvas(int width_dots);

  // Adds a character to the line buffer; a full line is printed first with
  // the given alignment and spacing, as printers wrap long lines.
  void AddChar(char c, CharStyle style, int align, int line_spacing);
  bool line_empty() const { return line_.empty(); }
  // Drops the line buffer unprinted (ESC @ does this).
  void ClearLine() { line_.clear(); }
  // Prints the line buffer and feeds by max(line_spacing, tallest
  // character with its descent); an empty buffer just feeds line_spacing. align: 0 left,
  // 1 center, 2 right.
  void PrintLine(int align, int line_spacing);
  void FeedDots(int dots);
  // Places an image at the current position and advances by its height.
  // Returns false if the image was wider than the paper (it is clipped on
  // the right, as printers discard dots outside the print area).
  bool PlaceImage(const escpos::Bitmap& image, int align);
  // Ends the current page.
  void Cut();
  // Ends the job: the open page is kept if anything was fed or drawn on it.
  // The line buffer is not printed (printers hold it until a line end).
  // Call once; the canvas is spent afterwards.
  std::vector<Page> Finish();

  bool overflowed() const { return overflowed_; }
  int width() const { return width_; }

 private:
  struct Glyph {
    char c;
    CharStyle style;
  };
  int LineWidth() const;
  // Makes room for rows more rows; false once the length cap is reached.
  bool Grow(int rows);

  int width_;
  escpos::Bitmap page_;
  int y_ = 0;
  int total_rows_ = 0;  // rows of all finished pages
  bool overflowed_ = false;
  std::vector<Glyph> line_;
  std::vector<Page> pages_;
};

}  // namespace gb::virtual_printer
