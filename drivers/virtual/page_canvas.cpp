#include "drivers/virtual/page_canvas.h"

#include <algorithm>
#include <utility>

#include "drivers/virtual/bitmap_font.h"

namespace gb::virtual_printer {
namespace {

int AlignOffset(int align, int paper, int content) {
  const int slack = std::max(paper - content, 0);
  if (align == 1) return slack / 2;
  if (align == 2) return slack;
  return 0;
}

}  // namespace

PageCanvas::PageCanvas(int width_dots) : width_(std::max(width_dots, 8)), page_(width_, 0) {}

int PageCanvas::LineWidth() const {
  int w = 0;
  for (const Glyph& g : line_) w += kCellWidth * g.style.scale_x;
  return w;
}

bool PageCanvas::Grow(int rows) {
  if (total_rows_ + y_ + rows > kMaxRows) {
    overflowed_ = true;
    return false;
  }
  if (y_ + rows > page_.height()) page_.ResizeHeight(y_ + rows);
  return true;
}

void PageCanvas::AddChar(char c, CharStyle style, int align, int line_spacing) {
  if (!line_.empty() && LineWidth() + kCellWidth * style.scale_x > width_) {
    PrintLine(align, line_spacing);
  }
  line_.push_back({c, style});
}

void PageCanvas::PrintLine(int align, int line_spacing) {
  int tallest = 0;
  int descent = 0;
  for (const Glyph& g : line_) {
    tallest = std::max(tallest, kCellHeight * g.style.scale_y);
    descent = std::max(descent, kGlyphDescent * g.style.scale_y);
  }
  // Descenders of tall characters must not reach into the next line.
  const int advance = std::max(line_spacing, line_.empty() ? 0 : tallest + descent);
  if (Grow(advance)) {
    int x = AlignOffset(align, width_, LineWidth());
    for (const Glyph& g : line_) {
      // Characters of different heights share the baseline (the line bottom).
      const int top = y_ + tallest - kCellHeight * g.style.scale_y;
      DrawChar(page_, x, top, g.c, g.style.scale_x, g.style.scale_y, g.style.bold);
      x += kCellWidth * g.style.scale_x;
    }
    y_ += advance;
  }
  line_.clear();
}

void PageCanvas::FeedDots(int dots) {
  if (dots > 0 && Grow(dots)) y_ += dots;
}

bool PageCanvas::PlaceImage(const escpos::Bitmap& image, int align) {
  if (Grow(image.height())) {
    page_.Blit(image, AlignOffset(align, width_, image.width()), y_);
    y_ += image.height();
  }
  return image.width() <= width_;
}

void PageCanvas::Cut() {
  page_.ResizeHeight(y_);
  total_rows_ += y_;
  pages_.push_back({std::move(page_), true});
  page_ = escpos::Bitmap(width_, 0);
  y_ = 0;
}

std::vector<Page> PageCanvas::Finish() {
  if (y_ > 0) {
    page_.ResizeHeight(y_);
    pages_.push_back({std::move(page_), false});
    page_ = escpos::Bitmap(width_, 0);
    y_ = 0;
  }
  return std::move(pages_);
}

}  // namespace gb::virtual_printer
