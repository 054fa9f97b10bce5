#include "ui/toggle.h"

#include <algorithm>
#include <cassert>

#include "ui/label.h"

namespace gb::ui {
namespace {
constexpr char kTick[] = "\xE2\x9C\x94";  // U+2714 HEAVY CHECK MARK (DejaVu Sans has it)
}  // namespace

Toggle::Toggle(std::string text, bool on, std::string automation_id, FontSpec font)
    : Widget(std::move(automation_id)), on_(on) {
  assert(!id().empty() && "a toggle needs an automation id");
  Add(std::make_unique<Label>(std::move(text), font));
}

Size Toggle::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  box_ = BoxSide(ctx.theme);
  gap_ = ctx.theme.spacing();
  tick_font_ = FontSpec{box_ * 3 / 4, Weight::kBold};
  tick_ = {ctx.text.Width(kTick, tick_font_), ctx.text.LineHeight(tick_font_)};
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
  // The font's check glyph: smooth edges, where dots of square pixels were jagged.
  painter.DrawText({box.x + (box_ - tick_.width) / 2, box.y + (box_ - tick_.height) / 2}, kTick,
                   tick_font_, p.on_primary);
}

}  // namespace gb::ui
