#include "ui/box.h"

#include <algorithm>
#include <vector>

namespace gb::ui {
namespace {

int Sub(int bound, int used) {
  // Unbounded stays unbounded, so nested columns never overflow INT_MAX.
  if (bound >= Constraints::kUnbounded) return Constraints::kUnbounded;
  return std::max(0, bound - used);
}

}  // namespace

Box::Box(Axis axis, std::string automation_id) : Widget(std::move(automation_id)), axis_(axis) {}

// The main-axis sizes the flexible children get out of `free`, by weight.
std::vector<int> Box::FlexShares(int free) const {
  const auto& kids = children();
  int total_flex = 0;
  std::size_t last_flex = kids.size();
  for (std::size_t i = 0; i < kids.size(); ++i) {
    total_flex += kids[i]->flex();
    if (kids[i]->flex() > 0) last_flex = i;
  }
  std::vector<int> shares(kids.size(), 0);
  int handed_out = 0;
  for (std::size_t i = 0; i < kids.size() && total_flex > 0; ++i) {
    if (kids[i]->flex() == 0) continue;
    const long long exact = static_cast<long long>(free) * kids[i]->flex() / total_flex;
    shares[i] = i == last_flex ? free - handed_out : static_cast<int>(exact);
    handed_out += shares[i];
  }
  return shares;
}

Size Box::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  const bool horizontal = axis_ == Axis::kHorizontal;
  const int max_main =
      Sub(horizontal ? constraints.max_width : constraints.max_height, 2 * padding_);
  const int max_cross =
      Sub(horizontal ? constraints.max_height : constraints.max_width, 2 * padding_);
  const auto& kids = children();
  auto measure = [&](Widget& kid, int room) {
    const Constraints c = horizontal ? Constraints{room, max_cross} : Constraints{max_cross, room};
    return kid.Measure(c, ctx);
  };
  int main = kids.empty() ? 0 : spacing_ * static_cast<int>(kids.size() - 1);
  int cross = 0;
  bool any_flex = false;
  for (const auto& kid : kids) {
    if (kid->flex() > 0) {
      any_flex = true;
      continue;
    }
    const Size s = measure(*kid, Sub(max_main, main));
    main += Main(s);
    cross = std::max(cross, Cross(s));
  }
  if (any_flex) {
    const bool bounded = max_main < Constraints::kUnbounded;
    const std::vector<int> shares = FlexShares(bounded ? Sub(max_main, main) : 0);
    int flex_main = 0;
    for (std::size_t i = 0; i < kids.size(); ++i) {
      if (kids[i]->flex() == 0) continue;
      const Size s = measure(*kids[i], bounded ? shares[i] : Constraints::kUnbounded);
      flex_main += Main(s);
      cross = std::max(cross, Cross(s));
    }
    main = bounded ? std::max(max_main, main + flex_main) : main + flex_main;
  }
  main += 2 * padding_;
  cross += 2 * padding_;
  return horizontal ? Size{main, cross} : Size{cross, main};
}

void Box::OnLayout(const LayoutContext& ctx) {
  const bool horizontal = axis_ == Axis::kHorizontal;
  const Rect inner = rect().Inset(padding_);
  const int inner_main = horizontal ? inner.width : inner.height;
  const int inner_cross = horizontal ? inner.height : inner.width;
  const auto& kids = children();

  int fixed = kids.empty() ? 0 : spacing_ * static_cast<int>(kids.size() - 1);
  for (const auto& kid : kids) {
    if (kid->flex() == 0) fixed += Main(kid->measured());
  }
  const std::vector<int> shares = FlexShares(std::max(0, inner_main - fixed));

  int pos = horizontal ? inner.x : inner.y;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    Widget& kid = *kids[i];
    const int main = kid.flex() > 0 ? shares[i] : Main(kid.measured());
    int cross = inner_cross;
    int offset = 0;
    if (cross_align_ != CrossAlign::kStretch) {
      cross = std::min(Cross(kid.measured()), inner_cross);
      if (cross_align_ == CrossAlign::kCenter) offset = (inner_cross - cross) / 2;
      if (cross_align_ == CrossAlign::kEnd) offset = inner_cross - cross;
    }
    const Rect r = horizontal ? Rect{pos, inner.y + offset, main, cross}
                              : Rect{inner.x + offset, pos, cross, main};
    kid.Layout(r, ctx);
    pos += main + spacing_;
  }
}

void Box::OnPaint(Painter& painter, const Theme& theme) const {
  if (fill_) return painter.FillRoundedRect(rect(), corner_radius_, *fill_);
  if (surface_ == Surface::kNone) return;
  const Color c = surface_ == Surface::kCard ? theme.palette().surface : theme.palette().background;
  painter.FillRoundedRect(rect(), corner_radius_, c);
}

}  // namespace gb::ui
