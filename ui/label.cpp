#include "ui/label.h"

#include <algorithm>

#include "ui/text_wrap.h"

namespace gb::ui {
namespace {

Color RoleColor(TextRole role, const Theme& theme) {
  switch (role) {
    case TextRole::kMuted:
      return theme.palette().muted;
    case TextRole::kAccent:
      return theme.palette().accent;
    case TextRole::kOnPrimary:
      return theme.palette().on_primary;
    case TextRole::kOnSurface:
      break;
  }
  return theme.palette().on_surface;
}

}  // namespace

Label::Label(std::string text, FontSpec font, std::string automation_id)
    : Widget(std::move(automation_id)), text_(std::move(text)), font_(font) {}

Size Label::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  lines_ = WrapText(text_, font_, constraints.max_width, max_lines_, ctx.text, ctx.hyphenator);
  line_height_ = ctx.text.LineHeight(font_);
  line_widths_.clear();
  int width = 0;
  for (const std::string& line : lines_) {
    line_widths_.push_back(ctx.text.Width(line, font_));
    width = std::max(width, line_widths_.back());
  }
  // A label never asks for more than it was offered, even when one code
  // point is wider: the parent's arithmetic stays within its bounds.
  width = std::min(width, constraints.max_width);
  return {width, line_height_ * static_cast<int>(lines_.size())};
}

void Label::OnLayout(const LayoutContext& ctx) {
  // Stretched or squeezed by the parent: the lines must follow the real width.
  if (rect().width != measured().width) {
    Measure(Constraints{rect().width, rect().height}, ctx);
  }
}

void Label::OnPaint(Painter& painter, const Theme& theme) const {
  const Color color = RoleColor(role_, theme);
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const int free = rect().width - line_widths_[i];
    int x = rect().x;
    if (align_ == Align::kCenter) x += free / 2;
    if (align_ == Align::kEnd) x += free;
    painter.DrawText({x, rect().y + line_height_ * static_cast<int>(i)}, lines_[i], font_, color);
  }
}

}  // namespace gb::ui
