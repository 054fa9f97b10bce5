// Line breaking for labels and buttons. Pure: widths come from a TextMeasurer.
//
// WrapText breaks UTF-8 text into lines no wider than max_width:
// - '\n' always ends a line;
// - lines break after spaces, and before or after any CJK character
//   (Han, kana, CJK punctuation, full-width forms), which are written without
//   spaces; the spaces at a break are dropped;
// - kinsoku shori: a character that may not start a line (closing brackets
//   and quotes, 。，、．！？：；・ー, small kana, and ASCII ) ] } , . ! ? : ;)
//   stays with the character before it, and one that may not end a line
//   (opening brackets and quotes: （「『【〔《〈“‘ and ASCII ( [ {) stays
//   with the character after it. Where such a pair does not fit, the line
//   breaks one character earlier (oidashi): lines never overhang max_width,
//   so labels keep inside their rect. Never applied across a space;
// - a word (or such a group) wider than max_width is broken with a hyphen
//   where the hyphenator allows it: each line takes the longest prefix
//   ending at one of its break points that fits with the "-" added. Where
//   no break point fits (or without a hyphenator, or for words it does not
//   know), the word is broken between code points with no hyphen, the one
//   place a closing mark may still start a line;
// - with max_lines > 0 and more lines than that, the last kept line ends in
//   an ellipsis ("…") and still fits max_width.
// A line may exceed max_width only when a single code point (or the
// ellipsis alone) is wider than max_width. Empty text gives no lines.
// Malformed UTF-8 is passed through byte by byte (never fails).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/hyphenator.h"
#include "ui/font_spec.h"
#include "ui/text_measurer.h"

namespace gb::ui {

inline constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

// hyphenator may be null (no hyphenation); it is only consulted for words
// too wide for a line.
std::vector<std::string> WrapText(std::string_view utf8, const FontSpec& font, int max_width,
                                  int max_lines, const TextMeasurer& measurer,
                                  const base::Hyphenator* hyphenator = nullptr);

// `line` shortened at its end, with an ellipsis, to fit max_width; `line`
// itself if it already fits. Returns just the ellipsis when nothing else fits.
std::string Ellipsize(std::string_view line, const FontSpec& font, int max_width,
                      const TextMeasurer& measurer);

}  // namespace gb::ui
