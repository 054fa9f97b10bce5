#include "drivers/text/line_wrapper.h"

#include "core/base/kinsoku.h"
#include "drivers/text/utf8.h"

namespace gb::text {
namespace {

bool IsSpace(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == 0x3000; }

// A word, a run of spaces, or one CJK character.
std::size_t PieceEnd(std::u32string_view text, std::size_t i) {
  if (IsCjk(text[i])) return i + 1;
  const bool space = IsSpace(text[i]);
  std::size_t j = i + 1;
  while (j < text.size() && text[j] != U'\n' && IsSpace(text[j]) == space &&
         (space || !IsCjk(text[j]))) {
    ++j;
  }
  return j;
}

// Indivisible units: pieces, glued by kinsoku shori where no space lies
// between them (a mark that may not start a line stays with what precedes
// it, one that may not end a line with what follows), so the line breaks a
// character earlier instead of starting with "，" or "。".
std::size_t UnitEnd(std::u32string_view text, std::size_t i) {
  std::size_t j = PieceEnd(text, i);
  if (IsSpace(text[i])) return j;
  while (j < text.size() && text[j] != U'\n' && !IsSpace(text[j]) &&
         (base::IsNoLineStart(text[j]) || base::IsNoLineEnd(text[j - 1]))) {
    j = PieceEnd(text, j);
  }
  return j;
}

class Wrapper {
 public:
  Wrapper(std::u32string_view text, int max_width,
          const std::function<int(std::u32string_view)>& measure,
          const base::Hyphenator* hyphenator)
      : text_(text), max_width_(max_width), measure_(measure), hyphenator_(hyphenator) {}

  std::vector<LineSpan> Run() {
    std::size_t i = 0;
    while (i < text_.size()) {
      if (text_[i] == U'\n') {
        Push(start_, end_);
        start_ = end_ = ++i;
        after_wrap_ = false;
        continue;
      }
      const std::size_t unit_end = UnitEnd(text_, i);
      if (IsSpace(text_[i])) {
        // Spaces need not fit: they are trimmed if the line breaks after them.
        // After a wrap they are dropped, but kept as indentation otherwise.
        if (after_wrap_ && end_ == start_) start_ = unit_end;
        end_ = i = unit_end;
        continue;
      }
      if (Fits(start_, unit_end)) {
        end_ = i = unit_end;
        continue;
      }
      if (TrimEnd(start_, end_) > start_) {  // break before this unit
        Push(start_, end_);
        start_ = end_ = i;
        after_wrap_ = true;
        continue;
      }
      // The unit alone is too wide: hyphenate it where a piece fits, else
      // take as many characters as fit, at least one.
      if (const std::size_t at = HyphenCut(i, unit_end); at != 0) {
        lines_.push_back({i, at, true});
        start_ = end_ = i = at;
        after_wrap_ = true;
        continue;
      }
      std::size_t cut = i + 1;
      while (cut < unit_end && Fits(i, cut + 1)) ++cut;
      Push(i, cut);
      start_ = end_ = i = cut;
      after_wrap_ = true;
    }
    if (TrimEnd(start_, end_) > start_ || lines_.empty()) Push(start_, end_);
    return lines_;
  }

 private:
  bool Fits(std::size_t begin, std::size_t end) const {
    return measure_(text_.substr(begin, end - begin)) <= max_width_;
  }
  std::size_t TrimEnd(std::size_t begin, std::size_t end) const {
    while (end > begin && IsSpace(text_[end - 1])) --end;
    return end;
  }
  void Push(std::size_t begin, std::size_t end) {
    lines_.push_back({begin, TrimEnd(begin, end), false});
  }

  // The last break point of the word ending at unit_end, after `from`, at
  // which text[from, point) + "-" fits; 0 when none does. The word's points
  // are found once, from its first letter, however many lines it takes.
  std::size_t HyphenCut(std::size_t from, std::size_t unit_end) {
    if (hyphenator_ == nullptr) return 0;
    if (points_end_ != unit_end) {
      points_end_ = unit_end;
      points_.clear();
      const std::u32string_view word = text_.substr(from, unit_end - from);
      const std::string utf8 = EncodeUtf8(word);
      const std::vector<std::size_t> bytes = hyphenator_->BreakPoints(utf8);
      // Byte offsets to code point indexes: count lead bytes before each.
      std::size_t cp = 0;
      std::size_t b = 0;
      for (std::size_t offset : bytes) {
        for (; b < offset && b < utf8.size(); ++b) {
          cp += (static_cast<unsigned char>(utf8[b]) & 0xC0) != 0x80;
        }
        points_.push_back(from + cp);
      }
    }
    for (auto it = points_.rbegin(); it != points_.rend() && *it > from; ++it) {
      std::u32string piece(text_.substr(from, *it - from));
      piece += U'-';
      if (measure_(piece) <= max_width_) return *it;
    }
    return 0;
  }

  std::u32string_view text_;
  int max_width_;
  const std::function<int(std::u32string_view)>& measure_;
  const base::Hyphenator* hyphenator_;
  std::vector<std::size_t> points_;  // break points (code point indexes) of the word
  std::size_t points_end_ = 0;       // ending here, or 0 before the first
  std::vector<LineSpan> lines_;
  std::size_t start_ = 0;  // first code point of the current line
  std::size_t end_ = 0;    // end of what the current line holds so far
  bool after_wrap_ = false;
};

}  // namespace

std::vector<LineSpan> WrapLines(std::u32string_view text, int max_width,
                                const std::function<int(std::u32string_view)>& measure,
                                const base::Hyphenator* hyphenator) {
  return Wrapper(text, max_width, measure, hyphenator).Run();
}

}  // namespace gb::text
