// Bitmap: a 1-bit monochrome image laid out the way ESC/POS raster commands
// want it: rows top to bottom, each row packed MSB first (bit 7 of byte 0 is
// the leftmost dot), rows padded to whole bytes. 1 = ink (black).
//
// A value type; copies are deep. Pixel accessors ignore coordinates outside
// the image (reads return white), so callers can clip by simply drawing.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace gb::escpos {

class Bitmap {
 public:
  Bitmap() = default;  // 0 x 0
  // All white. Negative sizes are treated as 0.
  Bitmap(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }
  int stride() const { return stride_; }  // bytes per row = ceil(width / 8)
  bool empty() const { return width_ == 0 || height_ == 0; }

  bool Get(int x, int y) const;
  void Set(int x, int y, bool ink);
  // Sets every pixel of the rectangle (clipped) to ink.
  void FillRect(int x, int y, int w, int h, bool ink);

  // ORs the ink of src into this image with src's top-left at (dx, dy);
  // clipped. White pixels of src leave this image unchanged.
  void Blit(const Bitmap& src, int dx, int dy);

  // Appends white rows (or drops rows when new_height is smaller).
  void ResizeHeight(int new_height);

  // The packed bytes of row y. REQUIRES: 0 <= y < height().
  std::span<const std::uint8_t> Row(int y) const;
  // REQUIRES: 0 <= y < height(); writers keep the padding bits of the last
  // byte zero (operator== and CountInk rely on it).
  std::span<std::uint8_t> MutableRow(int y);
  const std::vector<std::uint8_t>& bytes() const { return bits_; }

  // Each pixel becomes an sx by sy block. REQUIRES: sx, sy >= 1.
  Bitmap Scaled(int sx, int sy) const;
  // The rectangle (clipped to the image); may be empty.
  Bitmap Crop(int x, int y, int w, int h) const;

  // Number of ink pixels.
  int CountInk() const;
  // The columns [first, last + 1) that hold ink in rows [y0, y1) (clipped);
  // {0, 0} when those rows are blank.
  std::pair<int, int> InkColumns(int y0, int y1) const;

  // Same size and same pixels (padding bits are always kept zero).
  bool operator==(const Bitmap& other) const = default;

 private:
  int width_ = 0;
  int height_ = 0;
  int stride_ = 0;
  std::vector<std::uint8_t> bits_;
};

}  // namespace gb::escpos
