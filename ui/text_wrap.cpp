#include "ui/text_wrap.h"

#include <cstdint>
#include <string_view>

#include "core/base/kinsoku.h"

namespace gb::ui {
namespace {

// Length in bytes of the UTF-8 sequence starting at s[i]. Stray continuation
// bytes count as one, so malformed input still makes progress.
std::size_t SeqLen(std::string_view s, std::size_t i) {
  std::size_t n = 1;
  while (i + n < s.size() && (static_cast<std::uint8_t>(s[i + n]) & 0xC0) == 0x80) ++n;
  return n;
}

char32_t Decode(std::string_view seq) {
  const auto b0 = static_cast<std::uint8_t>(seq[0]);
  if (b0 < 0x80 || seq.size() == 1) return b0;
  char32_t cp = b0 & (0xFF >> (seq.size() + 1));
  for (std::size_t k = 1; k < seq.size(); ++k) {
    cp = (cp << 6) | (static_cast<std::uint8_t>(seq[k]) & 0x3F);
  }
  return cp;
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

using base::IsNoLineEnd;
using base::IsNoLineStart;

char32_t FirstCodePoint(std::string_view s) { return Decode(s.substr(0, SeqLen(s, 0))); }

char32_t LastCodePoint(std::string_view s) {
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<std::uint8_t>(s[i]) & 0xC0) == 0x80) --i;
  return Decode(s.substr(i));
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Splits a paragraph into the pieces a line may not break inside: a word with
// its trailing spaces, or a single CJK character (with trailing spaces).
std::vector<std::string_view> Tokens(std::string_view p) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < p.size()) {
    const std::size_t n = SeqLen(p, i);
    const bool cjk = IsCjk(Decode(p.substr(i, n)));
    if (cjk && i > start) {  // a CJK character starts a token of its own
      out.push_back(p.substr(start, i - start));
      start = i;
    }
    i += n;
    const bool at_space_end = p[i - 1] == ' ' && (i == p.size() || p[i] != ' ');
    const bool next_cjk = i < p.size() && IsCjk(Decode(p.substr(i, SeqLen(p, i))));
    if (at_space_end || cjk || next_cjk) {
      while (i < p.size() && p[i] == ' ') ++i;
      out.push_back(p.substr(start, i - start));
      start = i;
    }
  }
  if (start < p.size()) out.push_back(p.substr(start));
  return out;
}

// Kinsoku: glues a token that may not start a line to the one before it, and
// a token that may not end a line to the one after it, so the line breaks one
// character earlier instead (oidashi: the pair moves down together). Never
// across a space, which the text chose as a break. The tokens are adjacent
// views of one paragraph, so gluing two is widening the first.
std::vector<std::string_view> GlueKinsoku(const std::vector<std::string_view>& tokens) {
  std::vector<std::string_view> out;
  for (std::string_view t : tokens) {
    if (!out.empty() && out.back().back() != ' ' &&
        (IsNoLineStart(FirstCodePoint(t)) || IsNoLineEnd(LastCodePoint(out.back())))) {
      const std::string_view prev = out.back();
      out.back() = std::string_view(prev.data(), prev.size() + t.size());
      continue;
    }
    out.push_back(t);
  }
  return out;
}

class LineBuilder {
 public:
  LineBuilder(const FontSpec& font, int max_width, const TextMeasurer& m,
              const base::Hyphenator* hyphenator)
      : font_(font), max_width_(max_width), m_(m), hyphenator_(hyphenator) {}

  void AddToken(std::string_view token) {
    const std::string candidate = line_ + std::string(TrimRight(token));
    if (m_.Width(candidate, font_) <= max_width_) {
      line_ += token;
      return;
    }
    if (!line_.empty()) Flush();
    if (m_.Width(TrimRight(token), font_) <= max_width_) {
      line_ = token;
      return;
    }
    BreakWord(token);
  }
  void Flush() {
    lines_.emplace_back(TrimRight(line_));
    line_.clear();
  }
  std::vector<std::string> Take() { return std::move(lines_); }

