// Image: a catalog picture (a deal's photo) in a rounded frame.
//
// Pure: it asks the Painter to draw the picture named `key`
// (Painter::DrawImage); the SDL adapter loads PNGs with SDL2_image. When
// the painter has no such picture (no file, unreadable, no key at all) it
// paints a stand-in: a card tinted by the key's hash with the initials of
// `alt` (the deal's title) in the middle, so a missing photo still looks
// intended and tells deals apart.
// Measure: the width offered (or `height` * 4 / 3 when unbounded) and the
// preferred height.
#pragma once

#include <string>

#include "ui/color.h"
#include "ui/font_spec.h"
#include "ui/widget.h"

namespace gb::ui {

class Image final : public Widget {
 public:
  Image(std::string key, std::string alt, int height, std::string automation_id = {});

  const std::string& key() const { return key_; }
  // Up to two initials of alt's first words, upper-cased where the script
  // has case ("Sofa Oslo" -> "SO", "奥斯陆三人沙发" -> "奥斯").
  const std::string& initials() const { return initials_; }
  // The stand-in's tint, derived from key (or alt when key is empty).
  Color tint() const;

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnLayout(const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  std::string key_;
  std::string alt_;
  std::string initials_;
  int height_;
  FontSpec font_{};
  int text_width_ = 0;
  int line_height_ = 0;
  int radius_ = 0;
};

}  // namespace gb::ui
