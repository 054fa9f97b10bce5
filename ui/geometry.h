// Geometry of the UI toolkit: integer pixels, origin at the top left, y down.
// Pure values (no SDL); a Rect with a non-positive width or height is empty
// and contains no point.
#pragma once

#include <algorithm>
#include <climits>

namespace gb::ui {

struct Point {
  int x = 0;
  int y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

struct Size {
  int width = 0;
  int height = 0;
  friend bool operator==(const Size&, const Size&) = default;
};

struct Rect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;

  int right() const { return x + width; }    // exclusive
  int bottom() const { return y + height; }  // exclusive
  bool empty() const { return width <= 0 || height <= 0; }
  bool Contains(Point p) const {
    return !empty() && p.x >= x && p.x < right() && p.y >= y && p.y < bottom();
  }
  // The rect shrunk by `inset` on every side; never negative in size.
  Rect Inset(int inset) const {
    return {x + inset, y + inset, std::max(0, width - 2 * inset), std::max(0, height - 2 * inset)};
  }
  friend bool operator==(const Rect&, const Rect&) = default;
};

// The most room a parent offers a child in Measure. kUnbounded means "as much
// as you like" (a column's height while it measures its children).
struct Constraints {
  static constexpr int kUnbounded = INT_MAX / 4;
  int max_width = kUnbounded;
  int max_height = kUnbounded;
};

}  // namespace gb::ui
