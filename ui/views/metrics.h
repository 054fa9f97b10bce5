// Metrics: sizes on screens between the two reference panels.
//
// The screens are designed for portrait 1080x1920 and landscape 1920x1080
// (a screen wider than tall is landscape). Any other size gets the layout
// of its orientation with every length and font scaled by how much of the
// reference panel it has: scale = min(width / ref width, height / ref
// height), clamped to [0.5, 2]. So what fits the reference panel fits, and
// the reference panels themselves are drawn at scale 1 exactly.
// The shell lays out with Theme::Scaled(Scale(size)) for the same reason.
#pragma once

#include <algorithm>
#include <cmath>

#include "ui/font_spec.h"
#include "ui/geometry.h"

namespace gb::views {

inline double Scale(ui::Size size) {
  const bool landscape = size.width > size.height;
  const double w = landscape ? 1920.0 : 1080.0;
  const double h = landscape ? 1080.0 : 1920.0;
  const double s = std::min(size.width / w, size.height / h);
  return std::clamp(s, 0.5, 2.0);
}

class Metrics {
 public:
  explicit Metrics(ui::Size size) : scale_(Scale(size)), landscape_(size.width > size.height) {}

  double scale() const { return scale_; }
  bool landscape() const { return landscape_; }
  // A length of the reference panel on this screen.
  int Px(int reference) const {
    return std::max(1, static_cast<int>(std::lround(reference * scale_)));
  }
  ui::FontSpec Font(int px, ui::Weight weight = ui::Weight::kRegular) const {
    return {Px(px), weight};
  }

 private:
  double scale_;
  bool landscape_;
};

}  // namespace gb::views
