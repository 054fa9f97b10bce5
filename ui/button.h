// Button: a one-line caption on a rounded plate; the kiosk's only control.
//
// Never smaller than Theme::kMinTouchTarget in either dimension, whatever
// the constraints say (a finger does not shrink with the screen). Its
// caption is ellipsized when the rect is too narrow.
// A disabled button is never pressed: set_enabled(false) releases it and
// set_pressed(true) is ignored while disabled. The app decides what a tap
// does; hit testing still finds a disabled button by its id.
#pragma once

#include <string>

#include "ui/widget.h"

namespace gb::ui {

class Button final : public Widget {
 public:
  // REQUIRES: automation_id is not empty (every control is addressable).
  Button(std::string caption, std::string automation_id);

  const std::string& caption() const { return caption_; }
  bool enabled() const { return enabled_; }
  bool pressed() const { return pressed_; }
  Button& set_caption(std::string caption) {
    caption_ = std::move(caption);
    return *this;
  }
  Button& set_enabled(bool enabled);
  // Horizontal padding around the caption; negative (the default) means the
  // theme's button_padding. Keyboard keys use a small one.
  Button& set_padding(int px) {
    padding_ = px;
    return *this;
  }
  // A secondary button: the card colour with primary-coloured text.
  bool secondary() const { return secondary_; }
  Button& set_secondary(bool secondary) {
    secondary_ = secondary;
    return *this;
  }
  std::string AutomationText() const override { return caption_; }
  Button& set_pressed(bool pressed);

  // The caption as painted after the last Layout (ellipsized if needed).
  const std::string& shown_caption() const { return shown_; }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnLayout(const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  std::string caption_;
  bool enabled_ = true;
  bool pressed_ = false;
  std::string shown_;
  int shown_width_ = 0;
  int line_height_ = 0;
  FontSpec font_{};
  int radius_ = 0;
  int padding_ = -1;
  bool secondary_ = false;
};

}  // namespace gb::ui
