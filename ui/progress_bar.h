// ProgressBar: a horizontal bar filled to value/max, e.g. "7 of 10 joined".
//
// Values are clamped: max below 0 counts as 0, value to [0, max]; with
// max == 0 the bar is empty. It takes the whole width it is offered (a
// touch target's width when unbounded) and the theme's progress height.
#pragma once

#include <string>

#include "ui/widget.h"

namespace gb::ui {

class ProgressBar final : public Widget {
 public:
  explicit ProgressBar(std::string automation_id = {});

  void Set(int current, int total);
  int value() const { return value_; }
  int max() const { return max_; }
  // value / max in [0, 1]; 0 when max is 0.
  double Fraction() const;
  // Width in pixels of the filled part for the current rect.
  int FilledWidth() const;

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  int value_ = 0;
  int max_ = 0;
};

}  // namespace gb::ui
