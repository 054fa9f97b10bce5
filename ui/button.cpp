#include "ui/button.h"

#include <algorithm>
#include <cassert>

#include "ui/text_wrap.h"

namespace gb::ui {

Button::Button(std::string caption, std::string automation_id)
    : Widget(std::move(automation_id)), caption_(std::move(caption)) {
  assert(!id().empty() && "a button needs an automation id");
}

Button& Button::set_enabled(bool enabled) {
  enabled_ = enabled;
  if (!enabled_) pressed_ = false;
  return *this;
}

Button& Button::set_pressed(bool pressed) {
  pressed_ = pressed && enabled_;
  return *this;
}

Size Button::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  font_ = ctx.theme.type().label;
  radius_ = ctx.theme.corner_radius();
  const int pad = padding_ >= 0 ? padding_ : ctx.theme.button_padding();
  line_height_ = ctx.text.LineHeight(font_);
  const int min = ctx.theme.touch_target();
  const int width = std::min(ctx.text.Width(caption_, font_) + 2 * pad, constraints.max_width);
  // Half the padding vertically: a caption line already carries its leading.
  return {std::max(width, min), std::max(line_height_ + pad, min)};
}

void Button::OnLayout(const LayoutContext& ctx) {
  const int pad = padding_ >= 0 ? padding_ : ctx.theme.button_padding();
  const int room = std::max(0, rect().width - 2 * pad);
  shown_ = Ellipsize(caption_, font_, room, ctx.text);
  shown_width_ = ctx.text.Width(shown_, font_);
}

void Button::OnPaint(Painter& painter, const Theme& theme) const {
  const Palette& p = theme.palette();
  Color plate = !enabled_ ? p.disabled : pressed_ ? p.primary_pressed : p.primary;
  Color ink = enabled_ ? p.on_primary : p.on_disabled;
  if (secondary_ && enabled_ && !pressed_) {
    // A primary-coloured ring around a card-coloured plate.
    painter.FillRoundedRect(rect(), radius_, p.primary);
    plate = p.surface;
    ink = p.primary;
    painter.FillRoundedRect(rect().Inset(4), std::max(0, radius_ - 4), plate);
    const Point at{rect().x + (rect().width - shown_width_) / 2,
                   rect().y + (rect().height - line_height_) / 2};
    return painter.DrawText(at, shown_, font_, ink);
  }
  painter.FillRoundedRect(rect(), radius_, plate);
  const Point at{rect().x + (rect().width - shown_width_) / 2,
                 rect().y + (rect().height - line_height_) / 2};
  painter.DrawText(at, shown_, font_, ink);
}

}  // namespace gb::ui
