#include "ui/progress_bar.h"

#include <algorithm>

namespace gb::ui {

ProgressBar::ProgressBar(std::string automation_id) : Widget(std::move(automation_id)) {}

void ProgressBar::Set(int current, int total) {
  max_ = std::max(0, total);
  value_ = std::clamp(current, 0, max_);
}

double ProgressBar::Fraction() const {
  return max_ == 0 ? 0.0 : static_cast<double>(value_) / static_cast<double>(max_);
}

int ProgressBar::FilledWidth() const {
  // Integer arithmetic, so a full bar is exactly full and renders are exact.
  if (max_ == 0) return 0;
  return static_cast<int>(static_cast<long long>(rect().width) * value_ / max_);
}

Size ProgressBar::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  const int width = constraints.max_width >= Constraints::kUnbounded ? ctx.theme.touch_target()
                                                                     : constraints.max_width;
  return {width, ctx.theme.progress_height()};
}

void ProgressBar::OnPaint(Painter& painter, const Theme& theme) const {
  const int radius = rect().height / 2;
  painter.FillRoundedRect(rect(), radius, theme.palette().track);
  const int filled = FilledWidth();
  if (filled > 0) {
    painter.FillRoundedRect({rect().x, rect().y, filled, rect().height}, radius,
                            theme.palette().primary);
  }
}

}  // namespace gb::ui
