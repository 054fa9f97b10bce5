#include "ui/field.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

#include "ui/text_wrap.h"

namespace gb::ui {
namespace {
constexpr int kRing = 4;
}

Field::Field(std::string value, std::string hint, std::string automation_id)
    : Widget(std::move(automation_id)), value_(std::move(value)), hint_(std::move(hint)) {
  assert(!id().empty() && "a field needs an automation id");
}

Size Field::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  font_ = ctx.theme.type().title;
  hint_font_ = ctx.theme.type().body;
  radius_ = ctx.theme.corner_radius();
  line_height_ = ctx.text.LineHeight(font_);
  const int width = constraints.max_width < Constraints::kUnbounded ? constraints.max_width : 600;
  return {width, std::max(line_height_ + 2 * ctx.theme.button_padding(), ctx.theme.touch_target())};
}

void Field::OnLayout(const LayoutContext& ctx) {
  const int room = std::max(0, rect().width - 2 * ctx.theme.button_padding());
  if (value_.empty()) {
    shown_ = Ellipsize(hint_, hint_font_, room, ctx.text);
    hint_line_height_ = ctx.text.LineHeight(hint_font_);
    return;
  }
  // The end of a long value is what was typed last: keep it in view.
  shown_ = display_.empty() ? value_ : display_;
  while (!shown_.empty() && ctx.text.Width(shown_, font_) > room) {
    std::size_t cut = 1;
    while (cut < shown_.size() && (static_cast<unsigned char>(shown_[cut]) & 0xC0) == 0x80) ++cut;
    shown_.erase(0, cut);
  }
}

void Field::OnPaint(Painter& painter, const Theme& theme) const {
  const Palette& p = theme.palette();
  const Color ring = error_ ? p.accent : focused_ ? p.primary : p.track;
  painter.FillRoundedRect(rect(), radius_, ring);
  painter.FillRoundedRect(rect().Inset(kRing), std::max(0, radius_ - kRing), p.surface);
  const bool hint = value_.empty();
  const int line = hint ? hint_line_height_ : line_height_;
  const Point at{rect().x + theme.button_padding(), rect().y + (rect().height - line) / 2};
  painter.DrawText(at, shown_, hint ? hint_font_ : font_, hint ? p.muted : p.on_surface);
}

}  // namespace gb::ui
