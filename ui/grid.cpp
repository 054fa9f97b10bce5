#include "ui/grid.h"

#include <algorithm>

namespace gb::ui {

Grid::Grid(int columns, std::string automation_id)
    : Widget(std::move(automation_id)), columns_(std::max(1, columns)) {}

int Grid::Rows() const {
  const int n = static_cast<int>(children().size());
  return (n + columns_ - 1) / columns_;
}

int Grid::CellWidth(int inner_width, int column) const {
  const int free = std::max(0, inner_width - spacing_ * (columns_ - 1));
  const int base = free / columns_;
  // The last column absorbs the remainder so the cells fill the row exactly.
  return column == columns_ - 1 ? free - base * (columns_ - 1) : base;
}

Size Grid::OnMeasure(const Constraints& constraints, const LayoutContext& ctx) {
  const bool bounded = constraints.max_width < Constraints::kUnbounded;
  const int inner = bounded ? std::max(0, constraints.max_width - 2 * padding_) : 0;
  const auto& kids = children();
  row_heights_.assign(static_cast<std::size_t>(Rows()), 0);
  int widest = 0;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    const int column = static_cast<int>(i) % columns_;
    const int room = bounded ? CellWidth(inner, column) : Constraints::kUnbounded;
    const Size s = kids[i]->Measure({room, Constraints::kUnbounded}, ctx);
    auto& row = row_heights_[i / static_cast<std::size_t>(columns_)];
    row = std::max(row, s.height);
    widest = std::max(widest, s.width);
  }
  if (uniform_rows_ && !row_heights_.empty()) {
    const int tallest = *std::max_element(row_heights_.begin(), row_heights_.end());
    std::fill(row_heights_.begin(), row_heights_.end(), tallest);
  }
  int height = 2 * padding_;
  for (std::size_t r = 0; r < row_heights_.size(); ++r) {
    height += row_heights_[r] + (r > 0 ? spacing_ : 0);
  }
  const int width = bounded ? constraints.max_width
                            : widest * columns_ + spacing_ * (columns_ - 1) + 2 * padding_;
  return {width, height};
}

void Grid::OnLayout(const LayoutContext& ctx) {
  const Rect inner = rect().Inset(padding_);
  const auto& kids = children();
  int y = inner.y;
  for (std::size_t r = 0; r < row_heights_.size(); ++r) {
    int x = inner.x;
    for (int c = 0; c < columns_; ++c) {
      const std::size_t i = r * static_cast<std::size_t>(columns_) + static_cast<std::size_t>(c);
      if (i >= kids.size()) break;
      const int w = CellWidth(inner.width, c);
      kids[i]->Layout({x, y, w, row_heights_[r]}, ctx);
      x += w + spacing_;
    }
    y += row_heights_[r] + spacing_;
  }
}

}  // namespace gb::ui
