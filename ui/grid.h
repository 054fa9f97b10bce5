// Grid: children in rows of `columns` equal-width cells, left to right, top
// to bottom, with padding around and spacing between cells.
//
// Measure: each child is measured with the cell width; a row is as tall as
// its tallest child. The grid asks for the whole width it is offered (or the
// sum of its widest children's widths when unbounded) and the sum of the row
// heights. Layout: every child gets its cell (the full cell width and the
// row's height); the last column takes the remainder of the integer division.
// Rows that do not fit the rect's height are still laid out (below it):
// there is no scrolling, so callers size what they put in.
#pragma once

#include <string>
#include <vector>

#include "ui/widget.h"

namespace gb::ui {

class Grid : public Widget {
 public:
  // REQUIRES: columns >= 1 (smaller values count as 1).
  explicit Grid(int columns, std::string automation_id = {});

  int columns() const { return columns_; }
  Grid& set_padding(int px) {
    padding_ = px < 0 ? 0 : px;
    return *this;
  }
  Grid& set_spacing(int px) {
    spacing_ = px < 0 ? 0 : px;
    return *this;
  }
  // Every row as tall as the tallest (keypads); default: each row its own.
  Grid& set_uniform_rows(bool uniform) {
    uniform_rows_ = uniform;
    return *this;
  }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnLayout(const LayoutContext& ctx) override;

 private:
  int Rows() const;
  int CellWidth(int inner_width, int column) const;

  int columns_;
  int padding_ = 0;
  int spacing_ = 0;
  bool uniform_rows_ = false;
  std::vector<int> row_heights_;  // of the last Measure
};

}  // namespace gb::ui
