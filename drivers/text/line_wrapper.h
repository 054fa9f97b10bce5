// Greedy line wrapping over code points, independent of any font engine:
// widths come from a caller-supplied measure function. Pure.
//
// Break opportunities: after a run of spaces, and before and after each CJK
// character, except where kinsoku shori forbids it (base/kinsoku.h: "，"
// never starts a line, "「" never ends one; the line breaks a character
// earlier). '\n' forces a break. Spaces at a wrapped line end are dropped,
// and so are spaces at the start of a wrapped line. A word wider than the
// line is split between characters.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace gb::text {

struct LineSpan {
  std::size_t begin = 0;  // index of the first code point
  std::size_t end = 0;    // one past the last code point
  bool operator==(const LineSpan&) const = default;
};

// measure(segment) returns the width of segment in pixels.
// Returns at least one span (possibly empty) for any input.
// REQUIRES: max_width >= 1.
std::vector<LineSpan> WrapLines(std::u32string_view text, int max_width,
                                const std::function<int(std::u32string_view)>& measure);

}  // namespace gb::text
