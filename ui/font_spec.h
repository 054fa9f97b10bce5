// FontSpec: what text is drawn with. The family is the toolkit's fixed chain
// (a Latin/Cyrillic face, then a CJK face, chosen per code point by the
// renderer); only the pixel size (the em) and the weight vary.
#pragma once

namespace gb::ui {

enum class Weight { kRegular, kBold };

struct FontSpec {
  int px = 32;  // em size in pixels; REQUIRES: px > 0
  Weight weight = Weight::kRegular;
  friend bool operator==(const FontSpec&, const FontSpec&) = default;
  friend auto operator<=>(const FontSpec&, const FontSpec&) = default;
};

}  // namespace gb::ui
