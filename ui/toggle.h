// Toggle: a check box with a sentence beside it (the shopper's consent).
// The whole widget is one touch target; the app flips the state on a tap
// and rebuilds. AutomationText is "on" or "off".
#pragma once

#include <string>

#include "ui/font_spec.h"
#include "ui/widget.h"

namespace gb::ui {

class Toggle final : public Widget {
 public:
  // REQUIRES: automation_id is not empty.
  Toggle(std::string text, bool on, std::string automation_id, FontSpec font = FontSpec{40});

  bool on() const { return on_; }
  std::string AutomationText() const override { return on_ ? "on" : "off"; }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnLayout(const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  int BoxSide(const Theme& theme) const { return theme.touch_target() + 16; }
  bool on_;
  int box_ = 64;
  int gap_ = 24;
  // The tick is the font's HEAVY CHECK MARK, anti-aliased like all text,
  // centred in the box by its measured size.
  FontSpec tick_font_{};
  Size tick_{};
};

}  // namespace gb::ui
