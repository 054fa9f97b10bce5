#include "ui/qr_image.h"

#include <algorithm>

namespace gb::ui {
namespace {
constexpr int kQuietZone = 4;  // modules (ISO 18004)
}

QrImage::QrImage(std::vector<std::uint8_t> modules, int size, int side, std::string automation_id)
    : Widget(std::move(automation_id)), modules_(std::move(modules)), size_(size), side_(side) {
  if (size_ < 0 ||
      modules_.size() != static_cast<std::size_t>(size_) * static_cast<std::size_t>(size_)) {
    size_ = 0;
    modules_.clear();
  }
}

int QrImage::ModulePixels() const {
  if (size_ == 0) return 0;
  return std::min(rect().width, rect().height) / (size_ + 2 * kQuietZone);
}

Size QrImage::OnMeasure(const Constraints& constraints, const LayoutContext& /*ctx*/) {
  const int side = std::min({side_, constraints.max_width, constraints.max_height});
  return {side, side};
}

void QrImage::OnPaint(Painter& painter, const Theme& /*theme*/) const {
  const int m = ModulePixels();
  const int side = std::min(rect().width, rect().height);
  const int x0 = rect().x + (rect().width - side) / 2;
  const int y0 = rect().y + (rect().height - side) / 2;
  painter.FillRoundedRect({x0, y0, side, side}, 0, {0xFF, 0xFF, 0xFF, 0xFF});
  if (m == 0) return;
  const int symbol = m * size_;
  const int sx = x0 + (side - symbol) / 2;
  const int sy = y0 + (side - symbol) / 2;
  const Color ink{0x00, 0x00, 0x00, 0xFF};
  for (int y = 0; y < size_; ++y) {
    int x = 0;
    while (x < size_) {
      const auto at = [&](int col) {
        return modules_[static_cast<std::size_t>(y) * static_cast<std::size_t>(size_) +
                        static_cast<std::size_t>(col)] != 0;
      };
      if (!at(x)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < size_ && at(end)) ++end;
      painter.FillRoundedRect({sx + x * m, sy + y * m, (end - x) * m, m}, 0, ink);
      x = end;
    }
  }
}

}  // namespace gb::ui
