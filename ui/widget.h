// Widget: a node of the retained widget tree.
//
// A widget owns its children (unique_ptr) and has a stable automation id
// (may be empty for purely decorative widgets): tests, the kiosk's UI
// automation and hit testing name widgets by it, so ids must not depend on
// language or layout. Ids should be unique within a tree; FindById returns
// the first in depth-first order.
//
// A frame is Measure (bottom-up: how big would you like to be within these
// constraints) then Layout (top-down: here is your rect) then Paint. Layout
// may give a widget a rect of a different size than it measured (a column
// stretches its children); widgets must cope (a label re-wraps).
// Hit testing uses the rects of the last Layout.
//
// Not thread-safe; a tree belongs to the UI thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/hyphenator.h"
#include "ui/geometry.h"
#include "ui/painter.h"
#include "ui/text_measurer.h"
#include "ui/theme.h"

namespace gb::ui {

// What Measure and Layout may consult; all outlive the call. Without a
// hyphenator (null), labels break over-long words between code points.
struct LayoutContext {
  const TextMeasurer& text;
  const Theme& theme;
  const base::Hyphenator* hyphenator = nullptr;
};

class Widget {
 public:
  explicit Widget(std::string automation_id = {});
  virtual ~Widget();
  Widget(const Widget&) = delete;
  Widget& operator=(const Widget&) = delete;

  const std::string& id() const { return id_; }

  // Takes ownership of `child` and returns it for further setup.
  // REQUIRES: child != nullptr.
  template <typename T>
  T* Add(std::unique_ptr<T> child) {
    T* raw = child.get();
    children_.push_back(std::move(child));
    return raw;
  }
  const std::vector<std::unique_ptr<Widget>>& children() const { return children_; }

  // Share of a container's leftover main-axis space (0: none). Default 0.
  int flex() const { return flex_; }
  void set_flex(int flex) { flex_ = flex < 0 ? 0 : flex; }

  // Returns (and remembers as measured()) the size this widget wants.
  Size Measure(const Constraints& constraints, const LayoutContext& ctx);
  Size measured() const { return measured_; }

  // Places this widget (and, through OnLayout, its children) at `rect`.
  void Layout(const Rect& rect, const LayoutContext& ctx);
  const Rect& rect() const { return rect_; }

  // Paints this widget, then its children in order (later ones on top).
  void Paint(Painter& painter, const Theme& theme) const;

  // The deepest widget with a non-empty id whose rect contains `p` (later
  // siblings first, as they are painted on top), or nullptr.
  const Widget* HitTest(Point p) const;
  // HitTest's id, or nullopt when no widget with an id is under `p`.
  std::optional<std::string> HitTestId(Point p) const;

  const Widget* FindById(std::string_view id) const;
  Widget* FindById(std::string_view id) {
    return const_cast<Widget*>(static_cast<const Widget*>(this)->FindById(id));
  }

  // What UI automation reads from this widget (`expect #id TEXT`): a label's
  // text, a button's caption, a field's value, "on"/"off" for a toggle.
  // Default: the non-empty texts of the children, one a line (a card reads
  // as everything written on it).
  virtual std::string AutomationText() const;

 protected:
  // Default: the largest child's measured size (children stacked).
  virtual Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx);
  // Default: every child gets the whole rect.
  virtual void OnLayout(const LayoutContext& ctx);
  // Default: nothing (children are painted by Paint).
  virtual void OnPaint(Painter& painter, const Theme& theme) const;

 private:
  std::string id_;
  std::vector<std::unique_ptr<Widget>> children_;
  int flex_ = 0;
  Size measured_;
  Rect rect_;
};

}  // namespace gb::ui
