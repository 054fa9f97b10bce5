#include "drivers/escpos/bitmap.h"

#include <algorithm>
#include <bit>

namespace gb::escpos {
namespace {

std::size_t Index(int stride, int x, int y) {
  return static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) +
         static_cast<std::size_t>(x / 8);
}

std::uint8_t Mask(int x) { return static_cast<std::uint8_t>(0x80u >> (x % 8)); }

}  // namespace

Bitmap::Bitmap(int width, int height)
    : width_(std::max(width, 0)), height_(std::max(height, 0)), stride_((width_ + 7) / 8) {
  bits_.assign(static_cast<std::size_t>(stride_) * static_cast<std::size_t>(height_), 0);
}

bool Bitmap::Get(int x, int y) const {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return false;
  return (bits_[Index(stride_, x, y)] & Mask(x)) != 0;
}

void Bitmap::Set(int x, int y, bool ink) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  std::uint8_t& b = bits_[Index(stride_, x, y)];
  if (ink) {
    b = static_cast<std::uint8_t>(b | Mask(x));
  } else {
    b = static_cast<std::uint8_t>(b & ~Mask(x));
  }
}

void Bitmap::FillRect(int x, int y, int w, int h, bool ink) {
  const int x0 = std::max(x, 0), y0 = std::max(y, 0);
  const int x1 = std::min(x + w, width_), y1 = std::min(y + h, height_);
  for (int yy = y0; yy < y1; ++yy) {
    for (int xx = x0; xx < x1; ++xx) Set(xx, yy, ink);
  }
}

void Bitmap::Blit(const Bitmap& src, int dx, int dy) {
  const int y0 = std::max(0, -dy), y1 = std::min(src.height_, height_ - dy);
  const int x0 = std::max(0, -dx), x1 = std::min(src.width_, width_ - dx);
  for (int y = y0; y < y1; ++y) {
    std::span<const std::uint8_t> row = src.Row(y);
    for (int x = x0; x < x1; ++x) {
      // Skipping white bytes keeps blits of mostly empty text lines cheap.
      if (x % 8 == 0 && row[static_cast<std::size_t>(x / 8)] == 0) {
        x += 7;
        continue;
      }
      if (src.Get(x, y)) Set(x + dx, y + dy, true);
    }
  }
}

void Bitmap::ResizeHeight(int new_height) {
  height_ = std::max(new_height, 0);
  bits_.resize(static_cast<std::size_t>(stride_) * static_cast<std::size_t>(height_), 0);
}

std::span<const std::uint8_t> Bitmap::Row(int y) const {
  return std::span<const std::uint8_t>(bits_).subspan(Index(stride_, 0, y),
                                                      static_cast<std::size_t>(stride_));
}

std::span<std::uint8_t> Bitmap::MutableRow(int y) {
  return std::span<std::uint8_t>(bits_).subspan(Index(stride_, 0, y),
                                                static_cast<std::size_t>(stride_));
}

Bitmap Bitmap::Scaled(int sx, int sy) const {
  sx = std::max(sx, 1);
  sy = std::max(sy, 1);
  Bitmap out(width_ * sx, height_ * sy);
  for (int y = 0; y < height_; ++y) {
    for (int x = 0; x < width_; ++x) {
      if (Get(x, y)) out.FillRect(x * sx, y * sy, sx, sy, true);
    }
  }
  return out;
}

Bitmap Bitmap::Crop(int x, int y, int w, int h) const {
  const int x0 = std::clamp(x, 0, width_), y0 = std::clamp(y, 0, height_);
  const int x1 = std::clamp(x + std::max(w, 0), x0, width_);
  const int y1 = std::clamp(y + std::max(h, 0), y0, height_);
  Bitmap out(x1 - x0, y1 - y0);
  for (int yy = y0; yy < y1; ++yy) {
    for (int xx = x0; xx < x1; ++xx) {
      if (Get(xx, yy)) out.Set(xx - x0, yy - y0, true);
    }
  }
  return out;
}

int Bitmap::CountInk() const {
  int n = 0;
  for (std::uint8_t b : bits_) n += std::popcount(b);
  return n;
}

}  // namespace gb::escpos
