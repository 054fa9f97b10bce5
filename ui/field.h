// Field: a tappable one-line input box that shows what was typed (or a
// muted hint when empty). Typing happens on the Keypad or Keyboard; the app
// owns the text and rebuilds the field. A focused field has a primary ring,
// a field in error an accent ring.
// AutomationText is the value (not the hint, nor a display text).
#pragma once

#include <string>

#include "ui/font_spec.h"
#include "ui/widget.h"

namespace gb::ui {

class Field final : public Widget {
 public:
  // REQUIRES: automation_id is not empty.
  Field(std::string value, std::string hint, std::string automation_id);

  Field& set_focused(bool focused) {
    focused_ = focused;
    return *this;
  }
  Field& set_error(bool error) {
    error_ = error;
    return *this;
  }
  // What is painted instead of the value, when it is not empty (a phone
  // number grouped as typed); scripts still read the value.
  Field& set_display(std::string text) {
    display_ = std::move(text);
    return *this;
  }
  const std::string& value() const { return value_; }
  std::string AutomationText() const override { return value_; }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnLayout(const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  std::string value_;
  std::string hint_;
  std::string display_;
  bool focused_ = false;
  bool error_ = false;
  FontSpec font_{};
  FontSpec hint_font_{};
  std::string shown_;
  int line_height_ = 0;
  int hint_line_height_ = 0;
  int radius_ = 0;
};

}  // namespace gb::ui
