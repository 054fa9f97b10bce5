// Hyphenator: where a word may be broken with a hyphen, by its language's
// rules. The seam between line breaking, which is pure (the screen's
// ui/text_wrap, the receipts' drivers/text/line_wrapper), and a dictionary
// (drivers/hyphen, on libhyphen). Tests use fakes.
//
// Contract of BreakPoints(word):
// - `word` is UTF-8 without spaces; it may carry punctuation (a glued comma,
//   quotes), which never gets a break point;
// - the result lists byte offsets into `word`, strictly increasing, each
//   0 < offset < word.size() and at a code point boundary, at which the
//   word may end a line as word.substr(0, offset) + "-" and go on with
//   word.substr(offset);
// - empty when the word may not be hyphenated (no dictionary for its
//   script, too short for the language's minimums, not letters).
// Never fails; malformed UTF-8 gives no break points.
// Thread-safety: implementations need not be thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace gb::base {

class Hyphenator {
 public:
  virtual ~Hyphenator() = default;
  virtual std::vector<std::size_t> BreakPoints(std::string_view word) const = 0;
};

}  // namespace gb::base