 private:
  // A token too wide for a line on its own, on an empty line: whole lines
  // of it, each ending in a hyphen where a break point fits, else cut
  // between code points; what is left stays on the current line.
  void BreakWord(std::string_view token) {
    const std::string_view word = TrimRight(token);
    std::vector<std::size_t> points;
    if (hyphenator_ != nullptr) points = hyphenator_->BreakPoints(word);
    std::size_t from = 0;
    while (m_.Width(word.substr(from), font_) > max_width_) {
      std::size_t cut = HyphenCut(word, from, points);
      if (cut != 0) {
        lines_.push_back(std::string(word.substr(from, cut - from)) + "-");
      } else {
        cut = from + FittingPrefix(word.substr(from));
        if (cut == word.size()) break;  // one code point wider than the line
        lines_.emplace_back(word.substr(from, cut - from));
      }
      from = cut;
    }
    line_ = token.substr(from);
  }

  // The last break point after `from` at which word[from, point) + "-"
  // fits, or 0 when none does.
  std::size_t HyphenCut(std::string_view word, std::size_t from,
                        const std::vector<std::size_t>& points) const {
    for (auto it = points.rbegin(); it != points.rend() && *it > from; ++it) {
      if (m_.Width(std::string(word.substr(from, *it - from)) + "-", font_) <= max_width_) {
        return *it;
      }
    }
    return 0;
  }

  // Bytes of the longest run of whole code points of s that fits, at least one.
  std::size_t FittingPrefix(std::string_view s) const {
    std::size_t end = SeqLen(s, 0);
    while (end < s.size()) {
      const std::size_t next = end + SeqLen(s, end);
      if (m_.Width(s.substr(0, next), font_) > max_width_) break;
      end = next;
    }
    return end;
  }

  const FontSpec& font_;
  int max_width_;
  const TextMeasurer& m_;
  const base::Hyphenator* hyphenator_;
  std::string line_;
  std::vector<std::string> lines_;
};

}  // namespace

std::vector<std::string> WrapText(std::string_view utf8, const FontSpec& font, int max_width,
                                  int max_lines, const TextMeasurer& measurer,
                                  const base::Hyphenator* hyphenator) {
  if (utf8.empty()) return {};
  LineBuilder builder(font, max_width, measurer, hyphenator);
  std::size_t begin = 0;
  while (true) {
    const std::size_t nl = utf8.find('\n', begin);
    const std::string_view para =
        utf8.substr(begin, nl == std::string_view::npos ? nl : nl - begin);
    for (std::string_view token : GlueKinsoku(Tokens(para))) builder.AddToken(token);
    builder.Flush();
    if (nl == std::string_view::npos) break;
    begin = nl + 1;
  }
  std::vector<std::string> lines = builder.Take();
  if (max_lines > 0 && lines.size() > static_cast<std::size_t>(max_lines)) {
    lines.resize(static_cast<std::size_t>(max_lines));
    // Always mark the cut, even when the kept line would fit as it is.
    std::string last = lines.back() + std::string(kEllipsis);
    lines.back() = Ellipsize(last, font, max_width, measurer);
  }
  return lines;
}

std::string Ellipsize(std::string_view line, const FontSpec& font, int max_width,
                      const TextMeasurer& measurer) {
  if (measurer.Width(line, font) <= max_width) return std::string(line);
  if (line.ends_with(kEllipsis)) line.remove_suffix(kEllipsis.size());
  std::string kept(TrimRight(line));
  while (!kept.empty()) {
    if (measurer.Width(kept + std::string(kEllipsis), font) <= max_width) break;
    std::size_t cut = kept.size() - 1;
    while (cut > 0 && (static_cast<std::uint8_t>(kept[cut]) & 0xC0) == 0x80) --cut;
    kept.resize(cut);
    kept = std::string(TrimRight(kept));
  }
  return kept + std::string(kEllipsis);
}

}  // namespace gb::ui
