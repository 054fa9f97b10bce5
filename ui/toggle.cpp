#include "ui/toggle.h"

#include <algorithm>
#include <cassert>

#include "ui/label.h"

namespace gb::ui {

Toggle::Toggle(std::string text, bool on, std::string automation_id, FontSpec font)
    : Widget(std::move(automation_id)), on_(on) {
  assert(!id().empty() && "a toggle needs an automation id");
  Add(std::make_unique<Label>(std::move(text), font));
}

Size Toggle::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  box_ = BoxSide(ctx.theme);
  gap_ = ctx.theme.spacing();
  const int room = constraints.max_width < Constraints::kUnbounded
                       ? std::max(0, constraints.max_width - box_ - gap_)
                       : Constraints::kUnbounded;
  const Size text = children().front()->Measure({room, constraints.max_height}, ctx);
  return {box_ + gap_ + text.width, std::max(box_, text.height)};
}

void Toggle::OnLayout(const LayoutContext& ctx) {
  const Rect r = rect();
  children().front()->Layout({r.x + box_ + gap_, r.y, std::max(0, r.width - box_ - gap_), r.height},
                             ctx);
}

void Toggle::OnPaint(Painter& painter, const Theme& theme) const {
  const Palette& p = theme.palette();
  const Rect box{rect().x, rect().y, box_, box_};
  painter.FillRoundedRect(box, 12, p.primary);
  if (!on_) {
    painter.FillRoundedRect(box.Inset(5), 8, p.surface);
    return;
  }
  // A tick from two strokes of square dots: no glyph or geometry needed.
  const int u = std::max(2, box_ / 12);
  const Color ink = p.on_primary;
  for (int i = 0; i <= 3; ++i) {
    painter.FillRoundedRect({box.x + 2 * u + i * u, box.y + 6 * u + i * u, 2 * u, 2 * u}, 0, ink);
  }
  for (int i = 0; i <= 5; ++i) {
    painter.FillRoundedRect({box.x + 5 * u + i * u, box.y + 8 * u - i * u, 2 * u, 2 * u}, 0, ink);
  }
}

}  // namespace gb::ui
