// Greedy line wrapping over code points, independent of any font engine:
// widths come from a caller-supplied measure function. Pure.
//
// Break opportunities: after a run of spaces, and before and after each CJK
// character, except where kinsoku shori forbids it (base/kinsoku.h: "，"
// never starts a line, "「" never ends one; the line breaks a character
// earlier). '\n' forces a break. Spaces at a wrapped line end are dropped,
// and so are spaces at the start of a wrapped line. A word wider than the
// line is hyphenated where the hyphenator allows it (the longest piece that
// fits with its "-"; see base/hyphenator.h), else split between characters.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "core/base/hyphenator.h"

namespace gb::text {

struct LineSpan {
  std::size_t begin = 0;  // index of the first code point
  std::size_t end = 0;    // one past the last code point
  bool hyphen = false;    // the line ends inside a word: draw a "-" after it
  bool operator==(const LineSpan&) const = default;
};

// measure(segment) returns the width of segment in pixels.
// Returns at least one span (possibly empty) for any input.
// hyphenator may be null: over-long words are then split between characters.
// REQUIRES: max_width >= 1.
std::vector<LineSpan> WrapLines(std::u32string_view text, int max_width,
                                const std::function<int(std::u32string_view)>& measure,
                                const base::Hyphenator* hyphenator = nullptr);

}  // namespace gb::text
