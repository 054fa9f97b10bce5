// Label: read-only text, wrapped to its width (see text_wrap.h), with an
// ellipsis when it has more lines than max_lines, aligned within its rect.
//
// Measure asks for the width of its widest wrapped line (at most the
// constraint's max_width) and max_lines' worth of height at most. Layout
// re-wraps to the width it is given. The text colour is a theme role, so a
// tree follows a change of theme without being rebuilt.
#pragma once

#include <string>
#include <vector>

#include "ui/font_spec.h"
#include "ui/widget.h"

namespace gb::ui {

enum class Align { kStart, kCenter, kEnd };
enum class TextRole { kOnSurface, kMuted, kAccent, kOnPrimary };

class Label final : public Widget {
 public:
  Label(std::string text, FontSpec font, std::string automation_id = {});

  const std::string& text() const { return text_; }
  const FontSpec& font() const { return font_; }
  Label& set_text(std::string text) {
    text_ = std::move(text);
    return *this;
  }
  Label& set_align(Align a) {
    align_ = a;
    return *this;
  }
  Label& set_role(TextRole r) {
    role_ = r;
    return *this;
  }
  // 0: as many lines as the text needs (the default); 1: a single line.
  Label& set_max_lines(int n) {
    max_lines_ = n < 0 ? 0 : n;
    return *this;
  }

  // Essential text (a price, a countdown, a title a shopper needs) must
  // never be cut: the layout tests fail on an ellipsis in it. Painting is
  // the same; the flag states the screen's promise so tests can hold it.
  bool essential() const { return essential_; }
  Label& set_essential(bool essential = true) {
    essential_ = essential;
    return *this;
  }

  std::string AutomationText() const override { return text_; }

  // The lines of the last Measure or Layout, as they will be painted.
  const std::vector<std::string>& lines() const { return lines_; }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnLayout(const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  std::string text_;
  FontSpec font_;
  Align align_ = Align::kStart;
  TextRole role_ = TextRole::kOnSurface;
  int max_lines_ = 0;
  bool essential_ = false;
  std::vector<std::string> lines_;
  std::vector<int> line_widths_;
  int line_height_ = 0;
};

}  // namespace gb::ui
