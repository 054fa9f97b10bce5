// Overlay: a base widget with sheets painted over its top (or bottom) edge.
// The first child is the base and gets the whole rect; every later child is
// a sheet laid out across the top (Edge::kBottom: the bottom) of the rect at
// its measured height, painted (and hit-tested) above the base. A sheet that
// comes and goes therefore never moves anything in the base: what was under
// a finger stays there.
#pragma once

#include <algorithm>
#include <string>

#include "ui/widget.h"

namespace gb::ui {

class Overlay final : public Widget {
 public:
  enum class Edge { kTop, kBottom };
  explicit Overlay(std::string automation_id = {}, Edge edge = Edge::kTop)
      : Widget(std::move(automation_id)), edge_(edge) {}

 protected:
  // The base's size; sheets measure within the same constraints.
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override {
    Size base;
    for (std::size_t i = 0; i < children().size(); ++i) {
      const Size s = children()[i]->Measure(constraints, ctx);
      if (i == 0) base = s;
    }
    return base;
  }
  void OnLayout(const LayoutContext& ctx) override {
    const Rect r = rect();
    for (std::size_t i = 0; i < children().size(); ++i) {
      Widget& child = *children()[i];
      if (i == 0) {
        child.Layout(r, ctx);
        continue;
      }
      child.Measure({r.width, r.height}, ctx);
      const int h = std::min(child.measured().height, r.height);
      child.Layout({r.x, edge_ == Edge::kTop ? r.y : r.bottom() - h, r.width, h}, ctx);
    }
  }

 private:
  Edge edge_;
};

}  // namespace gb::ui
