// Theme: the kiosk's colours, type scale and touch sizes. Pure data.
//
// Sizes are pixels of the 1080x1920 / 1920x1080 panels, viewed at arm's
// length. kMinTouchTarget is the smallest side any interactive widget may
// have; Button enforces it in Measure.
#pragma once

#include "ui/color.h"
#include "ui/font_spec.h"

namespace gb::ui {

struct Palette {
  Color background;       // behind everything
  Color surface;          // cards
  Color on_surface;       // body text on a card
  Color muted;            // secondary text on a card
  Color primary;          // enabled buttons, progress fill
  Color primary_pressed;  // a button while a finger is on it
  Color on_primary;       // text on primary
  Color disabled;         // disabled buttons
  Color on_disabled;      // text on disabled
  Color track;            // the empty part of a progress bar
  Color accent;           // prices
};

struct TypeScale {
  FontSpec display;  // deal titles
  FontSpec title;    // prices, headings
  FontSpec body;     // descriptions
  FontSpec label;    // button captions
  FontSpec caption;  // small print
};

class Theme {
 public:
  static constexpr int kMinTouchTarget = 48;

  // The everyday theme: dark text on light cards, blue actions.
  static Theme Default();
  // Black and white with a yellow action colour; all text/background pairs
  // have a contrast ratio of at least 7:1 (WCAG AAA).
  static Theme HighContrast();

  // The same theme for a screen `factor` times the size of the reference
  // panels: type, corners, spacing, padding and bar heights scale (rounded,
  // never below 1 px); the minimum touch target does not (fingers do not
  // shrink). REQUIRES: factor > 0.
  Theme Scaled(double factor) const;

  const Palette& palette() const { return palette_; }
  const TypeScale& type() const { return type_; }
  int corner_radius() const { return corner_radius_; }
  int spacing() const { return spacing_; }  // between siblings
  int padding() const { return padding_; }  // inside cards
  int button_padding() const { return button_padding_; }
  int progress_height() const { return progress_height_; }
  int touch_target() const { return kMinTouchTarget; }

 private:
  Theme() = default;
  Palette palette_{};
  TypeScale type_{};
  int corner_radius_ = 24;
  int spacing_ = 24;
  int padding_ = 48;
  int button_padding_ = 24;
  int progress_height_ = 28;
};

}  // namespace gb::ui
