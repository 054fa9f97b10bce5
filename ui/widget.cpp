#include "ui/widget.h"

#include <algorithm>

namespace gb::ui {

Widget::Widget(std::string automation_id) : id_(std::move(automation_id)) {}
Widget::~Widget() = default;

Size Widget::Measure(const Constraints& constraints, const LayoutContext& ctx) {
  measured_ = OnMeasure(constraints, ctx);
  return measured_;
}

void Widget::Layout(const Rect& rect, const LayoutContext& ctx) {
  rect_ = rect;
  OnLayout(ctx);
}

void Widget::Paint(Painter& painter, const Theme& theme) const {
  OnPaint(painter, theme);
  for (const auto& child : children_) child->Paint(painter, theme);
}

const Widget* Widget::HitTest(Point p) const {
  if (!rect_.Contains(p)) return nullptr;
  // Children are not clipped to their parent, but a child outside its parent
  // is a layout bug; testing the parent first keeps a miss cheap.
  for (auto it = children_.rbegin(); it != children_.rend(); ++it) {
    if (const Widget* hit = (*it)->HitTest(p)) return hit;
  }
  return id_.empty() ? nullptr : this;
}

std::optional<std::string> Widget::HitTestId(Point p) const {
  const Widget* hit = HitTest(p);
  if (hit == nullptr) return std::nullopt;
  return hit->id();
}

const Widget* Widget::FindById(std::string_view id) const {
  if (id_ == id) return this;
  for (const auto& child : children_) {
    if (const Widget* found = child->FindById(id)) return found;
  }
  return nullptr;
}

std::string Widget::AutomationText() const {
  std::string out;
  for (const auto& child : children_) {
    std::string text = child->AutomationText();
    if (text.empty()) continue;
    if (!out.empty()) out += '\n';
    out += text;
  }
  return out;
}

Size Widget::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  Size size;
  for (const auto& child : children_) {
    const Size s = child->Measure(constraints, ctx);
    size.width = std::max(size.width, s.width);
    size.height = std::max(size.height, s.height);
  }
  return size;
}

void Widget::OnLayout(const LayoutContext& ctx) {
  for (const auto& child : children_) child->Layout(rect_, ctx);
}

void Widget::OnPaint(Painter& /*painter*/, const Theme& /*theme*/) const {}

}  // namespace gb::ui
