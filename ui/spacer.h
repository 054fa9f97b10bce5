// Spacer: an empty widget of a fixed size, for room between things or an
// invisible touch area (the staff corner). With flex > 0 in a Row or Column
// it takes its share of the free space instead.
#pragma once

#include <algorithm>
#include <string>

#include "ui/widget.h"

namespace gb::ui {

class Spacer final : public Widget {
 public:
  Spacer(Size size, std::string automation_id = {})
      : Widget(std::move(automation_id)), size_(size) {}

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& /*ctx*/) override {
    return {std::min(size_.width, constraints.max_width),
            std::min(size_.height, constraints.max_height)};
  }

 private:
  Size size_;
};

}  // namespace gb::ui
