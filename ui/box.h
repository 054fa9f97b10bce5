// Box: a container that lines its children up along one axis, with padding
// around them and spacing between them. Row and Column are Boxes with a
// fixed axis; use those.
//
// Measure: children without flex are measured first, each with the room
// left inside the padding along the main axis (what earlier ones have not
// used); then each flexible child is measured with its share of what is
// left (by flex weight, like a CSS flex-basis of 0). The box asks for the
// sum of the main sizes plus spacing and padding and the largest cross size
// plus padding; with a flexible child and a bounded main axis it asks for
// the whole main axis.
// Layout: children without flex keep their measured main size; flexible
// children share the rest by weight (the remainder of the integer division
// goes to the last flexible child). On the cross axis children are placed by
// cross_align (kStretch: the full inner cross size; otherwise their measured
// size, clamped to the inner size).
// An optional background is painted as a rounded rect behind the children.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/color.h"
#include "ui/widget.h"

namespace gb::ui {

enum class Axis { kHorizontal, kVertical };
enum class CrossAlign { kStart, kCenter, kEnd, kStretch };

// Which theme colour a box's background takes.
enum class Surface { kNone, kBackground, kCard };

class Box : public Widget {
 public:
  Box(Axis axis, std::string automation_id = {});

  Axis axis() const { return axis_; }
  int padding() const { return padding_; }
  int spacing() const { return spacing_; }
  CrossAlign cross_align() const { return cross_align_; }

  Box& set_padding(int px) {
    padding_ = px < 0 ? 0 : px;
    return *this;
  }
  Box& set_spacing(int px) {
    spacing_ = px < 0 ? 0 : px;
    return *this;
  }
  Box& set_cross_align(CrossAlign a) {
    cross_align_ = a;
    return *this;
  }
  // The background and its corner radius (0: square). Default: none.
  Box& set_surface(Surface s, int corner_radius) {
    surface_ = s;
    corner_radius_ = corner_radius;
    return *this;
  }
  // A background in a colour of its own (banners, badges), overriding the
  // surface's theme colour.
  Box& set_fill(Color c, int corner_radius) {
    fill_ = c;
    corner_radius_ = corner_radius;
    return *this;
  }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnLayout(const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  std::vector<int> FlexShares(int free) const;
  int Main(Size s) const { return axis_ == Axis::kHorizontal ? s.width : s.height; }
  int Cross(Size s) const { return axis_ == Axis::kHorizontal ? s.height : s.width; }

  Axis axis_;
  int padding_ = 0;
  int spacing_ = 0;
  CrossAlign cross_align_ = CrossAlign::kStretch;
  Surface surface_ = Surface::kNone;
  int corner_radius_ = 0;
  std::optional<Color> fill_;
};

}  // namespace gb::ui
