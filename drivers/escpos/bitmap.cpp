#include "drivers/escpos/bitmap.h"

#include <algorithm>
#include <array>
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
  if (x0 >= x1) return;
  // Whole bytes are filled at once; only the partial bytes at each end go dot
  // by dot. Receipts fill bars and rules hundreds of dots wide.
  const int full_begin = (x0 + 7) / 8, full_end = x1 / 8;
  for (int yy = y0; yy < y1; ++yy) {
    if (full_begin >= full_end) {
      for (int xx = x0; xx < x1; ++xx) Set(xx, yy, ink);
      continue;
    }
    for (int xx = x0; xx < full_begin * 8; ++xx) Set(xx, yy, ink);
    auto row = MutableRow(yy);
    std::fill(row.begin() + full_begin, row.begin() + full_end, ink ? 0xFF : 0x00);
    for (int xx = full_end * 8; xx < x1; ++xx) Set(xx, yy, ink);
  }
}

void Bitmap::Blit(const Bitmap& src, int dx, int dy) {
  const int y0 = std::max(0, -dy), y1 = std::min(src.height_, height_ - dy);
  const int x0 = std::max(0, -dx), x1 = std::min(src.width_, width_ - dx);
  if (x0 == 0 && x1 == src.width_ && dx >= 0) {
    // Unclipped: OR whole source bytes, shifted into place. The source's
    // padding bits are zero, so whatever lands past its width adds no ink.
    const int shift = dx % 8;
    const size_t first = static_cast<size_t>(dx / 8);
    for (int y = y0; y < y1; ++y) {
      std::span<const std::uint8_t> from = src.Row(y);
      std::span<std::uint8_t> to = MutableRow(y + dy);
      for (size_t i = 0; i < from.size(); ++i) {
        const unsigned b = from[i];
        if (b == 0) continue;
        to[first + i] = static_cast<std::uint8_t>(to[first + i] | (b >> shift));
        if (shift != 0 && first + i + 1 < to.size()) {
          to[first + i + 1] = static_cast<std::uint8_t>(to[first + i + 1] | ((b << (8 - shift)) & 0xFF));
        }
      }
    }
    return;
  }
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
  if (sx == 2) {
    // Double width (ESC/POS double-width text): each byte becomes two, every
    // bit doubled, through a table; then each row is repeated sy times.
    static const std::array<std::uint16_t, 256> kDouble = [] {
      std::array<std::uint16_t, 256> t{};
      for (unsigned v = 0; v < 256; ++v) {
        unsigned d = 0;
        for (int bit = 0; bit < 8; ++bit) {
          if ((v >> bit) & 1U) d |= 3U << (2 * bit);
        }
        t[v] = static_cast<std::uint16_t>(d);
      }
      return t;
    }();
    for (int y = 0; y < height_; ++y) {
      std::span<const std::uint8_t> from = Row(y);
      std::span<std::uint8_t> to = out.MutableRow(y * sy);
      for (size_t i = 0; i < from.size(); ++i) {
        const std::uint16_t d = kDouble[from[i]];
        to[2 * i] = static_cast<std::uint8_t>(d >> 8);
        if (2 * i + 1 < to.size()) to[2 * i + 1] = static_cast<std::uint8_t>(d & 0xFF);
      }
      for (int k = 1; k < sy; ++k) {
        std::span<std::uint8_t> copy = out.MutableRow(y * sy + k);
        std::copy(to.begin(), to.end(), copy.begin());
      }
    }
    return out;
  }
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
  if (out.empty()) return out;
  // A byte at a time, shifted: receipts crop every centred line of text.
  const auto first = static_cast<size_t>(x0 / 8);
  const int shift = x0 % 8;
  const int tail = out.width_ % 8;  // dots used in the last byte; 0: all 8
  const auto last_mask = static_cast<std::uint8_t>(tail == 0 ? 0xFF : 0xFF << (8 - tail));
  for (int yy = y0; yy < y1; ++yy) {
    std::span<const std::uint8_t> from = Row(yy);
    std::span<std::uint8_t> to = out.MutableRow(yy - y0);
    for (size_t i = 0; i < to.size(); ++i) {
      const unsigned hi = from[first + i];
      const unsigned lo = first + i + 1 < from.size() ? from[first + i + 1] : 0u;
      to[i] = static_cast<std::uint8_t>(((hi << shift) | (lo >> (8 - shift))) & 0xFF);
    }
    to[to.size() - 1] = static_cast<std::uint8_t>(to[to.size() - 1] & last_mask);
  }
  return out;
}

std::pair<int, int> Bitmap::InkColumns(int y0, int y1) const {
  y0 = std::max(y0, 0);
  y1 = std::min(y1, height_);
  int left = width_, right = -1;
  for (int y = y0; y < y1; ++y) {
    std::span<const std::uint8_t> row = Row(y);
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i] == 0) continue;
      left = std::min(left, static_cast<int>(i) * 8 + std::countl_zero(row[i]));
      break;
    }
    for (size_t i = row.size(); i-- > 0;) {
      if (row[i] == 0) continue;
      right = std::max(right, static_cast<int>(i) * 8 + 7 - std::countr_zero(row[i]));
      break;
    }
  }
  return right < 0 ? std::pair{0, 0} : std::pair{left, right + 1};
}

int Bitmap::CountInk() const {
  int n = 0;
  for (std::uint8_t b : bits_) n += std::popcount(b);
  return n;
}

}  // namespace gb::escpos
